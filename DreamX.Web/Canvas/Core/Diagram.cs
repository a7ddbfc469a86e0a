using Blazor.Diagrams.Core.Behaviors;
using Blazor.Diagrams.Core.Events;
using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models.Base;
using DreamX.Web.Canvas.Core.Behaviors;
using DreamX.Web.Canvas.Core.Models;
using LibraryDiagram = Blazor.Diagrams.Core.Diagram;
using LibraryOptions = Blazor.Diagrams.Core.Options.DiagramOptions;

namespace DreamX.Web.Canvas.Core;

/// <summary>
/// The canvas' model on Blazor.Diagrams' <see cref="LibraryDiagram"/>: its node and link layers, selection, pan, zoom,
/// batching, ordering and pointer events are the library's, and so are the selection, drag and pan gestures
/// (<see cref="SelectionBehavior"/>, <see cref="DragMovablesBehavior"/>, <see cref="PanBehavior"/>). This adds what the
/// studio needs on top: typed layers found by id, zoom around a point within limits, fit / reveal, collapse (folding away
/// what is reachable only through a node), keyboard focus, and one NodeMoved per node and gesture.
/// </summary>
/// <remarks>
/// The view previews drags and pans in the browser and sends only the press and the release:
/// <see cref="TriggerPointerUp(Model?, CanvasPointerEvent)"/> feeds the library one move to the release point before
/// the release, and the library's gestures end where the browser's preview did. Its virtualization is not registered:
/// the view culls to the viewport itself, with a margin, leaving <c>Visible</c> alone (see <see cref="NodeModel.Hidden"/>).
/// </remarks>
public sealed class Diagram : LibraryDiagram
{
    private readonly LibraryOptions _options = new() { GridSize = 1, AllowMultiSelection = true, AllowPanning = true };
    private CanvasPointerEvent? _press;

    public Diagram(CanvasOptions? options = null, bool registerDefaultBehaviors = true) : base(registerDefaultBehaviors: false)
    {
        Settings = options ?? new CanvasOptions();
        _options.Zoom.Minimum = Settings.MinZoom;
        _options.Zoom.Maximum = Settings.MaxZoom;
        _options.Links.DefaultPathGenerator = new LinkModel.CurvePathGenerator();
        _options.Virtualization.Enabled = false;
        Nodes = new Layer<NodeModel, Blazor.Diagrams.Core.Models.NodeModel>(base.Nodes);
        Links = new Layer<LinkModel, BaseLinkModel>(base.Links);
        Nodes.Added += node => node.Moved += OnNodeMoved;
        Nodes.Removed += OnNodeRemoved;
        if (!registerDefaultBehaviors)
            return;
        // Selection runs before dragging so that a drag moves what the press selected.
        RegisterBehavior(new SelectionBehavior(this));
        RegisterBehavior(new DragMovablesBehavior(this));
        RegisterBehavior(new PanBehavior(this));
        RegisterBehavior(new WheelZoomBehavior(this));
        RegisterBehavior(new KeyboardBehavior(this));
    }

    /// <summary>The library's options: pixel grid (positions are whole pixels, as the browser's preview), zoom limits, our link curve.</summary>
    public override LibraryOptions Options => _options;

    /// <summary>The studio's limits and steps.</summary>
    public CanvasOptions Settings { get; }

    /// <summary>The library's node layer, typed and indexed by id.</summary>
    public new Layer<NodeModel, Blazor.Diagrams.Core.Models.NodeModel> Nodes { get; }

    /// <summary>The library's link layer, typed and indexed by id.</summary>
    public new Layer<LinkModel, BaseLinkModel> Links { get; }

    /// <summary>Size of the visible container in pixels, as the view reports it (the library's container, at the origin).</summary>
    public Size ContainerSize => Container is { } box ? new Size(box.Width, box.Height) : new Size(1200, 800);

    /// <summary>The node keyboard focus is on (Tab moves it).</summary>
    public NodeModel? FocusedNode { get; private set; }

    /// <summary>A gesture ended with the node at a new position (raised once per node, on release).</summary>
    public event Action<NodeModel>? NodeMoved;

    /// <summary>A node's children were folded away or shown again.</summary>
    public event Action<NodeModel>? CollapseChanged;

    /// <summary>The user asked to open a node (Enter on it).</summary>
    public event Action<NodeModel>? NodeOpened;

