namespace DreamX.Domain.Assets;

/// <summary>What an admin fills in for a music track; the duration is measured from the file, not typed.</summary>
public sealed record MusicTrackDraft(string Title, string Mood, bool IsActive = true)
{
    /// <summary>The first rule the draft breaks (a <see cref="CatalogErrors"/> code), or null.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
            return CatalogErrors.TitleRequired;
        if (Title.Trim().Length > MusicTrack.TitleMaxLength || (Mood ?? "").Trim().Length > MusicTrack.MoodMaxLength)
            return CatalogErrors.TooLong;
        return null;
    }

    public void ApplyTo(MusicTrack track)
    {
        track.Title = Title.Trim();
        track.Mood = (Mood ?? "").Trim();
        track.IsActive = IsActive;
    }

    public static MusicTrackDraft From(MusicTrack track) => new(track.Title, track.Mood, track.IsActive);
}

/// <summary>Why a music track was refused, beyond the shared <see cref="CatalogErrors"/>; each code is the key of its message in the music texts.</summary>
public static class MusicTrackErrors
{
    public const string AudioRequired = "Music.Error.AudioRequired";
    public const string AudioUnreadable = "Music.Error.AudioUnreadable";
    public const string TooShort = "Music.Error.TooShort";

    public static bool IsMusicError(string? code) => code?.StartsWith("Music.Error.", StringComparison.Ordinal) == true;
}
