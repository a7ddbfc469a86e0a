using DreamX.Web.Canvas.Core.Models;

namespace DreamX.Web.Canvas.Core.Behaviors;

/// <summary>
/// Dragging a node moves every selected (unlocked) node by the pointer's travel divided by the zoom.
/// Positions are computed from where the press started, so a view that sends only the press and the release
/// (the browser previews the drag itself) ends at the same place as one that sends every move.
/// </summary>
public sealed class DragNodesBehavior : Behavior
{
    private Point? _start;
    private Dictionary<NodeModel, Point> _initial = [];

    public DragNodesBehavior(Diagram diagram) : base(diagram)
    {
        diagram.PointerDown += OnPointerDown;
        diagram.PointerMove += OnPointerMove;
        diagram.PointerUp += OnPointerUp;
    }

    public bool IsDragging => _start is not null;

    private void OnPointerDown(Model? target, CanvasPointerEvent e)
    {
        if (target is not NodeModel node || e.Button != 0 || !node.Selected)
            return;
        _start = e.Point;
        _initial = Diagram.SelectedNodes.Where(n => !n.Locked).ToDictionary(n => n, n => n.Position);
    }

    private void OnPointerMove(Model? target, CanvasPointerEvent e) => MoveTo(e.Point);

    private void OnPointerUp(Model? target, CanvasPointerEvent e)
    {
        if (_start is null)
            return;
        MoveTo(e.Point);
        var moved = _initial.Where(pair => pair.Key.Position != pair.Value).Select(pair => pair.Key).ToList();
        _start = null;
        _initial = [];
        foreach (var node in moved)
            Diagram.RaiseNodeMoved(node);
    }

    private void MoveTo(Point pointer)
    {
        if (_start is not { } start)
            return;
        var dx = (pointer.X - start.X) / Diagram.Zoom;
        var dy = (pointer.Y - start.Y) / Diagram.Zoom;
        Diagram.Batch(() =>
        {
            foreach (var (node, initial) in _initial)
                node.SetPosition(Math.Round(initial.X + dx), Math.Round(initial.Y + dy));
            Diagram.RaiseChanged();
        });
    }

    public override void Dispose()
    {
        Diagram.PointerDown -= OnPointerDown;
        Diagram.PointerMove -= OnPointerMove;
        Diagram.PointerUp -= OnPointerUp;
    }
}
