using DreamX.Domain.Users;
using Microsoft.AspNetCore.Authorization;

namespace DreamX.Web.Api.Foundation;

/// <summary>
/// The API's authorization policies. All of them authenticate with the access token only (never the cookie):
/// <see cref="Read"/> for every endpoint, <see cref="Write"/> for anything that changes or spends, <see cref="Admin"/>
/// for the admin role's endpoints (admin changes need <see cref="Write"/> too).
/// </summary>
public static class ApiPolicies
{
    public const string Read = "api:read";
    public const string Write = "api:write";
    public const string Admin = "api:admin";

    public static AuthorizationBuilder AddApiPolicies(this AuthorizationBuilder authorization) => authorization
        .AddPolicy(Read, p => Token(p).RequireClaim(AccessTokenAuthenticationHandler.ScopeClaim, TokenScopes.Read, TokenScopes.Write))
        .AddPolicy(Write, p => Token(p).RequireClaim(AccessTokenAuthenticationHandler.ScopeClaim, TokenScopes.Write))
        .AddPolicy(Admin, p => Token(p).RequireRole(Infrastructure.Identity.Roles.Admin));

    private static AuthorizationPolicyBuilder Token(AuthorizationPolicyBuilder policy) => policy
        .AddAuthenticationSchemes(AccessTokenAuthenticationHandler.SchemeName)
        .RequireAuthenticatedUser();
}
