using System.Globalization;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DreamX.Web.Canvas.Rendering;

/// <summary>
/// One node card. It re-renders only when its model says it changed (the model's "needs render" flag) or when it comes
/// into or leaves the drawn window, so panning or changing another node does not redraw it.
/// </summary>
public partial class NodeView : IDisposable
{
    private NodeModel? _subscribed;
    private bool _renderedDrawn;
    private int _renderedChildCount = -1;

    [Parameter, EditorRequired] public NodeModel Node { get; set; } = null!;
    [Parameter, EditorRequired] public Diagram Diagram { get; set; } = null!;

    /// <summary>What the card shows; the app decides.</summary>
    [Parameter] public RenderFragment<NodeModel>? Template { get; set; }

    /// <summary>False while the node is far off screen: only its hidden hooks are in the DOM.</summary>
    [Parameter] public bool Drawn { get; set; } = true;

    /// <summary>How many nodes the collapse button folds away (0 hides the button).</summary>
    [Parameter] public int ChildCount { get; set; }

    [Parameter] public string CollapseLabel { get; set; } = "";

    /// <summary>Number of times this card was drawn (a test and benchmark hook).</summary>
    public int RenderCount { get; private set; }

    /// <summary>The frame's size comes from the node (fixed by kind), never from its content.</summary>
    private string Style => string.Create(CultureInfo.InvariantCulture,
        $"transform: translate({Node.Position.X}px, {Node.Position.Y}px); width: {Node.Width}px; height: {Node.Height}px");

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
        if (!Node.NeedsRender && _renderedDrawn == Drawn && _renderedChildCount == ChildCount)
            return false;
        Node.MarkRendered();
        return true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        _renderedDrawn = Drawn;
        _renderedChildCount = ChildCount;
        if (Drawn)
            RenderCount++;
        if (firstRender)
            Node.MarkRendered();
    }

    /// <summary>
    /// Draws the card again, at once; inside a diagram batch (a refresh of many nodes) at the batch's end instead, when the
    /// canvas draws every changed card in one render rather than one render and one message to the browser per card.
    /// </summary>
    private void OnModelChanged(Blazor.Diagrams.Core.Models.Base.Model model)
    {
        if (Diagram.SuspendRefresh)
            return;
        _ = InvokeAsync(StateHasChanged);
    }

    private void OnKeyDown(KeyboardEventArgs e) =>
        Diagram.TriggerKeyDown(Node, new CanvasKeyEvent(e.Key, e.ShiftKey, e.CtrlKey || e.MetaKey));

    private void ToggleCollapsed() => Diagram.ToggleCollapsed(Node);

    public void Dispose()
    {
        if (_subscribed is not null)
            _subscribed.Changed -= OnModelChanged;
    }
}
