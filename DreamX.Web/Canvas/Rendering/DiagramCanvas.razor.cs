using System.Globalization;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models.Base;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace DreamX.Web.Canvas.Rendering;

/// <summary>
/// The canvas view of a Blazor.Diagrams model: links in one SVG layer and node cards in one HTML layer, both under a
/// single translate(pan) scale(zoom); a toolbar and a minimap on top. Pointer presses and releases, wheel turns and keys
/// become the diagram's events; the JS module previews drags and pans in the browser in between (the library's own
/// renderer sends every pointer move over the circuit, which a real network cannot keep up with).
/// </summary>
/// <remarks>
/// Virtualized: only the cards and links within the viewport plus <see cref="DrawMargin"/> are drawn. Every other shown
/// node keeps an empty, hidden element with its hooks (data-node-id, -kind, -state, -x, -y), an index of all nodes for
/// tests and automation; panning or zooming draws the cards that come near. The view renders only when the diagram
/// changed (pan, zoom, structure, selection), not when the page around it does; a card renders only when its node did.
/// </remarks>
public partial class DiagramCanvas : IAsyncDisposable
{
    private ElementReference _container;
    private IJSObjectReference? _module;
    private DotNetObjectReference<DiagramCanvas>? _self;
    private bool _disposed;
    private Diagram? _subscribed;
    private List<NodeModel> _visibleNodes = [];
    // The nodes with an element: every shown node, except in the first drawing (the viewport's cards alone).
    private List<NodeModel> _listedNodes = [];
    private HashSet<NodeModel> _drawn = [];
    private List<LinkModel> _drawnLinks = [];
    private int _drawnCount;
    private Dictionary<NodeModel, int> _childCounts = [];
    private readonly List<NodeModel> _movedInGesture = [];
    private bool _ready;
    private bool _dirty = true;
    // The first drawing is the viewport alone (the smallest batch that shows the canvas); the margin follows once the
    // browser has it.
    private bool _widened;
    private bool _wideningAsked;
    private bool _subscribedWaiting;
    private Size? _containerSize;

    [Parameter, EditorRequired] public Diagram Diagram { get; set; } = null!;

    /// <summary>
    /// The diagram is a stand-in while the real one is read: the container is measured and the browser side starts
    /// meanwhile, but the canvas is not ready (data-ready stays false). The diagram that follows is fitted and drawn in
    /// its first render.
    /// </summary>
    [Parameter] public bool Waiting { get; set; }

    /// <summary>The content of each node card.</summary>
    [Parameter] public RenderFragment<NodeModel>? NodeTemplate { get; set; }

    /// <summary>Extra toolbar buttons.</summary>
    [Parameter] public RenderFragment? Toolbar { get; set; }

    /// <summary>"Tidy up" in the toolbar; the button shows only when this is set.</summary>
    [Parameter] public EventCallback TidyUp { get; set; }

    /// <summary>A gesture moved these nodes (raised once, on release).</summary>
    [Parameter] public EventCallback<IReadOnlyList<NodeModel>> NodesMoved { get; set; }

    /// <summary>A node was collapsed or expanded.</summary>
    [Parameter] public EventCallback<NodeModel> CollapseChanged { get; set; }

    /// <summary>Fit the graph to the container once its size is known.</summary>
    [Parameter] public bool FitOnFirstRender { get; set; } = true;

    /// <summary>The first fit never zooms out below this (large graphs open at their start instead).</summary>
    [Parameter] public double ReadableZoom { get; set; } = 0.6;

    [Parameter] public bool ShowMinimap { get; set; } = true;

    [Parameter] public Size MinimapSize { get; set; } = new(200, 128);

    /// <summary>
    /// How far beyond the container's edges cards and links are drawn, in screen pixels: a pan or a zoom previewed in the
    /// browser shows cards already there, and .NET draws the next ones on release.
    /// </summary>
    [Parameter] public double DrawMargin { get; set; } = 480;

    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private IStringLocalizer<CanvasText> L { get; set; } = null!;

    private string WorldStyle => string.Create(CultureInfo.InvariantCulture,
        $"transform: translate({Diagram.Pan.X}px, {Diagram.Pan.Y}px) scale({Diagram.Zoom})");

