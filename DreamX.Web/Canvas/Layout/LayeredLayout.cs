using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using GraphShape.Algorithms.Layout;
using QuikGraph;
using LayoutPoint = GraphShape.Point;
using LayoutSize = GraphShape.Size;

namespace DreamX.Web.Canvas.Layout;

/// <summary>
/// Places nodes in layers from left to right along the links (Sugiyama, GraphShape): sources on the left,
/// what is made from them further right. "Tidy up" re-lays every node; otherwise only nodes without a
/// position get one, and saved positions stay where the creator put them.
/// </summary>
public sealed class LayeredLayout
{
    public double LayerGap { get; init; } = 110;
    public double NodeGap { get; init; } = 28;

    /// <summary>Re-lays every node (the toolbar's "tidy up").</summary>
    public void TidyUp(Diagram diagram) => Arrange(diagram, relayAll: true);

    /// <summary>Gives a position to every node that has none, keeping the others.</summary>
    public void PlaceNew(Diagram diagram) => Arrange(diagram, relayAll: false);

    private void Arrange(Diagram diagram, bool relayAll)
    {
        var pending = diagram.Nodes.Where(n => relayAll || !n.HasPosition).ToList();
        if (pending.Count == 0)
            return;

        var positions = Compute(diagram.Nodes, diagram.Links);
        var placed = diagram.Nodes.Where(n => !relayAll && n.HasPosition).Select(n => n.Bounds).ToList();
        diagram.Batch(() =>
        {
            foreach (var node in pending)
            {
                var target = positions[node];
                var spot = relayAll ? target : FreeSpot(new Rect(target.X, target.Y, node.Size.Width, node.Size.Height), placed);
                placed.Add(new Rect(spot.X, spot.Y, node.Size.Width, node.Size.Height));
                node.HasPosition = true;
                node.SetPosition(Math.Round(spot.X), Math.Round(spot.Y));
            }
            diagram.RaiseChanged();
        });
    }

    /// <summary>Top-left corners of every node in a fresh layered layout.</summary>
    public IReadOnlyDictionary<NodeModel, Point> Compute(IEnumerable<NodeModel> nodes, IEnumerable<LinkModel> links)
    {
        var graph = new BidirectionalGraph<NodeModel, Edge<NodeModel>>(allowParallelEdges: false);
        graph.AddVertexRange(nodes);
        foreach (var link in links)
            if (link.Source.Node != link.Target.Node && !graph.ContainsEdge(link.Source.Node, link.Target.Node))
                graph.AddEdge(new Edge<NodeModel>(link.Source.Node, link.Target.Node));
        if (graph.VertexCount == 0)
            return new Dictionary<NodeModel, Point>();

        var sizes = graph.Vertices.ToDictionary(n => n, n => new LayoutSize(n.Size.Width, n.Size.Height));
        var parameters = new SugiyamaLayoutParameters
        {
            Direction = LayoutDirection.LeftToRight,
            LayerGap = LayerGap,
            SliceGap = NodeGap,
            EdgeRouting = SugiyamaEdgeRouting.Traditional,
            OptimizeWidth = false,
            MinimizeEdgeLength = true,
        };
        var algorithm = new SugiyamaLayoutAlgorithm<NodeModel, Edge<NodeModel>, BidirectionalGraph<NodeModel, Edge<NodeModel>>>(
            graph, new Dictionary<NodeModel, LayoutPoint>(), sizes, parameters);
        algorithm.Compute();

        // GraphShape answers centres; the canvas positions nodes by their top-left corner.
        var corners = algorithm.VerticesPositions.ToDictionary(
            pair => pair.Key,
            pair => new Point(pair.Value.X - pair.Key.Size.Width / 2, pair.Value.Y - pair.Key.Size.Height / 2));
        var left = corners.Values.Min(p => p.X);
        var top = corners.Values.Min(p => p.Y);
        return corners.ToDictionary(pair => pair.Key, pair => new Point(pair.Value.X - left, pair.Value.Y - top));
    }

    /// <summary>The first place at or below <paramref name="wanted"/> that overlaps no placed node.</summary>
    private Point FreeSpot(Rect wanted, IReadOnlyList<Rect> placed)
    {
        var spot = wanted;
        for (var attempt = 0; attempt < 1000; attempt++)
        {
            var blocker = placed.Where(p => Inflate(p).Intersects(spot)).Select(p => (Rect?)p).FirstOrDefault();
            if (blocker is not { } block)
                break;
            spot = spot with { Y = block.Bottom + NodeGap };
        }
        return new Point(spot.X, spot.Y);
    }

    private Rect Inflate(Rect r) => new(r.X - NodeGap / 2, r.Y - NodeGap / 2, r.Width + NodeGap, r.Height + NodeGap);
}
