using Blazor.Diagrams.Core;
using Blazor.Diagrams.Core.Events;
using Blazor.Diagrams.Core.Geometry;

namespace DreamX.Web.Canvas.Core.Behaviors;

/// <summary>
/// The wheel zooms around the cursor: the diagram point under the cursor stays under it. In place of the library's
/// ZoomBehavior, which takes one fixed step per event whatever its delta: the browser side adds up the deltas that
/// arrive while a wheel call is on its way, and trackpads send many small ones, so the step follows the delta here.
/// </summary>
public sealed class WheelZoomBehavior : Behavior
{
    public WheelZoomBehavior(Diagram diagram) : base(diagram) => diagram.Wheel += OnWheel;

    private Diagram Canvas => (Diagram)base.Diagram;

    private void OnWheel(WheelEventArgs e)
    {
        if (e.DeltaY == 0)
            return;
        // A mouse wheel sends about 100 per notch; a negative delta zooms in.
        var notches = Math.Clamp(e.DeltaY / 100, -3, 3);
        Canvas.SetZoom(Canvas.Zoom * Math.Pow(Canvas.Settings.ZoomStep, -notches), new Point(e.ClientX, e.ClientY));
    }

    public override void Dispose() => base.Diagram.Wheel -= OnWheel;
}
