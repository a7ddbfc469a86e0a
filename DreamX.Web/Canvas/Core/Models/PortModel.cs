namespace DreamX.Web.Canvas.Core.Models;

/// <summary>Which side of a node a port sits on: links come in on the left and go out on the right.</summary>
public enum PortAlignment
{
    In,
    Out,
}

/// <summary>A connection point of a node.</summary>
public sealed class PortModel(NodeModel node, PortAlignment alignment) : Model($"{node.Id}/{alignment.ToString().ToLowerInvariant()}")
{
    public NodeModel Node { get; } = node;
    public PortAlignment Alignment { get; } = alignment;

    /// <summary>Where links attach, in diagram coordinates: the middle of the node's left or right edge.</summary>
    public Point Position => Alignment == PortAlignment.In
        ? new Point(Node.Position.X, Node.Position.Y + Node.Size.Height / 2)
        : new Point(Node.Position.X + Node.Size.Width, Node.Position.Y + Node.Size.Height / 2);
}
