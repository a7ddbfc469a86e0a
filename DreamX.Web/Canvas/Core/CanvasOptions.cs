namespace DreamX.Web.Canvas.Core;

/// <summary>The studio's limits and steps of the canvas' gestures; <see cref="Diagram"/> hands them to the library's options.</summary>
public sealed record CanvasOptions
{
    public double MinZoom { get; init; } = 0.1;
    public double MaxZoom { get; init; } = 2.5;

    /// <summary>Factor of one zoom step (a wheel notch or a toolbar button).</summary>
    public double ZoomStep { get; init; } = 1.15;

    /// <summary>Free space kept around the graph by "fit to screen", in screen pixels.</summary>
    public double FitMargin { get; init; } = 48;

    /// <summary>How far inside the container's edges a revealed node must be (clear of the toolbar and minimap), in screen pixels.</summary>
    public double RevealInset { get; init; } = 140;
}
