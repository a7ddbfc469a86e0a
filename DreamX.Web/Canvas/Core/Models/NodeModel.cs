using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;
using LibraryNode = Blazor.Diagrams.Core.Models.NodeModel;

namespace DreamX.Web.Canvas.Core.Models;

/// <summary>
/// A card on the canvas, on the library's node: position, size, title, selection, ports and links are the library's;
/// this adds what the studio's canvas needs: what the node is and where it stands (kind, state, a payload the app's
/// card template reads), collapse, and a "needs render" flag so a card redraws only when its model changed.
/// </summary>
/// <remarks>
/// Sizes are fixed (by kind, see the app's node types): nothing is measured in the browser. The two ports (in on the
/// left edge, out on the right, both at mid-height) are placed from the node's position and size, and the library
/// moves them with the node.
/// </remarks>
public class NodeModel : LibraryNode
{
    public static readonly Size DefaultSize = new(252, 122);

    public NodeModel(string id, Point? position = null, Size? size = null) : base(id, position ?? Point.Zero)
    {
        Size = size ?? DefaultSize;
        In = AddPort(new PortModel($"{id}/in", this, PortAlignment.Left));
        Out = AddPort(new PortModel($"{id}/out", this, PortAlignment.Right));
        PlacePorts();
        SizeChanged += _ => PlacePorts();
    }

    /// <summary>What the node is, e.g. "scene"; the app decides the vocabulary.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Where its content stands, e.g. "ready"; the app decides the vocabulary.</summary>
    public string State { get; set; } = "";

    /// <summary>Whatever the app's card template needs to draw the card.</summary>
    public object? Data { get; set; }

    /// <summary>True when the node's descendants are folded away.</summary>
    public bool Collapsed { get; internal set; }

    /// <summary>
    /// True while an ancestor is collapsed. Deliberately not the library's <c>Visible</c>: its virtualization writes that
    /// flag from the viewport, which would show a folded-away node again as soon as it scrolled into view.
    /// </summary>
    public bool Hidden { get; internal set; }

    /// <summary>False until the node has a position (saved or laid out).</summary>
    public bool HasPosition { get; set; } = true;

    /// <summary>Where links come in (the left edge's middle).</summary>
    public PortModel In { get; }

    /// <summary>Where links go out (the right edge's middle).</summary>
    public PortModel Out { get; }

    public double Width => Size?.Width ?? DefaultSize.Width;
    public double Height => Size?.Height ?? DefaultSize.Height;

    public Rect Bounds => new(Position.X, Position.Y, Width, Height);

    /// <summary>True from a change until the view has rendered it.</summary>
    public bool NeedsRender { get; private set; } = true;

    /// <summary>Marks the node changed and tells its view (the library calls this on moves and selection too).</summary>
    public override void Refresh()
    {
        NeedsRender = true;
        base.Refresh();
    }

    /// <summary>Called by the view after drawing the node.</summary>
    public void MarkRendered() => NeedsRender = false;

    /// <summary>Puts the ports on the edges from the node's own position and size (no measuring in the browser).</summary>
    private void PlacePorts()
    {
        // The constructor sets the size before the ports exist.
        if (Ports.Count < 2)
            return;
        var middle = Position.Y + Height / 2;
        In.Position = new Point(Position.X, middle);
        Out.Position = new Point(Position.X + Width, middle);
        In.Initialized = Out.Initialized = true;
        In.RefreshLinks();
        Out.RefreshLinks();
    }
}
