using System.ComponentModel;
using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Canvas;

namespace DreamX.Web.Api.Projects;

/// <summary>A new project's checkpoint: the same fields and rules as the checkpoint form.</summary>
public sealed class CreateProjectRequest
{
    /// <summary>SingleEpisode, MultiEpisodes, ScriptBased (then <see cref="Idea"/> holds the script) or RedbookNote (an image-text note).</summary>
    public ProjectType Type { get; init; } = ProjectType.SingleEpisode;

    [Description("The project's title, 1 to 80 characters.")]
    public string Title { get; init; } = "";

    /// <summary>"zh-CN" or "en-US".</summary>
    public string Language { get; init; } = Domain.Common.StoryLanguage.Chinese;

    public ContentRating Rating { get; init; } = ContentRating.PG13;

    /// <summary>A visual style from <c>GET /api/v1/catalog/styles</c>, or none.</summary>
    public Guid? VisualStyleId { get; init; }

    public int EpisodeCount { get; init; } = 1;

    /// <summary>Seconds per episode, 15 to 600.</summary>
    public int EpisodeDurationSeconds { get; init; } = 60;

    public AspectRatio AspectRatio { get; init; } = AspectRatio.Portrait9x16;

    /// <summary>The idea (10 to 4,000 characters) or, for a script-based project, the script (up to 20,000).</summary>
    public string Idea { get; init; } = "";

    /// <summary>An image-text note's content pages, 1 to 9 (the cover comes on top).</summary>
    public int NotePageCount { get; init; } = Domain.Notes.NoteRules.DefaultPages;

    /// <summary>An image-text note's tone: friendly (the default), expert, playful or heartfelt.</summary>
    public string? NoteTone { get; init; }

    public CheckpointInput ToInput() => new()
    {
        Type = Type, Title = Title?.Trim() ?? "", Language = Language, Rating = Rating, VisualStyleId = VisualStyleId,
        EpisodeCount = EpisodeCount, EpisodeDurationSeconds = EpisodeDurationSeconds, AspectRatio = AspectRatio, Idea = Idea ?? "",
        NotePageCount = NotePageCount, NoteTone = string.IsNullOrWhiteSpace(NoteTone) ? Domain.Notes.NoteRules.DefaultTone : NoteTone.Trim(),
    };
}

/// <summary>What can change on a project: its title and its budget cap (null fields are left alone).</summary>
public sealed class UpdateProjectRequest
{
    public string? Title { get; init; }

    /// <summary>The most credits the project may spend; 0 removes the cap.</summary>
    public int? BudgetCapCredits { get; init; }
}

/// <summary>A copy's title.</summary>
public sealed class DuplicateProjectRequest
{
    public string Title { get; init; } = "";
}

public sealed record CheckpointResponse(
    Guid Id, NodeState State, int Version, string Language, ContentRating Rating, Guid? VisualStyleId, int EpisodeCount,
    int EpisodeDurationSeconds, AspectRatio AspectRatio, string Idea, string? Genre);

public sealed record BibleResponse(
    Guid Id, NodeState State, int Version, bool EditedByHand, string Logline, string Synopsis, string World, IReadOnlyList<string> Themes,
    string Tone, string? Genre, IReadOnlyList<Domain.Stories.EpisodePlanEntry> EpisodePlan, string? LastError);

public sealed record CharacterResponse(
    Guid Id, NodeState State, int Version, string Key, string Name, string Occupation, CharacterLevel Level, Gender Gender, int? Age,
    string Bio, string Appearance, bool HasPortrait, Guid? VoiceId, string? LastError);

public sealed record ShotResponse(
    Guid Id, NodeState State, int Version, int Order, ShotType ShotType, CameraMove CameraMove, decimal DurationSeconds,
    ShotTransition Transition, string VisualPrompt, IReadOnlyList<string> CharacterKeys, ScriptLine? SpokenLine,
    bool HasImage, bool HasAudio, bool HasClip, string? LastError);

public sealed record SceneResponse(
    Guid Id, NodeState State, int Version, int Number, string Heading, SceneSetting Setting, string Location, TimeOfDay TimeOfDay,
    IReadOnlyList<string> ActionLines, IReadOnlyList<ScriptLine> Lines, SceneDesign? Design, NodeState ShotsState,
    IReadOnlyList<ShotResponse> Shots, string? LastError);

public sealed record EpisodeResponse(
    Guid Id, NodeState State, int Version, int Number, string Title, string Summary, IReadOnlyList<SceneResponse> Scenes, string? LastError);

