using Blazor.Diagrams.Core.Geometry;
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
/// position get one, and saved positions stay where the creator put them. With <see cref="WrapAspect"/> a long
/// row of layers wraps into bands read top to bottom, like lines of text, so the whole graph keeps that shape.
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
                var spot = relayAll ? target : FreeSpot(new Rect(target.X, target.Y, node.Width, node.Height), placed);
                placed.Add(new Rect(spot.X, spot.Y, node.Width, node.Height));
                node.HasPosition = true;
                node.SetPosition(Math.Round(spot.X), Math.Round(spot.Y));
            }
            diagram.RaiseChanged();
        });
    }

    /// <summary>
    /// Top-left corners of every node in a fresh layered layout. Siblings that share exactly the same parent and
    /// single child (the shots of one scene) are interchangeable, so they are laid as one block: a grid of up to
    /// <see cref="BlockColumns"/> columns, read left to right like a storyboard. With <see cref="WrapAspect"/> the blocks
    /// may take fewer columns (taller, narrower) when that fits the screen's shape better.
    /// </summary>
    public IReadOnlyDictionary<NodeModel, Point> Compute(IEnumerable<NodeModel> nodes, IEnumerable<LinkModel> links)
    {
        var nodeList = nodes.ToList();
        var linkList = links.Where(l => l.SourceNode != l.TargetNode).ToList();
        if (nodeList.Count == 0)
            return new Dictionary<NodeModel, Point>();

        if (WrapAspect is not { } aspect)
            return Normalized(Lay(nodeList, linkList, BlockColumns));
        // Blocks of fewer columns are taller and narrower: the widest rows that fit the screen's shape best win.
        var best = (Cost: double.MaxValue, Corners: new Dictionary<NodeModel, Point>());
        for (var columns = BlockColumns; columns >= Math.Min(BlockColumns, 2); columns--)
        {
            var corners = Lay(nodeList, linkList, columns);
            var bounds = Rect.Around(corners.Select(pair => BoundsAt(pair.Key, pair.Value)))!.Value;
            var cost = Math.Max(bounds.Width / aspect, bounds.Height);
            if (cost < best.Cost * 0.97)
                best = (cost, corners);
        }
        return Normalized(best.Corners);
    }

    private static Dictionary<NodeModel, Point> Normalized(Dictionary<NodeModel, Point> corners)
    {
        var minX = corners.Values.Min(p => p.X);
        var minY = corners.Values.Min(p => p.Y);
        return corners.ToDictionary(pair => pair.Key, pair => new Point(pair.Value.X - minX, pair.Value.Y - minY));
    }

    /// <summary>One layout with blocks of at most <paramref name="columns"/> columns, wrapped when <see cref="WrapAspect"/> is set.</summary>
    private Dictionary<NodeModel, Point> Lay(List<NodeModel> nodeList, List<LinkModel> linkList, int columns)
    {
        var blocks = Blocks(nodeList, linkList, columns);
        var blockOf = blocks.SelectMany(b => b.Members.Select(m => (m, b))).ToDictionary(x => x.m, x => x.b);
        var graph = new BidirectionalGraph<Block, Edge<Block>>(allowParallelEdges: false);
        graph.AddVertexRange(blocks);
        foreach (var link in linkList)
        {
            var (from, to) = (blockOf[link.SourceNode], blockOf[link.TargetNode]);
            if (from != to && !graph.ContainsEdge(from, to))
                graph.AddEdge(new Edge<Block>(from, to));
        }

        // GraphShape spaces a layer's vertices by their widest member; only its layers and their order are used, so a
        // block is laid out one card wide there.
        var sizes = blocks.ToDictionary(b => b, b => new LayoutSize(b.Cell.Width, b.Size.Height));
        var parameters = new SugiyamaLayoutParameters
        {
            Direction = LayoutDirection.LeftToRight,
            LayerGap = LayerGap,
            SliceGap = NodeGap,
            EdgeRouting = SugiyamaEdgeRouting.Traditional,
            OptimizeWidth = false,
            MinimizeEdgeLength = true,
        };
        var algorithm = new SugiyamaLayoutAlgorithm<Block, Edge<Block>, BidirectionalGraph<Block, Edge<Block>>>(
            graph, new Dictionary<Block, LayoutPoint>(), sizes, parameters);
        algorithm.Compute();

        // GraphShape decides the layers and the order within each; the coordinates are packed here: each layer a column
        // as wide as its widest block, its blocks stacked in that order as near their linked blocks as they can be.
        var layers = algorithm.VerticesPositions.GroupBy(pair => Math.Round(pair.Value.X)).OrderBy(g => g.Key)
            .Select(g => g.OrderBy(pair => pair.Value.Y).Select(pair => pair.Key).ToList()).ToList();
        var tops = PackLayers(layers, graph);
        var corners = new Dictionary<NodeModel, Point>();
        var left = 0.0;
        foreach (var layer in layers)
        {
            var width = layer.Max(b => b.Size.Width);
            foreach (var block in layer)
            {
                var x = left + (width - block.Size.Width) / 2;
                for (var i = 0; i < block.Members.Count; i++)
                    corners[block.Members[i]] = new Point(x + i % block.Columns * (block.Cell.Width + NodeGap), tops[block] + i / block.Columns * (block.Cell.Height + NodeGap));
            }
            left += width + LayerGap;
        }
        return WrapAspect is { } aspect ? Wrap(corners, layers.Select(l => l.SelectMany(b => b.Members).ToList()).ToList(), aspect) : corners;
    }

    /// <summary>
    /// The top of every block: each layer's blocks keep their order, never overlap, and sit as near the centre of the blocks
    /// they link to as they can (least squares); sweeps back and forth let the columns settle on each other.
    /// </summary>
    private Dictionary<Block, double> PackLayers(List<List<Block>> layers, BidirectionalGraph<Block, Edge<Block>> graph)
    {
        var tops = new Dictionary<Block, double>();
        foreach (var layer in layers)
        {
            var y = 0.0;
            foreach (var block in layer)
            {
                tops[block] = y;
                y += block.Size.Height + NodeGap;
            }
        }
        double Center(Block b) => tops[b] + b.Size.Height / 2;
        var order = Enumerable.Range(0, layers.Count).ToList();
        foreach (var sweep in new[] { order, Enumerable.Reverse(order).ToList(), order, Enumerable.Reverse(order).ToList(), order })
        {
            var rightward = sweep.Count < 2 || sweep[0] < sweep[1];
            foreach (var index in sweep)
            {
                var layer = layers[index];
                var wanted = layer.Select(block =>
                {
                    var linked = (rightward ? graph.InEdges(block).Select(e => e.Source) : graph.OutEdges(block).Select(e => e.Target)).ToList();
                    if (linked.Count == 0)
                        linked = (rightward ? graph.OutEdges(block).Select(e => e.Target) : graph.InEdges(block).Select(e => e.Source)).ToList();
                    return linked.Count == 0 ? Center(block) : linked.Average(Center);
                }).ToList();
                Place(layer, wanted, tops);
            }
        }
        var minTop = tops.Values.Min();
        return tops.ToDictionary(pair => pair.Key, pair => pair.Value - minTop);
    }

    /// <summary>
    /// Stacks a layer's blocks in order with <see cref="NodeGap"/> between them, each centre as near its wanted one as the
    /// others allow (isotonic regression by pooling adjacent violators).
    /// </summary>
    private void Place(List<Block> layer, List<double> wantedCenters, Dictionary<Block, double> tops)
    {
        // With offsets o_i (the room the blocks above need), top_i = z_i + o_i and the order holds when z never decreases.
        var offsets = new double[layer.Count];
        for (var i = 1; i < layer.Count; i++)
            offsets[i] = offsets[i - 1] + layer[i - 1].Size.Height + NodeGap;
        var pools = new List<(double Sum, int Count)>();
        for (var i = 0; i < layer.Count; i++)
        {
            pools.Add((wantedCenters[i] - layer[i].Size.Height / 2 - offsets[i], 1));
            while (pools.Count > 1 && pools[^2].Sum / pools[^2].Count > pools[^1].Sum / pools[^1].Count)
            {
                var merged = (pools[^2].Sum + pools[^1].Sum, pools[^2].Count + pools[^1].Count);
                pools.RemoveAt(pools.Count - 1);
                pools[^1] = merged;
            }
        }
        var at = 0;
        foreach (var (sum, count) in pools)
            for (var k = 0; k < count; k++, at++)
                tops[layer[at]] = sum / count + offsets[at];
    }

    /// <summary>
    /// When set, the layers are cut into bands (each a run of whole layers, stacked top to bottom) where that brings
    /// the graph's width to height nearest this ratio (a screen's, e.g. 1.6): "fit" then shows it larger.
    /// </summary>
    public double? WrapAspect { get; init; }

    /// <summary>Every way to cut the layers into consecutive bands is tried (a project has few layers); the best fit wins.</summary>
    private Dictionary<NodeModel, Point> Wrap(Dictionary<NodeModel, Point> corners, List<List<NodeModel>> layers, double aspect)
    {
        if (layers.Count < 2 || layers.Count > 16)
            return corners;
        var best = (Cost: double.MaxValue, Cuts: 0);
        for (var cuts = 0; cuts < 1 << (layers.Count - 1); cuts++)
        {
            var (width, height) = BandsSize(layers, corners, cuts);
            var cost = Math.Max(width / aspect, height);
            if (cost < best.Cost - 1)
                best = (cost, cuts);
        }
        return PlaceBands(layers, corners, best.Cuts);
    }

    /// <summary>Bit i of <paramref name="cuts"/> set: a new band starts after layer i.</summary>
    private List<List<List<NodeModel>>> Bands(List<List<NodeModel>> layers, int cuts)
    {
        var bands = new List<List<List<NodeModel>>> { new() };
        for (var i = 0; i < layers.Count; i++)
        {
            bands[^1].Add(layers[i]);
            if (i < layers.Count - 1 && (cuts & (1 << i)) != 0)
                bands.Add([]);
        }
        return bands;
    }

    private (double Width, double Height) BandsSize(List<List<NodeModel>> layers, Dictionary<NodeModel, Point> corners, int cuts)
    {
        var bands = Bands(layers, cuts).Select(band => Rect.Around(band.SelectMany(l => l).Select(n => BoundsAt(n, corners[n])))!.Value).ToList();
        return (bands.Max(b => b.Width), bands.Sum(b => b.Height) + (bands.Count - 1) * LayerGap);
    }

    private Dictionary<NodeModel, Point> PlaceBands(List<List<NodeModel>> layers, Dictionary<NodeModel, Point> corners, int cuts)
    {
        var placed = new Dictionary<NodeModel, Point>();
        var top = 0.0;
        foreach (var band in Bands(layers, cuts))
        {
            var nodes = band.SelectMany(l => l).ToList();
            var bounds = Rect.Around(nodes.Select(n => BoundsAt(n, corners[n])))!.Value;
            foreach (var node in nodes)
                placed[node] = new Point(corners[node].X - bounds.X, corners[node].Y - bounds.Y + top);
            top += bounds.Height + LayerGap;
        }
        return placed;
    }

    private static Rect BoundsAt(NodeModel node, Point corner) => new(corner.X, corner.Y, node.Width, node.Height);

    /// <summary>Largest number of columns of a block of interchangeable siblings (a cast grid, a storyboard's rows).</summary>
    public int BlockColumns { get; init; } = 4;

    /// <summary>Fewer siblings than this stay one column (two shots of a scene already make a storyboard row).</summary>
    public int BlockMinimum { get; init; } = 2;

    private List<Block> Blocks(List<NodeModel> nodes, List<LinkModel> links, int maxColumns)
    {
        var parents = links.ToLookup(l => l.TargetNode, l => l.SourceNode.Id);
        var children = links.ToLookup(l => l.SourceNode, l => l.TargetNode.Id);
        string Signature(NodeModel n) =>
            string.Join(",", parents[n].Distinct().Order(StringComparer.Ordinal)) + "|" + string.Join(",", children[n].Distinct().Order(StringComparer.Ordinal));

        var blocks = new List<Block>();
        foreach (var group in nodes.GroupBy(n => parents[n].Any() ? Signature(n) : "root:" + n.Id))
        {
            var members = group.ToList();
            // Only siblings that all lead to one node (shots to their compose) make a tidy block: with several
            // children (the cast feeds every script) links would cut across the block's cards.
            if (members.Count < BlockMinimum || children[members[0]].Distinct().Count() > 1)
                blocks.AddRange(members.Select(m => new Block([m], 1, new Size(m.Width, m.Height), NodeGap)));
            else
            {
                // Rows of at most BlockColumns cards, as even as they can be: a cast of 6 is 3 + 3, a scene of 4 shots one
                // storyboard row, of 10 shots 4 + 3 + 3.
                var cell = new Size(members.Max(m => m.Width), members.Max(m => m.Height));
                var rows = (members.Count + maxColumns - 1) / maxColumns;
                var columns = (members.Count + rows - 1) / rows;
                blocks.Add(new Block(members, columns, cell, NodeGap));
            }
        }
        return blocks;
    }

    /// <summary>One vertex of the layered layout: a node, or a grid of interchangeable siblings.</summary>
    private sealed class Block(List<NodeModel> members, int columns, Size cell, double gap)
    {
        public List<NodeModel> Members { get; } = members;
        public int Columns { get; } = columns;
        public Size Cell { get; } = cell;
        private int Rows => (Members.Count + Columns - 1) / Columns;
        public Size Size => new(Columns * Cell.Width + (Columns - 1) * gap, Rows * Cell.Height + (Rows - 1) * gap);
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
