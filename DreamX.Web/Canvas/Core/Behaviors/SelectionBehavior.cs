using DreamX.Web.Canvas.Core.Models;

namespace DreamX.Web.Canvas.Core.Behaviors;

/// <summary>
/// Pressing a node selects it (Ctrl/Shift adds or removes it); pressing a selected node keeps the selection so
/// it can be dragged as a group; pressing the background clears the selection.
/// </summary>
public sealed class SelectionBehavior : Behavior
{
    public SelectionBehavior(Diagram diagram) : base(diagram) => diagram.PointerDown += OnPointerDown;

    private void OnPointerDown(Model? target, CanvasPointerEvent e)
    {
        if (e.Button != 0)
            return;
        if (target is not NodeModel node)
        {
            Diagram.UnselectAll();
            return;
        }
        if (e.AddsToSelection)
            Diagram.ToggleSelection(node);
        else if (!node.Selected)
            Diagram.SelectNode(node);
    }

    public override void Dispose() => Diagram.PointerDown -= OnPointerDown;
}
