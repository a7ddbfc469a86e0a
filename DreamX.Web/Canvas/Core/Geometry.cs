using Blazor.Diagrams.Core.Geometry;

namespace DreamX.Web.Canvas.Core;

/// <summary>
/// An axis-aligned rectangle by its corner and size (points and sizes are the library's). The library's
/// <see cref="Rectangle"/> is built from its edges and has no containment test; layout and viewport work use this.
/// </summary>
public readonly record struct Rect(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;
    public double Bottom => Y + Height;
    public Point Center => new(X + Width / 2, Y + Height / 2);

    public bool Intersects(Rect other) =>
        X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool Contains(Rect other) =>
        other.X >= X && other.Right <= Right && other.Y >= Y && other.Bottom <= Bottom;

    public Rect Union(Rect other)
    {
        var left = Math.Min(X, other.X);
        var top = Math.Min(Y, other.Y);
        return new Rect(left, top, Math.Max(Right, other.Right) - left, Math.Max(Bottom, other.Bottom) - top);
    }

    /// <summary>This rectangle grown by <paramref name="margin"/> on every side.</summary>
    public Rect Inflate(double margin) => new(X - margin, Y - margin, Width + 2 * margin, Height + 2 * margin);

    /// <summary>The smallest rectangle around all of <paramref name="rects"/>; null when there are none.</summary>
    public static Rect? Around(IEnumerable<Rect> rects)
    {
        Rect? bounds = null;
        foreach (var rect in rects)
            bounds = bounds is { } b ? b.Union(rect) : rect;
        return bounds;
    }
}
