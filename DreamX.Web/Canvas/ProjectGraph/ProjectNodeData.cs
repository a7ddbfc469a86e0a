using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production;

namespace DreamX.Web.Canvas.ProjectGraph;

/// <summary>
/// What a project node's card and side panel show: the stored entity (null for a stage not generated yet),
/// a one-line subtitle, the thumbnail's object key, and facts as label/value pairs.
/// </summary>
public sealed record ProjectNodeData(
    NodeKind Kind,
    CanvasNode? Entity,
    string Subtitle,
    string? ThumbnailKey = null,
    IReadOnlyList<NodeFact>? Facts = null,
    IReadOnlyList<NodeFailure>? Failures = null)
{
    public NodeState State => ShownState ?? Entity?.State ?? NodeState.Empty;

    /// <summary>The state of a node that has no entity of its own (a note's export: ready once every page and the post are).</summary>
    public NodeState? ShownState { get; init; }

    /// <summary>The checkpoint of an image-text note: its main action writes the outline, not a story bible.</summary>
    public bool IsNote { get; init; }

    /// <summary>A node of a music video: its actions follow the video's spine (song map, beat-cut shots, no voices).</summary>
    public bool IsMusicVideo { get; init; }

    /// <summary>For a note's export node: its pages in order and its post.</summary>
    public IReadOnlyList<DreamX.Domain.Notes.NotePage> NotePages { get; init; } = [];
    public DreamX.Domain.Notes.NotePost? NotePost { get; init; }

    /// <summary>For a note's export node: signed view and download links of its pages, once resolved.</summary>
    public IReadOnlyList<NoteSlide> Slides { get; set; } = [];
    public string? Error => Entity?.LastError;
    public IReadOnlyList<NodeFact> FactList => Facts ?? [];

    /// <summary>Work started from this node whose latest try failed (its own content, or a cast / shot list made from it).</summary>
    public IReadOnlyList<NodeFailure> FailureList => Failures ?? [];

    /// <summary>For the compose node: the episode's planned length (the checkpoint's promise), in seconds.</summary>
    public int? PlannedSeconds { get; init; }

    /// <summary>For the compose node: the episode's length with every line voiced (the shots' measured lengths), once all are.</summary>
    public decimal? VoicedSeconds { get; init; }

    /// <summary>A signed URL for <see cref="ThumbnailKey"/> (the whole picture: the side panel, a clip's poster), once resolved.</summary>
    public string? ThumbnailUrl { get; set; }

    /// <summary>A signed URL of the small square the card itself shows of <see cref="ThumbnailKey"/> (see
    /// <c>CardThumbnails</c>), once made; the card shows its kind's icon until then.</summary>
    public string? CardPictureUrl { get; set; }

    /// <summary>For the compose node: a signed URL of its latest video, once resolved.</summary>
    public string? VideoUrl { get; set; }

    /// <summary>For the compose node: signed download links of its latest render by format (mp4, srt, otio).</summary>
    public IReadOnlyDictionary<string, string> Downloads { get; set; } = new Dictionary<string, string>();

    /// <summary>For a shot: a signed URL of its video clip, once resolved, and who made it ("provider · model").</summary>
    public string? ClipUrl { get; set; }
    public string? ClipMaker { get; set; }

    /// <summary>Progress of a running generation (0-100), pushed live by the engine.</summary>
    public int? Progress { get; set; }

    /// <summary>Who made the node's current results (its text, picture, voice), each with its provider and model.</summary>
    public IReadOnlyList<NodeMaker> Makers { get; init; } = [];
}

/// <summary>
/// The provider and model that made one of a node's results; <paramref name="Fallback"/>: the built-in provider made it,
/// standing in for a configured one that failed.
/// </summary>
public sealed record NodeMaker(GenerationTaskType Work, string Provider, string? Model, bool Fallback);

/// <summary>One page of a note in the carousel: its picture, a link that saves it as <paramref name="FileName"/>.</summary>
public sealed record NoteSlide(int Number, string Url, string DownloadUrl, string FileName);

/// <summary>A labelled fact of a node (the label is a resource key of CanvasText).</summary>
public sealed record NodeFact(string Label, string Value);

/// <summary>
/// One failed piece of work shown on a node: what failed, why (in words a creator can act on), and the production
/// step (limited to <paramref name="NodeId"/>, or the whole stage when null) that retries it.
/// </summary>
public sealed record NodeFailure(GenerationTaskType Work, TaskFailureReason Reason, ProductionStep RetryStep, Guid? NodeId);
