using System.Globalization;
using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Anchors;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using Blazor.Diagrams.Core.Models.Base;
using Blazor.Diagrams.Core.PathGenerators;
using SvgPathProperties;
using LibraryLink = Blazor.Diagrams.Core.Models.LinkModel;

namespace DreamX.Web.Canvas.Core.Models;

/// <summary>A "made from" arrow from one node's out port to another node's in port (a library link between two ports).</summary>
public sealed class LinkModel : LibraryLink
{
    private (Point From, Point To, string Path)? _cached;

    public LinkModel(PortModel source, PortModel target)
        : base($"{source.Parent.Id}->{target.Parent.Id}", PortAnchor(source), PortAnchor(target))
    {
        SourcePort = source;
        TargetPort = target;
    }

    public PortModel SourcePort { get; }
    public PortModel TargetPort { get; }
    public NodeModel SourceNode => (NodeModel)SourcePort.Parent;
    public NodeModel TargetNode => (NodeModel)TargetPort.Parent;

    /// <summary>The box around both ends (the curve stays within it, give or take its bend).</summary>
    public Rect Span
    {
        get
        {
            var (from, to) = (SourcePort.Position, TargetPort.Position);
            return new Rect(Math.Min(from.X, to.X), Math.Min(from.Y, to.Y), Math.Abs(to.X - from.X), Math.Abs(to.Y - from.Y));
        }
    }

    /// <summary>The SVG path of a smooth horizontal S-curve between the two ports (kept until a port moves).</summary>
    public string PathData
    {
        get
        {
            var (from, to) = (SourcePort.Position, TargetPort.Position);
            if (_cached is not { } cached || cached.From != from || cached.To != to)
                _cached = cached = (from, to, Curve(from, to));
            return cached.Path;
        }
    }

    /// <remarks>The canvas' JS module draws the same curve while a node is dragged; keep them in step.</remarks>
    public static string Curve(Point from, Point to)
    {
        var bend = Bend(from, to);
        return string.Create(CultureInfo.InvariantCulture,
            $"M {from.X:0.#} {from.Y:0.#} C {from.X + bend:0.#} {from.Y:0.#}, {to.X - bend:0.#} {to.Y:0.#}, {to.X:0.#} {to.Y:0.#}");
    }

    private static double Bend(Point from, Point to) => Math.Max(40, Math.Abs(to.X - from.X) / 2);

    /// <summary>Ends exactly on the port's point (the library's default would look for a shape around a zero-size port).</summary>
    private static SinglePortAnchor PortAnchor(PortModel port) => new(port) { UseShapeAndAlignment = false };

    /// <summary>The library's geometry of the same curve (its bounds, its path), so both agree on where a link runs.</summary>
    public sealed class CurvePathGenerator : PathGenerator
    {
        public override PathGeneratorResult GetResult(Blazor.Diagrams.Core.Diagram diagram, BaseLinkModel link, Point[] route, Point source, Point target)
        {
            var bend = Bend(source, target);
            var path = new SvgPath()
                .AddMoveTo(source.X, source.Y)
                .AddCubicBezierCurve(source.X + bend, source.Y, target.X - bend, target.Y, target.X, target.Y);
            return new PathGeneratorResult(path, [path]);
        }
    }
}
