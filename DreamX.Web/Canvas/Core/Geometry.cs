namespace DreamX.Web.Canvas.Core;

/// <summary>A point in diagram (world) or screen coordinates; which one is said by the member using it.</summary>
public readonly record struct Point(double X, double Y)
{
    public static Point Zero => new(0, 0);

    public Point Add(double dx, double dy) => new(X + dx, Y + dy);
}

public readonly record struct Size(double Width, double Height);

/// <summary>An axis-aligned rectangle.</summary>
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

    /// <summary>The smallest rectangle around all of <paramref name="rects"/>; null when there are none.</summary>
    public static Rect? Around(IEnumerable<Rect> rects)
    {
        Rect? bounds = null;
        foreach (var rect in rects)
            bounds = bounds is { } b ? b.Union(rect) : rect;
        return bounds;
    }
}
