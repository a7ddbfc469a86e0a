using System.Globalization;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace DreamX.Web.Canvas.Rendering;

/// <summary>
/// The canvas view: links in one SVG layer and node cards in one HTML layer, both under a single
/// translate(pan) scale(zoom); a toolbar and a minimap on top. Pointer presses and releases, wheel turns and
/// keys become the diagram's own events; the JS module previews drags and measures.
/// </summary>
public partial class DiagramCanvas : IAsyncDisposable
{
    private ElementReference _container;
    private IJSObjectReference? _module;
    private DotNetObjectReference<DiagramCanvas>? _self;
    private Diagram? _subscribed;
    private List<NodeModel> _visibleNodes = [];
    private Dictionary<NodeModel, int> _childCounts = [];
    private readonly List<NodeModel> _movedInGesture = [];
    private bool _ready;
    private bool _measureAfterRender = true;
    private int _measuredCount = -1;

    [Parameter, EditorRequired] public Diagram Diagram { get; set; } = null!;

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

    /// <summary>Fit the graph to the container once it has been measured.</summary>
    [Parameter] public bool FitOnFirstRender { get; set; } = true;

    /// <summary>The first fit never zooms out below this (large graphs open at their start instead).</summary>
    [Parameter] public double ReadableZoom { get; set; } = 0.6;

    [Parameter] public bool ShowMinimap { get; set; } = true;

    [Parameter] public Size MinimapSize { get; set; } = new(200, 128);

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
        if (_subscribed == Diagram)
            return;
        Unsubscribe();
        _subscribed = Diagram;
        Diagram.Changed += OnDiagramChanged;
        Diagram.SelectionChanged += OnDiagramChanged;
        Diagram.NodeMoved += OnNodeMoved;
        Diagram.CollapseChanged += OnCollapseChanged;
        Snapshot();
    }

    /// <summary>What is drawn is decided once per render: shown nodes and who has children.</summary>
    private void Snapshot()
    {
        _visibleNodes = Diagram.VisibleNodes.ToList();
        _childCounts = Diagram.Links.GroupBy(l => l.Source.Node).ToDictionary(g => g.Key, g => g.Select(l => l.Target.Node).Distinct().Count());
    }

    private int ChildCount(NodeModel node) => _childCounts.GetValueOrDefault(node);

    private static string? LinkClass(LinkModel link) =>
        link.Source.Node.Selected || link.Target.Node.Selected ? "dx-link-selected"
        : link.Target.Node.State is "running" or "queued" ? "dx-link-active" : null;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./Canvas/Rendering/DiagramCanvas.razor.js");
            if (await _module.InvokeAsync<MeasuredSize?>("init", _container, _self) is { } size)
                Diagram.SetContainer(new Size(size.Width, size.Height));
        }
        if (_module is null || !_measureAfterRender)
            return;
        _measureAfterRender = false;
        await MeasureNodesAsync();
        if (firstRender && FitOnFirstRender)
            Diagram.ZoomToFit(ReadableZoom);
        if (!_ready)
        {
            _ready = true;
            StateHasChanged();
        }
    }

    /// <summary>Cards size themselves in CSS; links and "fit" need the real sizes.</summary>
    private async Task MeasureNodesAsync()
    {
        var sizes = await _module!.InvokeAsync<MeasuredNode[]?>("measureNodes", _container) ?? [];
        _measuredCount = sizes.Length;
        Diagram.Batch(() =>
        {
            foreach (var measured in sizes)
            {
                if (Diagram.Nodes.Find(measured.Id) is not { } node || measured.Width <= 0)
                    continue;
                if (Math.Abs(node.Size.Width - measured.Width) > 0.5 || Math.Abs(node.Size.Height - measured.Height) > 0.5)
                {
                    node.Size = new Size(measured.Width, measured.Height);
                    Diagram.RaiseChanged();
                }
            }
        });
    }

    private void OnDiagramChanged()
    {
        Snapshot();
        if (_visibleNodes.Count != _measuredCount)
            _measureAfterRender = true;
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
        if (_movedInGesture.Count > 0 && NodesMoved.HasDelegate)
            await NodesMoved.InvokeAsync(_movedInGesture.ToList());
    }

    [JSInvokable]
    public void OnWheel(double x, double y, double deltaY) => Diagram.TriggerWheel(new CanvasWheelEvent(x, y, deltaY));

    [JSInvokable]
    public void OnResize(double width, double height) => Diagram.SetContainer(new Size(width, height));

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
        _subscribed.SelectionChanged -= OnDiagramChanged;
        _subscribed.NodeMoved -= OnNodeMoved;
        _subscribed.CollapseChanged -= OnCollapseChanged;
    }

    public async ValueTask DisposeAsync()
    {
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
        }
        _self?.Dispose();
    }

    private sealed record MeasuredSize(double Width, double Height);

    private sealed record MeasuredNode(string Id, double Width, double Height);
}
