using DreamX.Domain.Common;

namespace DreamX.Domain.Assets;

/// <summary>A music bed admins upload; compose picks one by mood for the episode.</summary>
public sealed class MusicTrack : Entity
{
    public const int TitleMaxLength = 120;
    public const int MoodMaxLength = 40;

    /// <summary>A bed shorter than this loops too audibly under an episode.</summary>
    public const int MinDurationSeconds = 10;

    public string Title { get; set; } = "";
    public string Mood { get; set; } = "";
    public string AudioKey { get; set; } = "";
    public decimal DurationSeconds { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
