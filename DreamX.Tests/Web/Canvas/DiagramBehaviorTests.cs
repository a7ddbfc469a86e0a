using Blazor.Diagrams.Core.Geometry;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;

namespace DreamX.Tests.Web.Canvas;

public class DiagramBehaviorTests
{
    private static (Diagram Diagram, NodeModel A, NodeModel B, NodeModel C) ThreeNodes()
    {
        var diagram = new Diagram();
        diagram.SetContainer(new Size(1000, 600));
        var a = diagram.Nodes.Add(new NodeModel("a", new Point(0, 0)));
        var b = diagram.Nodes.Add(new NodeModel("b", new Point(400, 0)));
        var c = diagram.Nodes.Add(new NodeModel("c", new Point(400, 300)));
        diagram.Connect(a, b);
        diagram.Connect(a, c);
        return (diagram, a, b, c);
    }

    [Fact]
    public void Dragging_the_background_pans_by_the_pointer_travel()
    {
        var (diagram, _, _, _) = ThreeNodes();

        diagram.TriggerPointerDown(null, new CanvasPointerEvent(100, 100));
        diagram.TriggerPointerMove(null, new CanvasPointerEvent(130, 90));
        diagram.TriggerPointerUp(null, new CanvasPointerEvent(150, 160));

        Assert.Equal(new Point(50, 60), diagram.Pan);
    }

    [Fact]
    public void Zooming_with_the_wheel_keeps_the_point_under_the_cursor_in_place()
    {
        var (diagram, _, _, _) = ThreeNodes();
        diagram.SetPan(37, -12);
        var cursor = new Point(420, 275);
        var under = diagram.ToDiagram(cursor);

        diagram.TriggerWheel(new CanvasWheelEvent(cursor.X, cursor.Y, -100));

        Assert.True(diagram.Zoom > 1);
        var after = diagram.ToScreen(under);
        Assert.Equal(cursor.X, after.X, 6);
        Assert.Equal(cursor.Y, after.Y, 6);
    }

    [Fact]
    public void Zoom_stays_within_its_limits()
    {
        var diagram = new Diagram(new CanvasOptions { MinZoom = 0.5, MaxZoom = 2 });

        for (var i = 0; i < 30; i++)
            diagram.TriggerWheel(new CanvasWheelEvent(10, 10, 300));
        Assert.Equal(0.5, diagram.Zoom);

        for (var i = 0; i < 30; i++)
            diagram.ZoomIn();
        Assert.Equal(2, diagram.Zoom);
    }

    [Fact]
    public void Dragging_a_selected_node_moves_every_selected_node_by_the_travel_divided_by_the_zoom()
    {
        var (diagram, a, b, c) = ThreeNodes();
        diagram.SetZoom(2, new Point(0, 0));
        diagram.SelectNode(b);
        diagram.SelectNode(c, addToSelection: true);
        var moved = new List<NodeModel>();
        diagram.NodeMoved += moved.Add;

        diagram.TriggerPointerDown(b, new CanvasPointerEvent(500, 500));
        diagram.TriggerPointerUp(null, new CanvasPointerEvent(600, 540));

        Assert.Equal(new Point(450, 20), b.Position);
        Assert.Equal(new Point(450, 320), c.Position);
        Assert.Equal(new Point(0, 0), a.Position);
        Assert.Equal([b, c], moved);
    }

    [Fact]
    public void A_press_without_travel_moves_nothing()
    {
        var (diagram, a, _, _) = ThreeNodes();
        var moved = 0;
        diagram.NodeMoved += _ => moved++;

        diagram.TriggerPointerDown(a, new CanvasPointerEvent(10, 10));
        diagram.TriggerPointerUp(null, new CanvasPointerEvent(10, 10));

        Assert.Equal(0, moved);
        Assert.True(a.Selected);
    }

    [Fact]
    public void Pressing_a_node_selects_only_it_and_pressing_the_background_clears_the_selection()
    {
        var (diagram, a, b, _) = ThreeNodes();
        diagram.SelectNode(a);

        diagram.TriggerPointerDown(b, new CanvasPointerEvent(0, 0));
        diagram.TriggerPointerUp(null, new CanvasPointerEvent(0, 0));
        Assert.Equal([b], diagram.SelectedNodes);

        diagram.TriggerPointerDown(a, new CanvasPointerEvent(0, 0, Ctrl: true));
        diagram.TriggerPointerUp(null, new CanvasPointerEvent(0, 0));
        Assert.Equal([a, b], diagram.SelectedNodes);

        diagram.TriggerPointerDown(null, new CanvasPointerEvent(0, 0));
        diagram.TriggerPointerUp(null, new CanvasPointerEvent(0, 0));
        Assert.Empty(diagram.SelectedNodes);
    }

    [Fact]
    public void Tab_moves_the_focus_to_the_next_node_enter_opens_it_and_escape_clears_the_selection()
    {
        var (diagram, a, b, _) = ThreeNodes();
        NodeModel? opened = null;
        diagram.NodeOpened += n => opened = n;

        diagram.TriggerKeyDown(a, new CanvasKeyEvent("Tab"));
        Assert.Same(b, diagram.FocusedNode);

        diagram.TriggerKeyDown(b, new CanvasKeyEvent("Enter"));
        Assert.Same(b, opened);
        Assert.Equal([b], diagram.SelectedNodes);

        diagram.TriggerKeyDown(b, new CanvasKeyEvent("Escape"));
        Assert.Empty(diagram.SelectedNodes);
    }

