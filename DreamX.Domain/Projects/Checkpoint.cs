using DreamX.Domain.Canvas;

namespace DreamX.Domain.Projects;

/// <summary>The first node of the canvas: the settings every later stage is generated from.</summary>
public sealed class Checkpoint : CanvasNode
{
    public override NodeKind Kind => NodeKind.Checkpoint;

    public string Language { get; set; } = Common.StoryLanguage.Chinese;
    public ContentRating Rating { get; set; }
    public Guid? VisualStyleId { get; set; }
    public int EpisodeCount { get; set; } = 1;
    public int EpisodeDurationSeconds { get; set; } = 60;
    public AspectRatio AspectRatio { get; set; }
    public string Idea { get; set; } = "";

    /// <summary>Genre chosen by the creator or found by "improve my idea"; null lets the writer detect it.</summary>
    public string? Genre { get; set; }

    /// <summary>The structured brief written by "improve my idea" (jsonb), if any.</summary>
    public string? ImprovedBriefJson { get; set; }

    /// <summary>An image-text note's content pages (1-9; the cover comes on top).</summary>
    public int NotePageCount { get; set; } = Notes.NoteRules.DefaultPages;

    /// <summary>An image-text note's tone (<see cref="Notes.NoteRules.Tones"/>).</summary>
    public string NoteTone { get; set; } = Notes.NoteRules.DefaultTone;

    /// <summary>A music video's song: the stored audio (the project's upload, or the library track's file).</summary>
    public string? SongKey { get; set; }

    /// <summary>The library track the song was picked from, if it was.</summary>
    public Guid? SongTrackId { get; set; }

    /// <summary>The song's name as the creator knows it (the uploaded file's name or the track's title).</summary>
    public string? SongName { get; set; }

    /// <summary>The song's length, measured by ffprobe.</summary>
    public double? SongSeconds { get; set; }

    /// <summary>The lyrics as given (plain text or LRC); parsed by <see cref="MusicVideos.LyricsParser"/>.</summary>
    public string? Lyrics { get; set; }

    /// <summary>The excerpt of the song the video covers (null: from the start / to the end).</summary>
    public double? ExcerptStartSeconds { get; set; }
    public double? ExcerptEndSeconds { get; set; }

    /// <summary>The song's analysis (tempo, beats, sections; jsonb), made when the song was chosen.</summary>
    public string? SongAnalysisJson { get; set; }

    public static Checkpoint From(Guid projectId, CheckpointInput input) => new()
    {
        ProjectId = projectId,
        State = NodeState.Ready,
        CurrentVersion = 1,
        EditedByHand = true,
        Language = input.Language,
        Rating = input.Rating,
        VisualStyleId = input.VisualStyleId,
        EpisodeCount = input.EpisodeCount,
        EpisodeDurationSeconds = input.EpisodeDurationSeconds,
        AspectRatio = input.AspectRatio,
        Idea = input.Idea.Trim(),
        NotePageCount = input.NotePageCount,
        NoteTone = input.NoteTone,
        SongKey = input.SongKey,
        SongTrackId = input.SongTrackId,
        SongName = input.SongName,
        SongSeconds = input.SongSeconds,
        Lyrics = string.IsNullOrWhiteSpace(input.Lyrics) ? null : input.Lyrics.Trim(),
        ExcerptStartSeconds = input.ExcerptStartSeconds,
        ExcerptEndSeconds = input.ExcerptEndSeconds,
    };

    public CheckpointInput ToInput(string title = "", ProjectType type = ProjectType.SingleEpisode) => new()
    {
        Title = title,
        Type = type,
        Language = Language,
        Rating = Rating,
        VisualStyleId = VisualStyleId,
        EpisodeCount = EpisodeCount,
        EpisodeDurationSeconds = EpisodeDurationSeconds,
        AspectRatio = AspectRatio,
        Idea = Idea,
        NotePageCount = NotePageCount,
        NoteTone = NoteTone,
        SongKey = SongKey,
        SongTrackId = SongTrackId,
        SongName = SongName,
        SongSeconds = SongSeconds,
        Lyrics = Lyrics,
        ExcerptStartSeconds = ExcerptStartSeconds,
        ExcerptEndSeconds = ExcerptEndSeconds,
    };
}
