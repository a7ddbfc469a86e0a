using Blazor.Diagrams.Core.Geometry;
using DreamX.Tests.Support;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.Layout;
using DreamX.Web.Canvas.ProjectGraph;

namespace DreamX.Tests.Web.Canvas;

public class LayeredLayoutTests
{
    private static readonly string[] Spine = ["checkpoint", "story-bible", "character", "script", "scene", "segment", "compose"];

    private static Diagram ProjectDiagram() =>
        ProjectGraphMapper.ToDiagram(SampleProjectGraph.Build("owner", characters: 5, episodes: 2, scenesPerEpisode: 2, shotsPerScene: 6));

    [Fact]
    public void Layers_run_left_to_right_along_the_spine()
    {
        var diagram = ProjectDiagram();

        new LayeredLayout().TidyUp(diagram);

        var columns = Spine.Select(kind => diagram.Nodes.Where(n => n.Kind == kind).ToList()).ToList();
        for (var i = 1; i < columns.Count; i++)
            Assert.True(columns[i].Min(n => n.Position.X) >= columns[i - 1].Max(n => n.Bounds.Right),
                $"{Spine[i]} should sit right of {Spine[i - 1]}");
    }

    [Fact]
    public void No_two_nodes_overlap()
    {
        var diagram = ProjectDiagram();

        new LayeredLayout().TidyUp(diagram);

        var nodes = diagram.Nodes.ToList();
        for (var i = 0; i < nodes.Count; i++)
            for (var j = i + 1; j < nodes.Count; j++)
                Assert.False(nodes[i].Bounds.Intersects(nodes[j].Bounds), $"{nodes[i].Id} overlaps {nodes[j].Id}");
    }

    [Fact]
    public void Saved_positions_are_kept_and_new_nodes_are_placed_without_overlapping_them()
    {
        var diagram = ProjectDiagram();
        var layout = new LayeredLayout();
        layout.TidyUp(diagram);
        var fresh = diagram.Nodes.Where(n => n.Kind == "segment").ToList();
        foreach (var node in fresh)
            node.HasPosition = false;
        var saved = diagram.Nodes.Except(fresh).ToDictionary(n => n, n => n.Position);
        var bible = diagram.Nodes.Find(ProjectGraphMapper.StoryBibleKey)!;
        bible.SetPosition(1500, 0);
        saved[bible] = bible.Position;

        layout.PlaceNew(diagram);

        Assert.All(saved, pair => Assert.Equal(pair.Value, pair.Key.Position));
        Assert.All(fresh, n => Assert.True(n.HasPosition));
        foreach (var node in fresh)
            Assert.DoesNotContain(diagram.Nodes, other => other != node && other.Bounds.Intersects(node.Bounds));
    }

    [Fact]
    public void An_empty_diagram_needs_no_layout()
    {
        var diagram = new Diagram();

        new LayeredLayout().TidyUp(diagram);

        Assert.Empty(diagram.Nodes);
    }
}

public class LayeredLayoutBlockTests
{
    [Fact]
    public void The_shots_of_a_scene_are_laid_as_a_storyboard_grid_in_shot_order()
    {
        var graph = SampleProjectGraph.Build("owner", characters: 1, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 8);
        var diagram = ProjectGraphMapper.ToDiagram(graph);

        new LayeredLayout { BlockColumns = 4 }.TidyUp(diagram);

        var shots = graph.Episodes[0].Scenes[0].Shots.Select(s => diagram.Nodes.Find(ProjectGraphMapper.SegmentKey(s.Id))!).ToList();
        Assert.Equal(4, shots.Select(s => s.Position.X).Distinct().Count());
        Assert.Equal(2, shots.Select(s => s.Position.Y).Distinct().Count());
        Assert.True(shots[0].Position.X < shots[1].Position.X && shots[0].Position.Y == shots[1].Position.Y);
        Assert.True(shots[4].Position.Y > shots[0].Position.Y);
    }

    [Fact]
    public void A_one_episode_project_wraps_into_bands_that_fit_a_screen_at_a_readable_zoom()
    {
        var diagram = ProjectGraphMapper.ToDiagram(SampleProjectGraph.Build("owner", characters: 6, episodes: 1, scenesPerEpisode: 3, shotsPerScene: 4));
        new LayeredLayout().TidyUp(diagram);
        var unwrapped = diagram.ContentBounds!.Value;

        new LayeredLayout { WrapAspect = 1.6, LayerGap = 96 }.TidyUp(diagram);

        var wrapped = diagram.ContentBounds!.Value;
        var container = new Size(980, 600); // a 1366×860 window with the navigation open, less the fit margin
        static double FitZoom(Rect bounds, Size container) => Math.Min(container.Width / bounds.Width, container.Height / bounds.Height);
        Assert.True(FitZoom(wrapped, container) >= 0.5, $"wrapped {wrapped.Width:0}×{wrapped.Height:0} fits at {FitZoom(wrapped, container):0.00}");
        Assert.True(FitZoom(wrapped, container) > FitZoom(unwrapped, container) * 1.3, $"unwrapped {unwrapped.Width:0}×{unwrapped.Height:0}");
        var nodes = diagram.Nodes.ToList();
        for (var i = 0; i < nodes.Count; i++)
            for (var j = i + 1; j < nodes.Count; j++)
                Assert.False(nodes[i].Bounds.Intersects(nodes[j].Bounds), $"{nodes[i].Id} overlaps {nodes[j].Id}");
    }

    [Fact]
    public void A_cast_is_laid_as_a_grid_not_one_long_row()
    {
        var diagram = ProjectGraphMapper.ToDiagram(SampleProjectGraph.Build("owner", characters: 6, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 2));

        new LayeredLayout().TidyUp(diagram);

        var cast = diagram.Nodes.Where(n => n.Kind == ProjectNodeKinds.Character).ToList();
        Assert.InRange(cast.Select(n => n.Position.Y).Distinct().Count(), 2, 3);
    }
}