/// <param name="Language">The language version it was composed in (null: the episode's own language).</param>
public sealed record RenderResponse(
    Guid Id, int Version, RenderQuality Quality, decimal DurationSeconds, int Width, int Height, long SizeBytes, bool HasSubtitles,
    bool HasTimeline, DateTimeOffset CreatedAt, string? Language = null);

/// <param name="Language">The language its compose renders now: one of the episode's versions, or null for its own.</param>
public sealed record CompositionResponse(
    Guid Id, NodeState State, int Version, Guid EpisodeId, bool BurnSubtitles, Guid? MusicTrackId, IReadOnlyList<RenderResponse> Renders,
    string? LastError, string? Language = null);

/// <summary>Work whose latest task failed: what kind, on which node, why (a reason, never the raw error).</summary>
public sealed record FailureResponse(Domain.Generation.GenerationTaskType TaskType, Guid TargetId, Infrastructure.Generation.TaskFailureReason Reason, DateTimeOffset At);

/// <summary>A whole project: checkpoint, bible, cast, episodes with scenes and shots, compositions with their renders.</summary>
public sealed record ProjectResponse(
    Guid Id, string Title, ProjectType Type, ProjectStage Stage, int? BudgetCapCredits, int CreditsSpent,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, CheckpointResponse Checkpoint, BibleResponse? StoryBible,
    IReadOnlyList<CharacterResponse> Characters, IReadOnlyList<EpisodeResponse> Episodes, IReadOnlyList<CompositionResponse> Compositions,
    IReadOnlyList<FailureResponse> Failures)
{
    public static ProjectResponse From(ProjectGraph graph)
    {
        var p = graph.Project;
        var c = p.Checkpoint;
        return new ProjectResponse(
            p.Id, p.Title, p.Type, p.Stage, p.BudgetCapCredits, p.CreditsSpent, p.CreatedAt, p.UpdatedAt,
            new CheckpointResponse(c.Id, c.State, c.CurrentVersion, c.Language, c.Rating, c.VisualStyleId, c.EpisodeCount,
                c.EpisodeDurationSeconds, c.AspectRatio, c.Idea, c.Genre),
            graph.StoryBible is { } b
                ? new BibleResponse(b.Id, b.State, b.CurrentVersion, b.EditedByHand, b.Logline, b.Synopsis, b.World, b.Themes, b.Tone, b.Genre,
                    b.EpisodePlan, b.LastError)
                : null,
            graph.Characters.Select(ch => new CharacterResponse(ch.Id, ch.State, ch.CurrentVersion, ch.Key, ch.Name, ch.Occupation, ch.Level,
                ch.Gender, ch.Age, ch.Bio, ch.Appearance, ch.PortraitKey is not null, ch.VoiceId, ch.LastError)).ToList(),
            graph.Episodes.Select(e => new EpisodeResponse(e.Id, e.State, e.CurrentVersion, e.Number, e.Title, e.Summary,
                e.Scenes.Select(s => new SceneResponse(s.Id, s.State, s.CurrentVersion, s.Number, s.HeadingIn(c.Language), s.Setting, s.Location,
                    s.TimeOfDay, s.ActionLines, s.Lines, s.Design, s.ShotsState,
                    s.Shots.Select(Shot).ToList(), s.LastError)).ToList(), e.LastError)).ToList(),
            graph.Compositions.Select(co => new CompositionResponse(co.Id, co.State, co.CurrentVersion, co.EpisodeId, co.BurnSubtitles,
                co.MusicTrackId, co.Renders.OrderByDescending(r => r.Version).Select(Render).ToList(), co.LastError, co.Language)).ToList(),
            graph.Failures.Select(f => new FailureResponse(f.Type, f.TargetId, f.Reason, f.At)).ToList());
    }

    public static ShotResponse Shot(Shot s) => new(s.Id, s.State, s.CurrentVersion, s.Order, s.ShotType, s.CameraMove, s.DurationSeconds,
        s.Transition, s.VisualPrompt, s.CharacterKeys, s.SpokenLine, s.ImageKey is not null, s.AudioKey is not null, s.ClipKey is not null,
        s.LastError);

    public static RenderResponse Render(CompositionRender r) => new(r.Id, r.Version, r.Quality, r.DurationSeconds, r.Width, r.Height,
        r.SizeBytes, r.SubtitlesKey is not null, r.TimelineKey is not null, r.CreatedAt, r.Language);
}