    /// <summary>A press has started a gesture that its release has not ended yet (a drag or a pan may be on its way).</summary>
    public bool InGesture => _press is not null;

    /// <summary>The release of a press: what waited for the gesture to end (opening a panel, say) can happen now.</summary>
    public event Action? GestureEnded;

    /// <summary>A key pressed on a node card (or on the background, with no node).</summary>
    public event Action<NodeModel?, CanvasKeyEvent>? NodeKeyDown;

    public IEnumerable<NodeModel> VisibleNodes => Nodes.Where(n => !n.Hidden);

    public IEnumerable<LinkModel> VisibleLinks => Links.Where(l => !l.SourceNode.Hidden && !l.TargetNode.Hidden);

    public IEnumerable<NodeModel> SelectedNodes => Nodes.Where(n => n.Selected);

    // --- structure --------------------------------------------------------

    public LinkModel Connect(NodeModel source, NodeModel target) => Links.Add(new LinkModel(source.Out, target.In));

    public IEnumerable<LinkModel> LinksOf(NodeModel node) =>
        node.PortLinks.OfType<LinkModel>();

    /// <summary>
    /// Fills the diagram in one batch. The library keeps its selectables sorted by order and sorts again on every
    /// model added; models added in a row already come in order, so the list is sorted once at the end.
    /// </summary>
    public void Load(Action fill)
    {
        var suspended = SuspendSorting;
        SuspendSorting = true;
        try
        {
            Batch(fill);
        }
        finally
        {
            SuspendSorting = suspended;
        }
        if (!suspended)
            RefreshOrders(refresh: false);
    }

    /// <summary>Tells the views the diagram changed (deferred inside a batch).</summary>
    public void RaiseChanged() => Refresh();

    // --- selection --------------------------------------------------------

    public void SelectNode(NodeModel node, bool addToSelection = false)
    {
        if (!addToSelection)
            foreach (var other in SelectedNodes.Where(n => n != node).ToList())
                UnselectModel(other);
        SelectModel(node, unselectOthers: false);
    }

    public void ToggleSelection(NodeModel node)
    {
        if (node.Selected)
            UnselectModel(node);
        else
            SelectModel(node, unselectOthers: false);
    }

    public void FocusNode(NodeModel? node)
    {
        FocusedNode = node;
        if (node is not null)
            EnsureVisible(node);
    }

    public void OpenNode(NodeModel node)
    {
        SelectNode(node);
        NodeOpened?.Invoke(node);
    }

    // --- pan and zoom -----------------------------------------------------

    public void SetContainer(Size size)
    {
        if (size.Width <= 0 || size.Height <= 0 || size == ContainerSize && Container is not null)
            return;
        base.SetContainer(new Rectangle(0, 0, size.Width, size.Height));
    }

    public void PanBy(double dx, double dy) => UpdatePan(dx, dy);

    /// <summary>Zooms to <paramref name="zoom"/> (clamped) keeping the diagram point under <paramref name="screenPoint"/> in place.</summary>
    public void SetZoom(double zoom, Point? screenPoint = null)
    {
        var clamped = Math.Clamp(zoom, Settings.MinZoom, Settings.MaxZoom);
        if (clamped == Zoom)
            return;
        var anchor = screenPoint ?? new Point(ContainerSize.Width / 2, ContainerSize.Height / 2);
        var world = ToDiagram(anchor);
        Batch(() =>
        {
            base.SetZoom(clamped);
            SetPan(anchor.X - world.X * clamped, anchor.Y - world.Y * clamped);
        });
    }

    public void ZoomIn(Point? screenPoint = null) => SetZoom(Zoom * Settings.ZoomStep, screenPoint);

    public void ZoomOut(Point? screenPoint = null) => SetZoom(Zoom / Settings.ZoomStep, screenPoint);

    /// <summary>Diagram coordinates of a point of the container.</summary>
    public Point ToDiagram(Point screen) => new((screen.X - Pan.X) / Zoom, (screen.Y - Pan.Y) / Zoom);

    public Point ToScreen(Point diagram) => new(diagram.X * Zoom + Pan.X, diagram.Y * Zoom + Pan.Y);

    /// <summary>The part of the diagram the container shows, in diagram coordinates.</summary>
    public Rect Viewport => new(-Pan.X / Zoom, -Pan.Y / Zoom, ContainerSize.Width / Zoom, ContainerSize.Height / Zoom);

