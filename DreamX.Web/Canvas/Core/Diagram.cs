using DreamX.Web.Canvas.Core.Behaviors;
using DreamX.Web.Canvas.Core.Models;

namespace DreamX.Web.Canvas.Core;

/// <summary>
/// The canvas' model: nodes and links, selection, pan and zoom, and the gestures (behaviours) that change them.
/// The view feeds it pointer, wheel and key events; nothing here knows about the browser.
/// </summary>
public sealed class Diagram
{
    private readonly List<Behavior> _behaviors = [];
    private int _batchDepth;
    private bool _changedInBatch;

    public Diagram(DiagramOptions? options = null, bool registerDefaultBehaviors = true)
    {
        Options = options ?? new DiagramOptions();
        Nodes.Added += _ => RaiseChanged();
        Nodes.Removed += OnNodeRemoved;
        Links.Added += _ => RaiseChanged();
        Links.Removed += _ => RaiseChanged();
        if (!registerDefaultBehaviors)
            return;
        // Selection runs before dragging so that a drag moves what the press selected.
        RegisterBehavior(new SelectionBehavior(this));
        RegisterBehavior(new DragNodesBehavior(this));
        RegisterBehavior(new PanBehavior(this));
        RegisterBehavior(new ZoomBehavior(this));
        RegisterBehavior(new KeyboardBehavior(this));
    }

    public DiagramOptions Options { get; }
    public Layer<NodeModel> Nodes { get; } = new();
    public Layer<LinkModel> Links { get; } = new();

    /// <summary>Screen offset of the diagram's origin, in container pixels.</summary>
    public Point Pan { get; private set; } = Point.Zero;

    public double Zoom { get; private set; } = 1;

    /// <summary>Size of the visible container in pixels, as measured by the view.</summary>
    public Size Container { get; private set; } = new(1200, 800);

    /// <summary>The node keyboard focus is on (Tab moves it).</summary>
    public NodeModel? FocusedNode { get; private set; }

    /// <summary>Pan, zoom, nodes or links changed (once per batch).</summary>
    public event Action? Changed;

    public event Action? SelectionChanged;

    /// <summary>A gesture ended with the node at a new position (raised once per node, on release).</summary>
    public event Action<NodeModel>? NodeMoved;

    /// <summary>A node's children were folded away or shown again.</summary>
    public event Action<NodeModel>? CollapseChanged;

    /// <summary>The user asked to open a node (Enter on it).</summary>
    public event Action<NodeModel>? NodeOpened;

    public event Action<Model?, CanvasPointerEvent>? PointerDown;
    public event Action<Model?, CanvasPointerEvent>? PointerMove;
    public event Action<Model?, CanvasPointerEvent>? PointerUp;
    public event Action<CanvasWheelEvent>? Wheel;
    public event Action<NodeModel?, CanvasKeyEvent>? KeyDown;

    public IEnumerable<NodeModel> VisibleNodes => Nodes.Where(n => !n.Hidden);

    public IEnumerable<LinkModel> VisibleLinks => Links.Where(l => !l.Source.Node.Hidden && !l.Target.Node.Hidden);

    public IEnumerable<NodeModel> SelectedNodes => Nodes.Where(n => n.Selected);

    public void RegisterBehavior(Behavior behavior) => _behaviors.Add(behavior);

    public T? GetBehavior<T>() where T : Behavior => _behaviors.OfType<T>().FirstOrDefault();

    public void UnregisterBehavior<T>() where T : Behavior
    {
        foreach (var behavior in _behaviors.OfType<T>().ToList())
        {
            behavior.Dispose();
            _behaviors.Remove(behavior);
        }
    }

    // --- structure --------------------------------------------------------

    public LinkModel Connect(NodeModel source, NodeModel target) => Links.Add(new LinkModel(source.Out, target.In));

    public IEnumerable<LinkModel> LinksOf(NodeModel node) =>
        Links.Where(l => l.Source.Node == node || l.Target.Node == node);

    /// <summary>Runs <paramref name="update"/> and raises <see cref="Changed"/> once at the end.</summary>
    public void Batch(Action update)
    {
        _batchDepth++;
        try
        {
            update();
        }
        finally
        {
            _batchDepth--;
            if (_batchDepth == 0 && _changedInBatch)
            {
                _changedInBatch = false;
                Changed?.Invoke();
            }
        }
    }

    /// <summary>Tells the views the diagram changed (deferred inside a batch).</summary>
    public void RaiseChanged()
    {
        if (_batchDepth > 0)
            _changedInBatch = true;
        else
            Changed?.Invoke();
    }

    // --- selection --------------------------------------------------------

    public void SelectNode(NodeModel node, bool addToSelection = false)
    {
        if (!addToSelection)
            foreach (var other in SelectedNodes.Where(n => n != node).ToList())
                SetSelected(other, false);
        if (!node.Selected)
            SetSelected(node, true);
        SelectionChanged?.Invoke();
    }

    public void ToggleSelection(NodeModel node)
    {
        SetSelected(node, !node.Selected);
        SelectionChanged?.Invoke();
    }

    public void UnselectAll()
    {
        var selected = SelectedNodes.ToList();
        if (selected.Count == 0)
            return;
        foreach (var node in selected)
            SetSelected(node, false);
        SelectionChanged?.Invoke();
    }

    private static void SetSelected(NodeModel node, bool selected)
    {
        node.Selected = selected;
        node.Refresh();
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
        if (size.Width <= 0 || size.Height <= 0 || size == Container)
            return;
        Container = size;
        RaiseChanged();
    }

    public void SetPan(double x, double y)
    {
        if (Pan.X == x && Pan.Y == y)
            return;
        Pan = new Point(x, y);
        RaiseChanged();
    }

