using System.ComponentModel.DataAnnotations;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Users;
using DreamX.Web.Api.Foundation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DreamX.Web.Api.Me;

/// <summary>A new access token: a name, its scopes and when it stops working (none: it never expires).</summary>
public sealed class CreateTokenRequest
{
    /// <summary>What the token is for, e.g. "nightly batch".</summary>
    [Required(ErrorMessage = "A token needs a name.")]
    [StringLength(PersonalAccessToken.NameMaxLength, ErrorMessage = "A token's name has at most 80 characters.")]
    public string Name { get; init; } = "";

    /// <summary>"read", or "read" and "write".</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [TokenScopes.Read];

    /// <summary>When the token stops working; at most a year ahead.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
}

/// <summary>/api/v1/me/tokens: the caller's personal access tokens (the profile page does the same).</summary>
public static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokenEndpoints(this RouteGroupBuilder me)
    {
        me.MapGet("/tokens", ListAsync).WithName("ListTokens").WithSummary("Your access tokens (never the tokens themselves)");
        me.MapPost("/tokens", CreateAsync).WithName("CreateToken").WithSummary("Create an access token: the answer is the only time it is shown")
            .RequiresWrite().Validates<CreateTokenRequest>();
        me.MapDelete("/tokens/{tokenId:guid}", RevokeAsync).WithName("RevokeToken").WithSummary("Revoke an access token").RequiresWrite();
        return me;
    }

    private static async Task<Ok<IReadOnlyList<AccessTokenView>>> ListAsync(HttpContext http, AccessTokens tokens, CancellationToken ct) =>
        TypedResults.Ok(await tokens.ListAsync(http.UserId(), ct));

    private static async Task<Results<Created<CreatedAccessToken>, ProblemHttpResult>> CreateAsync(
        CreateTokenRequest request, HttpContext http, AccessTokens tokens, CancellationToken ct)
    {
        var created = await tokens.CreateAsync(http.UserId(), request.Name, request.Scopes, request.ExpiresAt, ct);
        if (created.IsFailure)
            return ApiProblems.From(created, Describe);
        return TypedResults.Created($"{ApiRoutes.Prefix}/me/tokens/{created.Value.View.Id}", created.Value);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(Guid tokenId, HttpContext http, AccessTokens tokens, CancellationToken ct)
    {
        var revoked = await tokens.RevokeAsync(http.UserId(), tokenId, ct);
        return revoked.IsSuccess ? TypedResults.NoContent() : ApiProblems.From(revoked, Describe);
    }

    internal static string Describe(string code) => code switch
    {
        AccessTokens.Errors.NotFound => "There is no such token.",
        AccessTokens.Errors.NameRequired => "A token needs a name.",
        AccessTokens.Errors.NameTooLong => "A token's name has at most 80 characters.",
        AccessTokens.Errors.ScopeRequired => "Pick at least one scope: read or write.",
        AccessTokens.Errors.ExpiryInPast => "The expiry must be in the future.",
        AccessTokens.Errors.ExpiryTooFar => "A token lives at most a year.",
        AccessTokens.Errors.TooMany => "You have 50 active tokens: revoke one first.",
        _ => code,
    };
}
