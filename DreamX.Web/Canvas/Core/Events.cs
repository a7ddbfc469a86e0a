using Blazor.Diagrams.Core.Geometry;

namespace DreamX.Web.Canvas.Core;

/// <summary>A pointer event in container coordinates (pixels from the canvas' top-left corner).</summary>
public sealed record CanvasPointerEvent(double X, double Y, int Button = 0, bool Ctrl = false, bool Shift = false)
{
    public Point Point => new(X, Y);
    public bool AddsToSelection => Ctrl || Shift;
}

/// <summary>A wheel turn at a point of the container; a negative delta zooms in.</summary>
public sealed record CanvasWheelEvent(double X, double Y, double DeltaY)
{
    public Point Point => new(X, Y);
}

/// <summary>A key pressed on the canvas (key names as in the DOM: "Enter", "Escape", "Tab").</summary>
public sealed record CanvasKeyEvent(string Key, bool Shift = false, bool Ctrl = false);
