using Blazor.Diagrams.Core;
using DreamX.Web.Canvas.Core.Models;

namespace DreamX.Web.Canvas.Core.Behaviors;

/// <summary>
/// Keys on the canvas: Tab and Shift+Tab move the focus to the next or previous shown node (and bring it into view),
/// Enter opens the focused node (selects it and raises NodeOpened), Escape clears the selection (closing its panel),
/// ArrowLeft and ArrowRight fold and unfold the focused node's children (as in a tree).
/// </summary>
public sealed class KeyboardBehavior : Behavior
{
    public KeyboardBehavior(Diagram diagram) : base(diagram) => diagram.NodeKeyDown += OnKeyDown;

    private new Diagram Diagram => (Diagram)base.Diagram;

    private void OnKeyDown(NodeModel? target, CanvasKeyEvent e)
    {
        switch (e.Key)
        {
            case "Tab":
                Diagram.FocusNode(Next(target, e.Shift ? -1 : 1));
                break;
            case "Enter" or " " when target is not null:
                Diagram.OpenNode(target);
                break;
            case "ArrowLeft" when target is not null:
                Diagram.SetCollapsed(target, true);
                break;
            case "ArrowRight" when target is not null:
                Diagram.SetCollapsed(target, false);
                break;
            case "Escape":
                Diagram.UnselectAll();
                break;
        }
    }

    private NodeModel? Next(NodeModel? from, int step)
    {
        var shown = Diagram.VisibleNodes.ToList();
        if (shown.Count == 0)
            return null;
        var index = from is null ? -1 : shown.IndexOf(from);
        if (index < 0)
            return step > 0 ? shown[0] : shown[^1];
        var next = index + step;
        return next >= 0 && next < shown.Count ? shown[next] : null;
    }

    public override void Dispose() => Diagram.NodeKeyDown -= OnKeyDown;
}
