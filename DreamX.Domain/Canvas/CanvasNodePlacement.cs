namespace DreamX.Domain.Canvas;

/// <summary>Where the creator put a node on the canvas; absent nodes are placed by the auto-layout.</summary>
public sealed class CanvasNodePlacement
{
    public Guid ProjectId { get; init; }

    /// <summary>Stable node key on the canvas, e.g. "scene:{id}" or "stage:characters".</summary>
    public string NodeKey { get; init; } = "";

    public double X { get; set; }
    public double Y { get; set; }
    public bool Collapsed { get; set; }
}