    /// <summary>Bounds of the visible nodes, or null for an empty diagram.</summary>
    public Rect? ContentBounds => Rect.Around(VisibleNodes.Select(n => n.Bounds));

    /// <summary>
    /// Zooms and pans so that every visible node fits in the container with a margin, clear of the corners where the
    /// toolbar and the minimap float (when a plain fit would put a card under one, the graph is fitted above them).
    /// When that would need a zoom below <paramref name="minimumZoom"/> (cards too small to read), the zoom stays there
    /// and the view starts at the graph's left edge, where the spine begins.
    /// </summary>
    public void ZoomToFit(double? minimumZoom = null)
    {
        if (ContentBounds is not { } bounds)
            return;
        var (container, margin) = (ContainerSize, Settings.FitMargin);
        var (zoom, pan) = Fit(bounds, new Rect(margin, margin, container.Width - 2 * margin, container.Height - 2 * margin));
        if (UnderOverlay(zoom, pan))
        {
            var band = Math.Max(Settings.ToolbarCorner.Height, Settings.MinimapCorner.Height);
            (zoom, pan) = Fit(bounds, new Rect(margin, margin, container.Width - 2 * margin, container.Height - margin - band));
        }
        if (minimumZoom is { } readable && zoom < readable)
        {
            zoom = Math.Clamp(readable, Settings.MinZoom, Settings.MaxZoom);
            var start = VisibleNodes.OrderBy(n => n.Position.X).First();
            pan = new Point(margin - bounds.X * zoom, container.Height / 2 - start.Bounds.Center.Y * zoom);
        }
        Batch(() =>
        {
            base.SetZoom(zoom);
            SetPan(pan.X, pan.Y);
        });
    }

    /// <summary>The zoom (at most 1) and pan that centre <paramref name="bounds"/> in <paramref name="area"/> of the container.</summary>
    private (double Zoom, Point Pan) Fit(Rect bounds, Rect area)
    {
        var zoom = Math.Min(Math.Max(area.Width, 1) / Math.Max(bounds.Width, 1), Math.Max(area.Height, 1) / Math.Max(bounds.Height, 1));
        zoom = Math.Clamp(zoom, Settings.MinZoom, Math.Min(1, Settings.MaxZoom));
        var center = bounds.Center;
        var target = area.Center;
        return (zoom, new Point(target.X - center.X * zoom, target.Y - center.Y * zoom));
    }

    /// <summary>Whether a visible node would lie (partly) under the toolbar's or the minimap's corner at this zoom and pan.</summary>
    private bool UnderOverlay(double zoom, Point pan)
    {
        var (container, toolbar, minimap) = (ContainerSize, Settings.ToolbarCorner, Settings.MinimapCorner);
        var corners = new[]
        {
            new Rect(0, container.Height - toolbar.Height, toolbar.Width, toolbar.Height),
            new Rect(container.Width - minimap.Width, container.Height - minimap.Height, minimap.Width, minimap.Height),
        };
        return VisibleNodes.Any(n =>
        {
            var screen = new Rect(n.Position.X * zoom + pan.X, n.Position.Y * zoom + pan.Y, n.Width * zoom, n.Height * zoom);
            return corners.Any(screen.Intersects);
        });
    }

    /// <summary>Pans so that the diagram point <paramref name="center"/> is in the middle of the container.</summary>
    public void CenterOn(Point center) =>
        SetPan(ContainerSize.Width / 2 - center.X * Zoom, ContainerSize.Height / 2 - center.Y * Zoom);

    /// <summary>
    /// Brings a node the user went to (by keyboard focus, or a "show me" link) to the middle of the container unless it
    /// is already well inside it; the corners are left alone, where the toolbar and the minimap sit.
    /// </summary>
    public void Reveal(NodeModel node)
    {
        var view = Viewport;
        var inset = Settings.RevealInset / Zoom;
        var inner = new Rect(view.X + inset, view.Y + inset, Math.Max(0, view.Width - 2 * inset), Math.Max(0, view.Height - 2 * inset));
        if (!inner.Contains(node.Bounds))
            CenterOn(node.Bounds.Center);
    }

