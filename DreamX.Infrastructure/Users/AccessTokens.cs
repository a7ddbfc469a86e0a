using System.Security.Cryptography;
using System.Text;
using DreamX.Domain.Common;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Users;

/// <summary>What the token list shows: never the token itself, only its prefix.</summary>
public sealed record AccessTokenView(
    Guid Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt);

/// <summary>A token just created: <paramref name="Token"/> is shown once and never stored.</summary>
public sealed record CreatedAccessToken(AccessTokenView View, string Token);

/// <summary>Who a presented token speaks for, when it is valid.</summary>
public sealed record AccessTokenPrincipal(Guid TokenId, string UserId, string? UserName, IReadOnlyList<string> Roles, IReadOnlyList<string> Scopes);

/// <summary>
/// Personal access tokens for the API: created (shown once, stored as SHA-256), listed, revoked, and checked on every
/// API request. A token is <c>dxs_</c> followed by 256 random bits in base64url, so a leaked one is recognisable by
/// secret scanners and cannot be guessed.
/// </summary>
public sealed class AccessTokens(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
{
    public const string TokenPrefix = "dxs_";
    public const int MaxActivePerUser = 50;
    public const int MaxLifetimeDays = 366;

    public static class Errors
    {
        public const string NotFound = "token.not_found";
        public const string NameRequired = "token.name_required";
        public const string NameTooLong = "token.name_too_long";
        public const string ScopeRequired = "token.scope_required";
        public const string ExpiryInPast = "token.expiry_in_past";
        public const string ExpiryTooFar = "token.expiry_too_far";
        public const string TooMany = "token.too_many";
    }

    /// <summary>Why a presented token was refused (for the WWW-Authenticate error description).</summary>
    public static class Refusals
    {
        public const string Malformed = "The token is not a DreamX access token.";
        public const string Unknown = "The token is unknown or was revoked.";
        public const string Expired = "The token has expired.";
        public const string Locked = "The account is locked.";
    }

    /// <summary>Last-used is written at most this often per token, so a busy client does not write on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<IReadOnlyList<AccessTokenView>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var tokens = await db.PersonalAccessTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return tokens.Select(View).ToList();
    }

    /// <summary>Creates a token; the plain token is in the result only, hashed in the database.</summary>
    public async Task<Result<CreatedAccessToken>> CreateAsync(
        string userId, string name, IEnumerable<string> scopes, DateTimeOffset? expiresAt, CancellationToken ct = default)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
            return Result.Failure<CreatedAccessToken>(Errors.NameRequired);
        if (trimmed.Length > PersonalAccessToken.NameMaxLength)
            return Result.Failure<CreatedAccessToken>(Errors.NameTooLong);
        var scopeText = TokenScopes.Format(scopes ?? []);
        if (scopeText.Length == 0)
            return Result.Failure<CreatedAccessToken>(Errors.ScopeRequired);
        var now = clock.GetUtcNow();
        if (expiresAt is { } expiry && expiry <= now)
            return Result.Failure<CreatedAccessToken>(Errors.ExpiryInPast);
        if (expiresAt is { } far && far > now.AddDays(MaxLifetimeDays))
            return Result.Failure<CreatedAccessToken>(Errors.ExpiryTooFar);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var active = await db.PersonalAccessTokens.CountAsync(
            t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), ct);
        if (active >= MaxActivePerUser)
            return Result.Failure<CreatedAccessToken>(Errors.TooMany);

        var plain = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new PersonalAccessToken
        {
            UserId = userId,
            Name = trimmed,
            TokenHash = Hash(plain),
            Prefix = plain[..12],
            Scopes = scopeText,
            CreatedAt = now,
            ExpiresAt = expiresAt,
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedAccessToken(View(token), plain);
    }

    /// <summary>Revokes the user's token (idempotent); another user's token id is <see cref="Errors.NotFound"/>.</summary>
    public async Task<Result> RevokeAsync(string userId, Guid tokenId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, ct);
        if (token is null)
            return Result.Failure(Errors.NotFound);
        token.RevokedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>The principal a presented token stands for, or the reason it is refused; records its last use.</summary>
    public async Task<Result<AccessTokenPrincipal>> AuthenticateAsync(string presented, CancellationToken ct = default)
    {
        if (!LooksLikeToken(presented))
            return Result.Failure<AccessTokenPrincipal>(Refusals.Malformed);
        var hash = Hash(presented);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Join(db.Users, t => t.UserId, u => u.Id, (t, u) => new { Token = t, u.UserName, u.LockoutEnd })
            .FirstOrDefaultAsync(ct);
        if (found is null || found.Token.RevokedAt is not null)
            return Result.Failure<AccessTokenPrincipal>(Refusals.Unknown);
        if (found.Token.IsExpired(now))
            return Result.Failure<AccessTokenPrincipal>(Refusals.Expired);
        if (found.LockoutEnd is { } lockedUntil && lockedUntil > now)
            return Result.Failure<AccessTokenPrincipal>(Refusals.Locked);

        var roles = await db.UserRoles.Where(r => r.UserId == found.Token.UserId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(ct);
        if (found.Token.LastUsedAt is not { } last || now - last >= LastUsedResolution)
        {
            var tokenId = found.Token.Id;
            await db.PersonalAccessTokens.Where(t => t.Id == tokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        return new AccessTokenPrincipal(found.Token.Id, found.Token.UserId, found.UserName, roles, found.Token.ScopeList);
    }

    public static bool LooksLikeToken(string? value) =>
        value is { Length: > 20 and < 200 } && value.StartsWith(TokenPrefix, StringComparison.Ordinal);

    /// <summary>The stored form: lowercase hex SHA-256 of the token's UTF-8 bytes.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static AccessTokenView View(PersonalAccessToken t) =>
        new(t.Id, t.Name, t.Prefix, t.ScopeList, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