    [Fact]
    public void Tab_brings_an_off_screen_node_into_view()
    {
        var (diagram, a, _, _) = ThreeNodes();
        var far = diagram.Nodes.Add(new NodeModel("far", new Point(5000, 3000)));

        diagram.TriggerKeyDown(diagram.Nodes[2], new CanvasKeyEvent("Tab"));

        Assert.Same(far, diagram.FocusedNode);
        Assert.True(diagram.Viewport.Contains(far.Bounds));
        Assert.NotNull(a);
    }

    [Fact]
    public void Fit_to_screen_shows_every_node()
    {
        var (diagram, _, _, _) = ThreeNodes();
        diagram.Nodes.Add(new NodeModel("far", new Point(-900, 1400)));
        diagram.SetZoom(2.5);

        diagram.ZoomToFit();

        Assert.True(diagram.Viewport.Contains(diagram.ContentBounds!.Value));
    }

    [Fact]
    public void Fit_to_screen_keeps_cards_clear_of_the_toolbar_and_the_minimap()
    {
        // Centred in the whole container, the bottom-right card would lie under the minimap, where it cannot be clicked.
        var diagram = new Diagram();
        diagram.SetContainer(new Size(1000, 600));
        diagram.Nodes.Add(new NodeModel("spine", new Point(0, 0)));
        diagram.Nodes.Add(new NodeModel("top-right", new Point(1500, 0)));
        diagram.Nodes.Add(new NodeModel("bottom-right", new Point(1500, 800)));

        diagram.ZoomToFit();

        var (toolbar, minimap) = (diagram.Settings.ToolbarCorner, diagram.Settings.MinimapCorner);
        var corners = new[]
        {
            new Rect(0, 600 - toolbar.Height, toolbar.Width, toolbar.Height),
            new Rect(1000 - minimap.Width, 600 - minimap.Height, minimap.Width, minimap.Height),
        };
        foreach (var node in diagram.Nodes.OfType<NodeModel>())
        {
            var screen = new Rect(node.Position.X * diagram.Zoom + diagram.Pan.X, node.Position.Y * diagram.Zoom + diagram.Pan.Y,
                node.Width * diagram.Zoom, node.Height * diagram.Zoom);
            Assert.DoesNotContain(corners, screen.Intersects);
        }
        Assert.True(diagram.Viewport.Contains(diagram.ContentBounds!.Value));
    }

    [Fact]
    public void Collapsing_a_node_hides_what_is_reachable_only_through_it()
    {
        var diagram = new Diagram();
        var root = diagram.Nodes.Add(new NodeModel("root"));
        var left = diagram.Nodes.Add(new NodeModel("left"));
        var right = diagram.Nodes.Add(new NodeModel("right"));
        var leftChild = diagram.Nodes.Add(new NodeModel("left-child"));
        var shared = diagram.Nodes.Add(new NodeModel("shared"));
        diagram.Connect(root, left);
        diagram.Connect(root, right);
        diagram.Connect(left, leftChild);
        diagram.Connect(left, shared);
        diagram.Connect(right, shared);

        diagram.SetCollapsed(left, true);
        Assert.True(leftChild.Hidden);
        Assert.False(shared.Hidden);
        Assert.False(left.Hidden);
        Assert.DoesNotContain(diagram.VisibleLinks, l => l.TargetNode == leftChild);

        diagram.SetCollapsed(left, false);
        Assert.All(diagram.Nodes, n => Assert.False(n.Hidden));
    }

    [Fact]
    public void A_batch_raises_changed_once()
    {
        var diagram = new Diagram();
        var changes = 0;
        diagram.Changed += () => changes++;

        diagram.Batch(() =>
        {
            diagram.Nodes.Add(new NodeModel("a"));
            diagram.Nodes.Add(new NodeModel("b"));
            diagram.SetPan(10, 10);
        });

        Assert.Equal(1, changes);
    }

    [Fact]
    public void Removing_a_node_removes_its_links_and_says_so()
    {
        var (diagram, a, _, _) = ThreeNodes();
        var removed = new List<LinkModel>();
        diagram.Links.Removed += removed.Add;

        diagram.Nodes.Remove(a);

        Assert.Equal(2, removed.Count);
        Assert.Empty(diagram.Links);
    }

    [Fact]
    public void The_minimap_scales_the_graph_and_the_viewport_into_its_box()
    {
        var (diagram, _, _, _) = ThreeNodes();
        diagram.ZoomToFit();

        var map = Minimap.Of(diagram, new Size(200, 120));

        Assert.Equal(3, map.Nodes.Count);
        var box = new Rect(0, 0, 200, 120);
        Assert.All(map.Nodes, n => Assert.True(box.Contains(n.Bounds)));
        Assert.True(box.Contains(map.Viewport));
        var center = map.ToDiagram(map.Viewport.Center);
        Assert.Equal(diagram.Viewport.Center.X, center.X, 3);
        Assert.Equal(diagram.Viewport.Center.Y, center.Y, 3);
    }
}
