using DreamX.Domain.Common;

namespace DreamX.Domain.Users;

/// <summary>A token for API clients (SPEC §8); only its SHA-256 hash is stored.</summary>
public sealed class PersonalAccessToken : Entity
{
    public const int NameMaxLength = 80;

    public string UserId { get; init; } = "";
    public string Name { get; set; } = "";
    public string TokenHash { get; init; } = "";

    /// <summary>The first characters, shown so the user can tell tokens apart.</summary>
    public string Prefix { get; init; } = "";

    /// <summary>What the token may do, space separated (<see cref="TokenScopes"/>).</summary>
    public string Scopes { get; init; } = TokenScopes.Read;

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public IReadOnlyList<string> ScopeList => TokenScopes.Parse(Scopes);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expires && expires <= now;

    /// <summary>Accepted for a request at <paramref name="now"/>: neither revoked nor expired.</summary>
    public bool IsActive(DateTimeOffset now) => RevokedAt is null && !IsExpired(now);
}

/// <summary>The scopes a personal access token can carry. <c>write</c> includes <c>read</c>.</summary>
public static class TokenScopes
{
    public const string Read = "read";
    public const string Write = "write";

    public static readonly IReadOnlyList<string> All = [Read, Write];

    /// <summary>The known scopes in <paramref name="scopes"/> (space or comma separated), write implying read.</summary>
    public static IReadOnlyList<string> Parse(string? scopes)
    {
        var given = (scopes ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.ToLowerInvariant()).ToHashSet();
        if (given.Contains(Write))
            given.Add(Read);
        return All.Where(given.Contains).ToList();
    }

    public static string Format(IEnumerable<string> scopes) => string.Join(' ', Parse(string.Join(' ', scopes)));
}
