using Blazor.Diagrams.Core.Geometry;

namespace DreamX.Web.Canvas.Core;

/// <summary>
/// The overview in the corner: the whole graph scaled into a small box, with the part the container shows
/// drawn as a rectangle. Everything is in minimap pixels.
/// </summary>
public sealed record Minimap(double Scale, Point Offset, IReadOnlyList<MinimapNode> Nodes, Rect Viewport, Size Size)
{
    public static Minimap Of(Diagram diagram, Size size, double padding = 8)
    {
        var nodes = diagram.VisibleNodes.ToList();
        var world = Rect.Around(nodes.Select(n => n.Bounds)) is { } content ? content.Union(diagram.Viewport) : diagram.Viewport;
        var scale = Math.Min((size.Width - 2 * padding) / Math.Max(world.Width, 1), (size.Height - 2 * padding) / Math.Max(world.Height, 1));
        var offsetX = padding + (size.Width - 2 * padding - world.Width * scale) / 2 - world.X * scale;
        var offsetY = padding + (size.Height - 2 * padding - world.Height * scale) / 2 - world.Y * scale;
        Rect Map(Rect r) => new(r.X * scale + offsetX, r.Y * scale + offsetY, r.Width * scale, r.Height * scale);

        return new Minimap(scale, new Point(offsetX, offsetY), nodes.Select(n => new MinimapNode(n.Id, n.State, Map(n.Bounds))).ToList(), Map(diagram.Viewport), size);
    }

    /// <summary>The diagram point at a minimap point (to centre the view on a click).</summary>
    public Point ToDiagram(Point minimapPoint) => new((minimapPoint.X - Offset.X) / Scale, (minimapPoint.Y - Offset.Y) / Scale);
}

public sealed record MinimapNode(string Id, string State, Rect Bounds);

/// <summary>The minimap's nodes as one SVG path per state (hundreds of rectangles in a handful of elements).</summary>
public static class MinimapPaths
{
    public static IReadOnlyList<(string State, string Path)> ByState(Minimap map) =>
        map.Nodes.GroupBy(n => n.State)
            .Select(g => (g.Key, string.Join(" ", g.Select(n => System.FormattableString.Invariant(
                $"M{n.Bounds.X:0.#} {n.Bounds.Y:0.#}h{n.Bounds.Width:0.#}v{n.Bounds.Height:0.#}h{-n.Bounds.Width:0.#}z")))))
            .ToList();
}
