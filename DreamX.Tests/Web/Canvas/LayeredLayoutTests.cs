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
        ProjectGraphMapper.ToDiagram(SampleProjectGraph.Build("owner", characters: 3, episodes: 2, scenesPerEpisode: 2, shotsPerScene: 3));

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
