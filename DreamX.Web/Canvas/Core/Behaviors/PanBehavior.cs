using DreamX.Web.Canvas.Core.Models;

namespace DreamX.Web.Canvas.Core.Behaviors;

/// <summary>Dragging the background pans the view; like node dragging, the pan is computed from the press.</summary>
public sealed class PanBehavior : Behavior
{
    private Point? _start;
    private Point _initialPan;

    public PanBehavior(Diagram diagram) : base(diagram)
    {
        diagram.PointerDown += OnPointerDown;
        diagram.PointerMove += OnPointerMove;
        diagram.PointerUp += OnPointerUp;
    }

    public bool IsPanning => _start is not null;

    private void OnPointerDown(Model? target, CanvasPointerEvent e)
    {
        if (target is not null || e.Button is not (0 or 1))
            return;
        _start = e.Point;
        _initialPan = Diagram.Pan;
    }

    private void OnPointerMove(Model? target, CanvasPointerEvent e) => PanTo(e.Point);

    private void OnPointerUp(Model? target, CanvasPointerEvent e)
    {
        PanTo(e.Point);
        _start = null;
    }

    private void PanTo(Point pointer)
    {
        if (_start is { } start)
            Diagram.SetPan(_initialPan.X + pointer.X - start.X, _initialPan.Y + pointer.Y - start.Y);
    }

    public override void Dispose()
    {
        Diagram.PointerDown -= OnPointerDown;
        Diagram.PointerMove -= OnPointerMove;
        Diagram.PointerUp -= OnPointerUp;
    }
}