    /// <summary>The dot grid moves and scales with the diagram.</summary>
    private string GridStyle => string.Create(CultureInfo.InvariantCulture,
        $"background-size: {22 * Diagram.Zoom:0.##}px {22 * Diagram.Zoom:0.##}px; background-position: {Diagram.Pan.X:0.#}px {Diagram.Pan.Y:0.#}px");

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    protected override void OnParametersSet()
    {
        if (_subscribed == Diagram && _subscribedWaiting == Waiting)
            return;
        Unsubscribe();
        // A diagram that comes once the container is known (the page read it meanwhile) is fitted here, so its first
        // render is its fitted viewport.
        if (_containerSize is { } size)
            Diagram.SetContainer(size);
        if (_ready && FitOnFirstRender && !Waiting)
            Diagram.ZoomToFit(ReadableZoom);
        _widened = _wideningAsked = false;
        _subscribed = Diagram;
        _subscribedWaiting = Waiting;
        Diagram.Changed += OnDiagramChanged;
        Diagram.SelectionChanged += OnSelectionChanged;
        Diagram.NodeMoved += OnNodeMoved;
        Diagram.CollapseChanged += OnCollapseChanged;
        Snapshot();
        _dirty = true;
    }

    /// <summary>Only what the diagram changed redraws the canvas; a re-render of the page around it does not.</summary>
    protected override bool ShouldRender()
    {
        if (!_dirty)
            return false;
        // Taken at render time: a change that arrives while this render's batch is on its way renders again.
        _dirty = false;
        return true;
    }

    /// <summary>
    /// What is drawn is decided once per render: the shown nodes, which of them are near enough to draw, the links between
    /// drawn ends or crossing the window, and who has children. Before the container's size is known nothing is drawn.
    /// </summary>
    private void Snapshot()
    {
        _visibleNodes = Diagram.VisibleNodes.ToList();
        _childCounts = Diagram.Links.GroupBy(l => l.SourceNode).ToDictionary(g => g.Key, g => g.Select(l => l.TargetNode).Distinct().Count());
        if (!_ready)
        {
            _drawn = [];
            _drawnLinks = [];
            _drawnCount = 0;
            // Nothing yet: the first drawing comes once the container's size is known.
            _listedNodes = [];
            return;
        }
        var window = Diagram.Viewport.Inflate((_widened ? DrawMargin : 0) / Diagram.Zoom);
        _drawn = _visibleNodes.Where(n => window.Intersects(n.Bounds)).ToHashSet();
        _drawnCount = _drawn.Count;
        // The first drawing of a diagram is the smallest batch that shows it: the viewport's cards without the hidden
        // hooks of the others, which come with the margin's cards in the next render.
        _listedNodes = _widened ? _visibleNodes : _visibleNodes.Where(_drawn.Contains).ToList();
        // A link's curve bends at most 40 px (or half its length) beyond the box of its ends.
        _drawnLinks = Diagram.VisibleLinks.Where(l => _drawn.Contains(l.SourceNode) || _drawn.Contains(l.TargetNode) || window.Intersects(l.Span.Inflate(40))).ToList();
    }

    private int ChildCount(NodeModel node) => _childCounts.GetValueOrDefault(node);

