namespace DreamX.Domain.Users;

/// <summary>What a user shows and prefers: nickname, avatar, time zone (for check-ins) and UI language.</summary>
public sealed class UserProfile
{
    public const int NicknameMaxLength = 40;

    public string UserId { get; init; } = "";
    public string Nickname { get; set; } = "";
    public string? AvatarKey { get; set; }
    public string TimeZoneId { get; set; } = "UTC";
    public string? Culture { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
