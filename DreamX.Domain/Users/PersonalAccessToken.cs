using DreamX.Domain.Common;

namespace DreamX.Domain.Users;

/// <summary>A token for API clients (SPEC §8); only its SHA-256 hash is stored.</summary>
public sealed class PersonalAccessToken : Entity
{
    public string UserId { get; init; } = "";
    public string Name { get; set; } = "";
    public string TokenHash { get; init; } = "";

    /// <summary>The first characters, shown so the user can tell tokens apart.</summary>
    public string Prefix { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