    /// <summary>Pans the least needed so that <paramref name="node"/> is inside the container.</summary>
    public void EnsureVisible(NodeModel node)
    {
        var view = Viewport;
        if (view.Contains(node.Bounds))
            return;
        var dx = node.Bounds.X < view.X ? view.X - node.Bounds.X + 24 / Zoom
            : node.Bounds.Right > view.Right ? view.Right - node.Bounds.Right - 24 / Zoom : 0;
        var dy = node.Bounds.Y < view.Y ? view.Y - node.Bounds.Y + 24 / Zoom
            : node.Bounds.Bottom > view.Bottom ? view.Bottom - node.Bounds.Bottom - 24 / Zoom : 0;
        PanBy(dx * Zoom, dy * Zoom);
    }

    // --- collapse ---------------------------------------------------------

    /// <summary>Folds away (or shows again) everything reachable only through <paramref name="node"/>.</summary>
    public void SetCollapsed(NodeModel node, bool collapsed)
    {
        if (node.Collapsed == collapsed)
            return;
        node.Collapsed = collapsed;
        node.Refresh();
        UpdateHidden();
        CollapseChanged?.Invoke(node);
    }

    public void ToggleCollapsed(NodeModel node) => SetCollapsed(node, !node.Collapsed);

    /// <summary>The nodes <paramref name="node"/>'s links lead to, directly.</summary>
    public IEnumerable<NodeModel> ChildrenOf(NodeModel node) =>
        node.Out.Links.OfType<LinkModel>().Select(l => l.TargetNode).Distinct();

    /// <summary>
    /// A node is shown when some path from a root (a node nothing links to) reaches it without
    /// passing through a collapsed node; a collapsed node itself stays shown.
    /// </summary>
    public void UpdateHidden()
    {
        var children = Links.ToLookup(l => l.SourceNode, l => l.TargetNode);
        var hasParent = Links.Select(l => l.TargetNode).ToHashSet();
        var shown = new HashSet<NodeModel>();
        var queue = new Queue<NodeModel>(Nodes.Where(n => !hasParent.Contains(n)));
        while (queue.TryDequeue(out var node))
        {
            if (!shown.Add(node) || node.Collapsed)
                continue;
            foreach (var child in children[node])
                queue.Enqueue(child);
        }

        Batch(() =>
        {
            foreach (var node in Nodes)
            {
                var hidden = !shown.Contains(node);
                if (node.Hidden == hidden)
                    continue;
                node.Hidden = hidden;
                if (hidden && node.Selected)
                    UnselectModel(node);
                node.Refresh();
            }
            Refresh();
        });
    }

    // --- events from the view ---------------------------------------------

    /// <summary>A press, in container pixels. A press on the background with the middle button or Shift pans too (the library pans on a plain left press only).</summary>
    public void TriggerPointerDown(Model? target, CanvasPointerEvent e)
    {
        _press = e;
        base.TriggerPointerDown(target, Args(target is null ? e with { Button = 0, Shift = false } : e));
    }

    public void TriggerPointerMove(Model? target, CanvasPointerEvent e) => base.TriggerPointerMove(target, Args(e));

    /// <summary>
    /// A release: the library's gestures move on pointer moves, and the browser sends none while it previews, so the
    /// release point arrives as one move first (none for a press without travel, so a click moves nothing).
    /// </summary>
    public void TriggerPointerUp(Model? target, CanvasPointerEvent e)
    {
        if (_press is { } press && (press.X != e.X || press.Y != e.Y))
            base.TriggerPointerMove(target, Args(e));
        _press = null;
        base.TriggerPointerUp(target, Args(e));
        GestureEnded?.Invoke();
    }

    public void TriggerWheel(CanvasWheelEvent e) =>
        base.TriggerWheel(new WheelEventArgs(e.X, e.Y, 0, 0, false, false, false, 0, e.DeltaY, 0, 0));

    public void TriggerKeyDown(NodeModel? target, CanvasKeyEvent e) => NodeKeyDown?.Invoke(target, e);

    private static PointerEventArgs Args(CanvasPointerEvent e) =>
        new(e.X, e.Y, e.Button, e.Button == 0 ? 1 : 4, e.AddsToSelection, e.Shift, false, 1, 1, 1, 0.5f, 0, 0, "mouse", true);

    private void OnNodeMoved(MovableModel model)
    {
        if (model is NodeModel node)
            NodeMoved?.Invoke(node);
    }

    private void OnNodeRemoved(NodeModel node)
    {
        node.Moved -= OnNodeMoved;
        if (FocusedNode == node)
            FocusedNode = null;
    }
}