    // The arrow head is the class's (marker-end in the CSS), not an attribute on each of a few hundred paths.
    private static string LinkClass(LinkModel link) =>
        link.SourceNode.Selected || link.TargetNode.Selected ? "dx-link dx-link-selected"
        : link.TargetNode.State is "running" or "queued" ? "dx-link dx-link-active" : "dx-link";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed)
            return;
        try
        {
            await AfterRenderAsync(firstRender);
        }
        catch (Exception e) when (_disposed && e is JSDisconnectedException or JSException or TaskCanceledException or ObjectDisposedException)
        {
            // The page left the canvas while its browser side was being set up or asked (its reference to this
            // component is disposed by then): there is nothing to draw any more, and an exception here would end the
            // whole circuit, taking the page the creator went to with it.
        }
    }

    private async Task AfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            // The browser has the viewport's cards (after a render the client has acknowledged): the margin's cards and
            // the other nodes' hooks follow once it has painted them and is idle (at once without the browser side).
            if (_ready && !_widened && !_wideningAsked && !Waiting)
            {
                _wideningAsked = true;
                if (_module is null || _self is null || !await _module.InvokeAsync<bool>("whenIdle", _self))
                    Widen();
            }
            return;
        }
        _self = DotNetObjectReference.Create(this);
        var module = await JS.InvokeAsync<IJSObjectReference>("import", "./Canvas/Rendering/DiagramCanvas.razor.js");
        if (_disposed)
        {
            // Disposed while the module loaded: it found no module to release, so this does.
            await module.DisposeAsync();
            return;
        }
        _module = module;
        var size = await _module.InvokeAsync<ContainerBox?>("init", _container, _self);
        _ready = true;
        if (size is { Width: > 0, Height: > 0 })
            _containerSize = new Size(size.Width, size.Height);
        Diagram.Batch(() =>
        {
            if (_containerSize is { } known)
                Diagram.SetContainer(known);
            if (FitOnFirstRender && !Waiting)
                Diagram.ZoomToFit(ReadableZoom);
            Diagram.RaiseChanged();
        });
    }

    private void OnDiagramChanged() => Redraw();

    private void OnSelectionChanged(SelectableModel model) => Redraw();

    private void Redraw()
    {
        Snapshot();
        _dirty = true;
        _ = InvokeAsync(StateHasChanged);
    }

    private void OnNodeMoved(NodeModel node) => _movedInGesture.Add(node);

    private void OnCollapseChanged(NodeModel node) => _ = InvokeAsync(() => CollapseChanged.InvokeAsync(node));

    [JSInvokable]
    public void OnPointerDown(string? nodeId, double x, double y, int button, bool ctrl, bool shift)
    {
        var target = nodeId is null ? null : Diagram.Nodes.Find(nodeId);
        Diagram.TriggerPointerDown(target, new CanvasPointerEvent(x, y, button, ctrl, shift));
    }

    [JSInvokable]
    public async Task OnPointerUp(double x, double y)
    {
        _movedInGesture.Clear();
        Diagram.TriggerPointerUp(null, new CanvasPointerEvent(x, y));
        if (_movedInGesture.Count == 0)
            return;
        // The links of the moved cards follow them (their cards drew themselves already).
        Redraw();
        if (NodesMoved.HasDelegate)
            await NodesMoved.InvokeAsync(_movedInGesture.ToList());
    }

    /// <summary>Draws the margin's cards and lists every node (after a diagram's first drawing, the viewport alone).</summary>
    [JSInvokable]
    public void Widen()
    {
        if (_widened)
            return;
        _widened = true;
        Redraw();
    }

    [JSInvokable]
    public void OnWheel(double x, double y, double deltaY) => Diagram.TriggerWheel(new CanvasWheelEvent(x, y, deltaY));

    [JSInvokable]
    public void OnResize(double width, double height)
    {
        if (width > 0 && height > 0)
            _containerSize = new Size(width, height);
        Diagram.SetContainer(new Size(width, height));
    }

    /// <summary>For automation: brings a node to the middle of the view (its card is then drawn); false when it is not shown.</summary>
    [JSInvokable]
    public bool Reveal(string nodeId)
    {
        if (Diagram.Nodes.Find(nodeId) is not { Hidden: false } node)
            return false;
        Diagram.Reveal(node);
        Redraw();
        return true;
    }

    private void OnKeyDown(KeyboardEventArgs e)
    {
        // Node cards send their own keys (with the node as target); the background only knows Escape.
        if (e.Key == "Escape")
            Diagram.TriggerKeyDown(null, new CanvasKeyEvent(e.Key));
    }

    private void CenterFromMinimap(Minimap map, MouseEventArgs e) => Diagram.CenterOn(map.ToDiagram(new Point(e.OffsetX, e.OffsetY)));

    private void Unsubscribe()
    {
        if (_subscribed is null)
            return;
        _subscribed.Changed -= OnDiagramChanged;
        _subscribed.SelectionChanged -= OnSelectionChanged;
        _subscribed.NodeMoved -= OnNodeMoved;
        _subscribed.CollapseChanged -= OnCollapseChanged;
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        Unsubscribe();
        if (_module is not null)
        {
            try
            {
                await _module.InvokeVoidAsync("dispose", _container);
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; so is the browser side.
            }
            catch (Exception e) when (e is JSException or TaskCanceledException or ObjectDisposedException)
            {
                // The page is leaving the canvas: whatever the browser side says now, a disposal that throws would end
                // the whole circuit and take the page the creator is going to with it.
            }
        }
        _self?.Dispose();
    }

    private sealed record ContainerBox(double Width, double Height);
}
