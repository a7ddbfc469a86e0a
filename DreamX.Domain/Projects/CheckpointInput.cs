namespace DreamX.Domain.Projects;

/// <summary>What the creator fills in at the checkpoint (SPEC §2).</summary>
public sealed record CheckpointInput
{
    public ProjectType Type { get; init; } = ProjectType.SingleEpisode;
    public string Title { get; init; } = "";
    public string Language { get; init; } = Common.StoryLanguage.Chinese;
    public ContentRating Rating { get; init; } = ContentRating.PG13;
    public Guid? VisualStyleId { get; init; }
    public int EpisodeCount { get; init; } = 1;
    public int EpisodeDurationSeconds { get; init; } = 60;
    public AspectRatio AspectRatio { get; init; } = AspectRatio.Portrait9x16;
    public string Idea { get; init; } = "";

    /// <summary>An image-text note's content pages (1-9).</summary>
    public int NotePageCount { get; init; } = Notes.NoteRules.DefaultPages;

    /// <summary>An image-text note's tone.</summary>
    public string NoteTone { get; init; } = Notes.NoteRules.DefaultTone;

    /// <summary>A music video's song: its stored audio (set by the song intake, never typed).</summary>
    public string? SongKey { get; init; }

    /// <summary>The library track picked as the song, if it was.</summary>
    public Guid? SongTrackId { get; init; }

    /// <summary>The song's file name or title, for the creator.</summary>
    public string? SongName { get; init; }

    /// <summary>The song's measured length in seconds.</summary>
    public double? SongSeconds { get; init; }

    /// <summary>Optional lyrics, plain text or LRC.</summary>
    public string? Lyrics { get; init; }

    /// <summary>Optional excerpt of the song (seconds).</summary>
    public double? ExcerptStartSeconds { get; init; }
    public double? ExcerptEndSeconds { get; init; }
}
