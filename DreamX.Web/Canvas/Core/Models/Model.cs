namespace DreamX.Web.Canvas.Core.Models;

/// <summary>
/// Base of everything on the diagram: an id, a Changed event, and a "needs render" flag that the view
/// clears once it has drawn the change (so unchanged parts skip rendering).
/// </summary>
public abstract class Model(string id)
{
    public string Id { get; } = id;

    /// <summary>True from a change until the view has rendered it.</summary>
    public bool NeedsRender { get; private set; } = true;

    public event Action<Model>? Changed;

    /// <summary>Marks the model changed and tells the views.</summary>
    public void Refresh()
    {
        NeedsRender = true;
        Changed?.Invoke(this);
    }

    /// <summary>Called by the view after drawing the model.</summary>
    public void MarkRendered() => NeedsRender = false;
}

/// <summary>A model the user can select.</summary>
public abstract class SelectableModel(string id) : Model(id)
{
    public bool Selected { get; internal set; }

    /// <summary>A locked model can be selected but not moved.</summary>
    public bool Locked { get; set; }
}

/// <summary>A model with a position in diagram coordinates (its top-left corner).</summary>
public abstract class MovableModel(string id, Point position) : SelectableModel(id)
{
    public Point Position { get; private set; } = position;

    public void SetPosition(double x, double y)
    {
        if (Position.X == x && Position.Y == y)
            return;
        Position = new Point(x, y);
        Refresh();
    }
}
