using System.Security.Claims;
using System.Text.Encodings.Web;
using DreamX.Infrastructure.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Api.Foundation;

/// <summary>
/// <c>Authorization: Bearer dxs_…</c> for <c>/api/v1</c> and <c>/mcp</c>: a personal access token, checked against its
/// stored hash on every request. The API never reads the cookie, so a browser session cannot be ridden (no CSRF surface).
/// </summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessTokens tokens,
    IProblemDetailsService problems) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";
    public const string ScopeClaim = "scope";
    public const string TokenIdClaim = "token_id";

    private string? _refusal;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var presented = header["Bearer ".Length..].Trim();
        var found = await tokens.AuthenticateAsync(presented, Context.RequestAborted);
        if (found.IsFailure)
        {
            _refusal = found.Error;
            return AuthenticateResult.Fail(found.Error!);
        }

        var principal = found.Value;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, principal.UserId),
            new(TokenIdClaim, principal.TokenId.ToString()),
        };
        if (principal.UserName is { } name)
            claims.Add(new Claim(ClaimTypes.Name, name));
        claims.AddRange(principal.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(principal.Scopes.Select(s => new Claim(ScopeClaim, s)));
        var identity = new ClaimsIdentity(claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = _refusal is null
            ? "Bearer realm=\"dreamx\""
            : $"Bearer realm=\"dreamx\", error=\"invalid_token\", error_description=\"{_refusal}\"";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = _refusal ?? "Send a personal access token: Authorization: Bearer dxs_…",
                Type = ApiProblems.TypeBase + "unauthorized",
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"dreamx\", error=\"insufficient_scope\"";
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Forbidden",
                Detail = "This token may not do that: it lacks the scope (read, write) or the account the role it needs.",
                Type = ApiProblems.TypeBase + "forbidden",
            },
        });
    }
}
