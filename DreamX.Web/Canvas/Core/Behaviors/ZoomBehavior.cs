namespace DreamX.Web.Canvas.Core.Behaviors;

/// <summary>The wheel zooms around the cursor: the diagram point under the cursor stays under it.</summary>
public sealed class ZoomBehavior : Behavior
{
    public ZoomBehavior(Diagram diagram) : base(diagram) => diagram.Wheel += OnWheel;

    private void OnWheel(CanvasWheelEvent e)
    {
        if (e.DeltaY == 0)
            return;
        // Trackpads send many small deltas, a mouse wheel about 100 per notch: scale the step by the delta.
        var notches = Math.Clamp(e.DeltaY / 100, -3, 3);
        Diagram.SetZoom(Diagram.Zoom * Math.Pow(Diagram.Options.ZoomStep, -notches), e.Point);
    }

    public override void Dispose() => Diagram.Wheel -= OnWheel;
}
