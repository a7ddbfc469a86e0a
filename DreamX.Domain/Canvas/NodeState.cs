namespace DreamX.Domain.Canvas;

/// <summary>Where a node's content stands; drives the badge and the Generate/Regenerate action.</summary>
public enum NodeState
{
    Empty,
    Queued,
    Running,
    Ready,
    Failed,
    Stale,
}
