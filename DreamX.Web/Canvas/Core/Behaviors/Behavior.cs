namespace DreamX.Web.Canvas.Core.Behaviors;

/// <summary>One gesture of the canvas: subscribes to the diagram's events in its constructor and unsubscribes on dispose.</summary>
public abstract class Behavior(Diagram diagram) : IDisposable
{
    protected Diagram Diagram { get; } = diagram;

    public abstract void Dispose();
}
