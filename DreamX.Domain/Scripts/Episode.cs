using DreamX.Domain.Canvas;

namespace DreamX.Domain.Scripts;

/// <summary>An episode and its script node: title, summary and the ordered scenes.</summary>
public sealed class Episode : CanvasNode
{
    public override NodeKind Kind => NodeKind.Script;

    public int Number { get; set; }
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public List<Scene> Scenes { get; set; } = [];
}
