using DreamX.Domain.Common;
using DreamX.Domain.Projects;

namespace DreamX.Web.Components.Pages.Projects;

/// <summary>The checkpoint form's editable state; <see cref="ToInput"/> hands it to the domain rules and services.</summary>
public sealed class CheckpointModel
{
    public ProjectType Type { get; set; } = ProjectType.SingleEpisode;
    public string Title { get; set; } = "";
    public string Language { get; set; } = StoryLanguage.Chinese;
    public ContentRating Rating { get; set; } = ContentRating.PG13;
    public Guid? VisualStyleId { get; set; }
    public int EpisodeCount { get; set; } = 1;
    public int EpisodeDurationSeconds { get; set; } = 60;
    public AspectRatio AspectRatio { get; set; } = AspectRatio.Portrait9x16;
    public string Idea { get; set; } = "";
    public int NotePageCount { get; set; } = DreamX.Domain.Notes.NoteRules.DefaultPages;
    public string NoteTone { get; set; } = DreamX.Domain.Notes.NoteRules.DefaultTone;

    /// <summary>A music video's song, received and analysed (an upload waits in a scratch folder until the project is created).</summary>
    public DreamX.Infrastructure.MusicVideos.ReceivedSong? Song { get; set; }

    public string Lyrics { get; set; } = "";
    public double? ExcerptStartSeconds { get; set; }
    public double? ExcerptEndSeconds { get; set; }

    public CheckpointInput ToInput() => new()
    {
        Type = Type,
        Title = Title,
        Language = Language,
        Rating = Rating,
        VisualStyleId = VisualStyleId,
        EpisodeCount = EpisodeCount,
        AspectRatio = AspectRatio,
        Idea = Idea,
        NotePageCount = NotePageCount,
        NoteTone = NoteTone,
        // The upload's own key is given when the project is created (SongIntake stores it under the new project).
        SongKey = Song is null ? null : Song.TrackKey ?? "upload",
        SongTrackId = Song?.TrackId,
        SongName = Song?.Name,
        SongSeconds = Song?.Seconds,
        Lyrics = Type == ProjectType.MusicMv ? Lyrics : null,
        ExcerptStartSeconds = Type == ProjectType.MusicMv ? ExcerptStartSeconds : null,
        ExcerptEndSeconds = Type == ProjectType.MusicMv ? ExcerptEndSeconds : null,
        EpisodeDurationSeconds = Type == ProjectType.MusicMv && Song is not null
            ? DreamX.Domain.MusicVideos.SongRules.EpisodeSeconds(Song.Seconds, ExcerptStartSeconds, ExcerptEndSeconds)
            : EpisodeDurationSeconds,
    };

    /// <summary>Keeps the episode count consistent with the type as the creator switches it.</summary>
    public void ChangeType(ProjectType type)
    {
        Type = type;
        if (type == ProjectType.MultiEpisodes && EpisodeCount < 2)
            EpisodeCount = 3;
        else if (type != ProjectType.MultiEpisodes)
            EpisodeCount = 1;
    }
}
