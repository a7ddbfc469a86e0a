using System.Globalization;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DreamX.Web.Canvas.Rendering;

/// <summary>
/// One node card. It re-renders only when its model says it changed (the model's "needs render" flag),
/// so panning or changing another node does not redraw it.
/// </summary>
public partial class NodeView : IDisposable
{
    private NodeModel? _subscribed;

    [Parameter, EditorRequired] public NodeModel Node { get; set; } = null!;
    [Parameter, EditorRequired] public Diagram Diagram { get; set; } = null!;

    /// <summary>What the card shows; the app decides.</summary>
    [Parameter] public RenderFragment<NodeModel>? Template { get; set; }

    /// <summary>How many nodes the collapse button folds away (0 hides the button).</summary>
    [Parameter] public int ChildCount { get; set; }

    [Parameter] public string CollapseLabel { get; set; } = "";

    /// <summary>Number of times this card was drawn (a test and benchmark hook).</summary>
    public int RenderCount { get; private set; }

    private string Style => string.Create(CultureInfo.InvariantCulture,
        $"transform: translate({Node.Position.X}px, {Node.Position.Y}px); width: {Node.Size.Width}px; height: {Node.Size.Height}px");

    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    protected override void OnParametersSet()
    {
        if (_subscribed == Node)
            return;
        if (_subscribed is not null)
            _subscribed.Changed -= OnModelChanged;
        _subscribed = Node;
        Node.Changed += OnModelChanged;
    }

    protected override bool ShouldRender()
    {
        if (!Node.NeedsRender)
            return false;
        Node.MarkRendered();
        return true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        RenderCount++;
        if (firstRender)
            Node.MarkRendered();
    }

    private void OnModelChanged(Model model) => _ = InvokeAsync(StateHasChanged);

    private void OnKeyDown(KeyboardEventArgs e) =>
        Diagram.TriggerKeyDown(Node, new CanvasKeyEvent(e.Key, e.ShiftKey, e.CtrlKey || e.MetaKey));

    private void ToggleCollapsed() => Diagram.ToggleCollapsed(Node);

    public void Dispose()
    {
        if (_subscribed is not null)
            _subscribed.Changed -= OnModelChanged;
    }
}
