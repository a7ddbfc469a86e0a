using System.Globalization;

namespace DreamX.Web.Canvas.Core.Models;

/// <summary>A "made from" arrow from one node's out port to another node's in port.</summary>
public sealed class LinkModel(PortModel source, PortModel target) : SelectableModel($"{source.Node.Id}->{target.Node.Id}")
{
    public PortModel Source { get; } = source;
    public PortModel Target { get; } = target;

    private (Point From, Point To, string Path)? _cached;

    /// <summary>The SVG path of a smooth horizontal S-curve between the two ports (kept until a port moves).</summary>
    public string PathData
    {
        get
        {
            var (from, to) = (Source.Position, Target.Position);
            if (_cached is not { } cached || cached.From != from || cached.To != to)
                _cached = cached = (from, to, Curve(from, to));
            return cached.Path;
        }
    }

    /// <remarks>The canvas' JS module draws the same curve while a node is dragged; keep them in step.</remarks>
    public static string Curve(Point from, Point to)
    {
        var bend = Math.Max(40, Math.Abs(to.X - from.X) / 2);
        return string.Create(CultureInfo.InvariantCulture,
            $"M {from.X:0.#} {from.Y:0.#} C {from.X + bend:0.#} {from.Y:0.#}, {to.X - bend:0.#} {to.Y:0.#}, {to.X:0.#} {to.Y:0.#}");
    }
}
