using Blazor.Diagrams.Core.Geometry;

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

    /// <summary>
    /// The corners of the container where the toolbar (bottom left) and the minimap (bottom right) float, each with its
    /// distance from the edges and a gap, in screen pixels: "fit to screen" keeps cards out of them (a card under the
    /// minimap could not be clicked).
    /// </summary>
    public Size ToolbarCorner { get; init; } = new(16 + 240 + 8, 16 + 44 + 8);

    /// <inheritdoc cref="ToolbarCorner"/>
    public Size MinimapCorner { get; init; } = new(16 + 200 + 8, 16 + 128 + 8);

    /// <summary>How far inside the container's edges a revealed node must be (clear of the toolbar and minimap), in screen pixels.</summary>
    public double RevealInset { get; init; } = 140;
}
