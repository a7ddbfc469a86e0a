namespace DreamX.Web.Canvas.Core.Models;

/// <summary>
/// A card on the canvas: where it is, how big, what it shows (title, kind, state and a payload the app's card
/// template reads), whether its children are collapsed, and its two ports (in on the left, out on the right).
/// </summary>
public class NodeModel : MovableModel
{
    public static readonly Size DefaultSize = new(252, 122);

    private readonly List<PortModel> _ports = [];

    public NodeModel(string id, Point? position = null) : base(id, position ?? Point.Zero)
    {
        In = AddPort(PortAlignment.In);
        Out = AddPort(PortAlignment.Out);
    }

    public string Title { get; set; } = "";

    /// <summary>What the node is, e.g. "scene"; the app decides the vocabulary.</summary>
    public string Kind { get; set; } = "";

    /// <summary>Where its content stands, e.g. "ready"; the app decides the vocabulary.</summary>
    public string State { get; set; } = "";

    /// <summary>Whatever the app's card template needs to draw the card.</summary>
    public object? Data { get; set; }

    public Size Size { get; set; } = DefaultSize;

    /// <summary>True when the node's descendants are folded away.</summary>
    public bool Collapsed { get; internal set; }

    /// <summary>True while an ancestor is collapsed.</summary>
    public bool Hidden { get; internal set; }

    /// <summary>False until the node has a position (saved or laid out).</summary>
    public bool HasPosition { get; set; } = true;

    public PortModel In { get; }
    public PortModel Out { get; }
    public IReadOnlyList<PortModel> Ports => _ports;

    public Rect Bounds => new(Position.X, Position.Y, Size.Width, Size.Height);

    private PortModel AddPort(PortAlignment alignment)
    {
        var port = new PortModel(this, alignment);
        _ports.Add(port);
        return port;
    }
}
