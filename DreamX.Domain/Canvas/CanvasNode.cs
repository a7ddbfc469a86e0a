using DreamX.Domain.Common;

namespace DreamX.Domain.Canvas;

/// <summary>
/// Content that appears as a node on the canvas: it has a state, a version counter and the last error.
/// Every stage entity (story bible, character, episode script, scene, shot, composition) derives from it.
/// </summary>
public abstract class CanvasNode : Entity
{
    public Guid ProjectId { get; set; }
    public NodeState State { get; set; } = NodeState.Empty;
    public string? LastError { get; set; }

    /// <summary>Number of the content version currently shown (0 while empty).</summary>
    public int CurrentVersion { get; set; }

    /// <summary>True when the current content was written by the creator, not by a generator.</summary>
    public bool EditedByHand { get; set; }

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Optimistic concurrency token (PostgreSQL xmin).</summary>
    public uint RowVersion { get; set; }

    public abstract NodeKind Kind { get; }

    public void MarkStale()
    {
        if (State is NodeState.Ready or NodeState.Failed)
            State = NodeState.Stale;
    }

    public void MarkFailed(string reason)
    {
        State = NodeState.Failed;
        LastError = reason;
        UpdatedAt = DateTimeOffset.UtcNow;
    }
}
