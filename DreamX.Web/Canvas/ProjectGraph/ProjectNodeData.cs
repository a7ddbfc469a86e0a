using DreamX.Domain.Canvas;

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
    IReadOnlyList<NodeFact>? Facts = null)
{
    public NodeState State => Entity?.State ?? NodeState.Empty;
    public string? Error => Entity?.LastError;
    public IReadOnlyList<NodeFact> FactList => Facts ?? [];

    /// <summary>A signed URL for <see cref="ThumbnailKey"/>, once resolved; the card shows a placeholder until then.</summary>
    public string? ThumbnailUrl { get; set; }

    /// <summary>Progress of a running generation (0-100), pushed live by the engine.</summary>
    public int? Progress { get; set; }
}

/// <summary>A labelled fact of a node (the label is a resource key of CanvasText).</summary>
public sealed record NodeFact(string Label, string Value);
