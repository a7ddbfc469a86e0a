using DreamX.Domain.Common;

namespace DreamX.Domain.Canvas;

/// <summary>
/// An immutable snapshot of a node's content. Generation and hand edits each append one,
/// so a regenerate never loses a hand edit and any earlier version can be restored.
/// </summary>
public sealed class NodeContentVersion : Entity
{
    public Guid ProjectId { get; init; }
    public NodeKind NodeKind { get; init; }
    public Guid NodeId { get; init; }
    public int Version { get; init; }
    public NodeVersionSource Source { get; init; }

    /// <summary>The node's content serialised as JSON (stored as jsonb).</summary>
    public string ContentJson { get; init; } = "{}";

    public Guid? TaskId { get; init; }
    public string? CreatedBy { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
