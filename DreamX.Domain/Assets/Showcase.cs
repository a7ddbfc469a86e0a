using DreamX.Domain.Common;

namespace DreamX.Domain.Assets;

public enum ShowcaseStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A published work in the public gallery: submitted by a creator or added by an admin.</summary>
public sealed class Showcase : Entity
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 2000;
    public const int ReviewNoteMaxLength = 1000;

    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string? CoverKey { get; set; }
    public string? VideoKey { get; set; }
    public Guid? ProjectId { get; set; }
    public Guid? EpisodeId { get; set; }
    public string? SubmittedBy { get; set; }
    public ShowcaseStatus Status { get; set; } = ShowcaseStatus.Pending;
    public string? ReviewNote { get; set; }
    public string? ReviewedBy { get; set; }
    public int SortOrder { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>
    /// Every finished language of a submitted episode (its own and its language versions), each with its video and its
    /// subtitles (copied with the showcase); the first is the one <see cref="VideoKey"/> plays. Empty for an admin's entry.
    /// </summary>
    public List<ShowcaseLanguage> Languages { get; set; } = [];

    /// <summary>
    /// A published image-text note: its pages and post as they were when it was submitted (the pages copied with the
    /// showcase, so a page the creator makes again later does not change what the gallery shows). Null for a video.
    /// </summary>
    public ShowcaseNote? Note { get; set; }

    /// <summary>Every stored file of the showcase: cover, video, each language's video and subtitles, each note page.</summary>
    public IEnumerable<string> MediaKeys() =>
        new[] { CoverKey, VideoKey }
            .Concat(Languages.SelectMany(l => new[] { l.VideoKey, l.SubtitlesKey }))
            .Concat(Note?.PageKeys ?? [])
            .OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>
/// An image-text note in the showcase: its page pictures in reading order (the cover first; copies kept with the
/// showcase) and its post (title, body, hashtags without the '#').
/// </summary>
public sealed record ShowcaseNote(IReadOnlyList<string> PageKeys, string PostTitle, string PostBody, IReadOnlyList<string> Hashtags);

/// <summary>One language of a showcase: its video and its SRT subtitles (null when the render had none).</summary>
public sealed record ShowcaseLanguage(string Language, string VideoKey, string? SubtitlesKey);