    public void PanBy(double dx, double dy) => SetPan(Pan.X + dx, Pan.Y + dy);

    /// <summary>Zooms to <paramref name="zoom"/> (clamped) keeping the diagram point under <paramref name="screenPoint"/> in place.</summary>
    public void SetZoom(double zoom, Point? screenPoint = null)
    {
        var clamped = Math.Clamp(zoom, Options.MinZoom, Options.MaxZoom);
        if (clamped == Zoom)
            return;
        var anchor = screenPoint ?? new Point(Container.Width / 2, Container.Height / 2);
        var world = ToDiagram(anchor);
        Zoom = clamped;
        Pan = new Point(anchor.X - world.X * Zoom, anchor.Y - world.Y * Zoom);
        RaiseChanged();
    }

    public void ZoomIn(Point? screenPoint = null) => SetZoom(Zoom * Options.ZoomStep, screenPoint);

    public void ZoomOut(Point? screenPoint = null) => SetZoom(Zoom / Options.ZoomStep, screenPoint);

    /// <summary>Diagram coordinates of a point of the container.</summary>
    public Point ToDiagram(Point screen) => new((screen.X - Pan.X) / Zoom, (screen.Y - Pan.Y) / Zoom);

    public Point ToScreen(Point diagram) => new(diagram.X * Zoom + Pan.X, diagram.Y * Zoom + Pan.Y);

    /// <summary>The part of the diagram the container shows, in diagram coordinates.</summary>
    public Rect Viewport => new(-Pan.X / Zoom, -Pan.Y / Zoom, Container.Width / Zoom, Container.Height / Zoom);

    /// <summary>Bounds of the visible nodes, or null for an empty diagram.</summary>
    public Rect? ContentBounds => Rect.Around(VisibleNodes.Select(n => n.Bounds));

    /// <summary>
    /// Zooms and pans so that every visible node fits in the container with a margin. When that would need a zoom
    /// below <paramref name="minimumZoom"/> (cards too small to read), the zoom stays there and the view starts at
    /// the graph's left edge, where the spine begins.
    /// </summary>
    public void ZoomToFit(double? minimumZoom = null)
    {
        if (ContentBounds is not { } bounds)
            return;
        var margin = Options.FitMargin;
        var zoom = Math.Min(
            (Container.Width - 2 * margin) / Math.Max(bounds.Width, 1),
            (Container.Height - 2 * margin) / Math.Max(bounds.Height, 1));
        Zoom = Math.Clamp(zoom, Options.MinZoom, Math.Min(1, Options.MaxZoom));
        var center = bounds.Center;
        Pan = new Point(Container.Width / 2 - center.X * Zoom, Container.Height / 2 - center.Y * Zoom);
        if (minimumZoom is { } readable && Zoom < readable)
        {
            Zoom = Math.Clamp(readable, Options.MinZoom, Options.MaxZoom);
            var start = VisibleNodes.OrderBy(n => n.Position.X).First();
            Pan = new Point(margin - bounds.X * Zoom, Container.Height / 2 - start.Bounds.Center.Y * Zoom);
        }
        RaiseChanged();
    }

    /// <summary>Pans so that the diagram point <paramref name="center"/> is in the middle of the container.</summary>
    public void CenterOn(Point center) =>
        SetPan(Container.Width / 2 - center.X * Zoom, Container.Height / 2 - center.Y * Zoom);

    /// <summary>
    /// Brings a node the user went to (by keyboard focus, or a "show me" link) to the middle of the container unless it
    /// is already well inside it; the corners are left alone, where the toolbar and the minimap sit.
    /// </summary>
    public void Reveal(NodeModel node)
    {
        var view = Viewport;
        var inset = Options.RevealInset / Zoom;
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
        Links.Where(l => l.Source.Node == node).Select(l => l.Target.Node).Distinct();

    /// <summary>
    /// A node is shown when some path from a root (a node nothing links to) reaches it without
    /// passing through a collapsed node; a collapsed node itself stays shown.
    /// </summary>
    public void UpdateHidden()
    {
        var children = Links.ToLookup(l => l.Source.Node, l => l.Target.Node);
        var hasParent = Links.Select(l => l.Target.Node).ToHashSet();
        var shown = new HashSet<NodeModel>();
        var queue = new Queue<NodeModel>(Nodes.Where(n => !hasParent.Contains(n)));
        while (queue.TryDequeue(out var node))
        {
            if (!shown.Add(node) || node.Collapsed)
                continue;
            foreach (var child in children[node])
                queue.Enqueue(child);
        }

        foreach (var node in Nodes)
        {
            var hidden = !shown.Contains(node);
            if (node.Hidden == hidden)
                continue;
            node.Hidden = hidden;
            if (hidden && node.Selected)
                node.Selected = false;
            node.Refresh();
        }
        RaiseChanged();
    }

    // --- events from the view ---------------------------------------------

    public void TriggerPointerDown(Model? target, CanvasPointerEvent e) => PointerDown?.Invoke(target, e);
    public void TriggerPointerMove(Model? target, CanvasPointerEvent e) => PointerMove?.Invoke(target, e);
    public void TriggerPointerUp(Model? target, CanvasPointerEvent e) => PointerUp?.Invoke(target, e);
    public void TriggerWheel(CanvasWheelEvent e) => Wheel?.Invoke(e);
    public void TriggerKeyDown(NodeModel? target, CanvasKeyEvent e) => KeyDown?.Invoke(target, e);

    internal void RaiseNodeMoved(NodeModel node) => NodeMoved?.Invoke(node);

    private void OnNodeRemoved(NodeModel node)
    {
        foreach (var link in LinksOf(node).ToList())
            Links.Remove(link);
        if (FocusedNode == node)
            FocusedNode = null;
        RaiseChanged();
    }
}
