using DreamX.Domain.Canvas;
using DreamX.Tests.Support;
using DreamX.Web.Canvas.ProjectGraph;

namespace DreamX.Tests.Web.Canvas;

public class ProjectGraphMapperTests
{
    [Fact]
    public void A_project_fans_out_one_node_per_item_along_the_spine()
    {
        var graph = SampleProjectGraph.Build("owner", characters: 2, episodes: 1, scenesPerEpisode: 2, shotsPerScene: 2);

        var diagram = ProjectGraphMapper.ToDiagram(graph);

        var counts = diagram.Nodes.GroupBy(n => n.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int>
        {
            ["checkpoint"] = 1, ["story-bible"] = 1, ["character"] = 2, ["script"] = 1, ["scene"] = 2, ["segment"] = 4, ["compose"] = 1,
        }, counts);
    }

    [Fact]
    public void Each_kind_is_a_library_node_of_its_own_type_with_a_fixed_size_and_ports_placed_from_the_layout()
    {
        var graph = SampleProjectGraph.Build("owner", characters: 1, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 2);
        var episode = graph.Episodes[0];
        var scene = episode.Scenes[0];

        var diagram = new ProjectCanvas(null!, null!).Build(graph, new Dictionary<string, CanvasNodePlacement>());

        Assert.IsType<CheckpointNode>(diagram.Nodes.Find(ProjectGraphMapper.CheckpointKey));
        Assert.IsType<StoryBibleNode>(diagram.Nodes.Find(ProjectGraphMapper.StoryBibleKey));
        Assert.IsType<CharacterNode>(diagram.Nodes.Find(ProjectGraphMapper.CharacterKey(graph.Characters[0].Id)));
        Assert.IsType<ScriptNode>(diagram.Nodes.Find(ProjectGraphMapper.ScriptKey(episode.Id)));
        Assert.IsType<SceneNode>(diagram.Nodes.Find(ProjectGraphMapper.SceneKey(scene.Id)));
        Assert.IsType<SegmentNode>(diagram.Nodes.Find(ProjectGraphMapper.SegmentKey(scene.Shots[1].Id)));
        Assert.IsType<ComposeNode>(diagram.Nodes.Find(ProjectGraphMapper.ComposeKey(episode.Id)));
        Assert.All(diagram.Nodes, node =>
        {
            Assert.IsAssignableFrom<Blazor.Diagrams.Core.Models.NodeModel>(node);
            Assert.Equal(CardSizes.Of((ProjectNodeData)node.Data!), node.Size);
            // Ports sit on the card's edges at mid-height wherever the layout put it.
            Assert.Equal(new Blazor.Diagrams.Core.Geometry.Point(node.Position.X, node.Position.Y + node.Height / 2), node.In.Position);
            Assert.Equal(new Blazor.Diagrams.Core.Geometry.Point(node.Position.X + node.Width, node.Position.Y + node.Height / 2), node.Out.Position);
        });
        // Every link is the library's, between the two ports, with its path made.
        Assert.All(diagram.Links, link =>
        {
            Assert.Same(link.SourceNode.Out, link.SourcePort);
            Assert.Same(link.TargetNode.In, link.TargetPort);
            Assert.NotNull(link.PathGeneratorResult);
        });
    }

    [Fact]
    public void Links_say_what_each_node_was_made_from()
    {
        var graph = SampleProjectGraph.Build("owner", characters: 2, episodes: 1, scenesPerEpisode: 2, shotsPerScene: 2);
        var episode = graph.Episodes[0];
        var scene = episode.Scenes[0];
        var shot = scene.Shots[0];

        var diagram = ProjectGraphMapper.ToDiagram(graph);

        var links = diagram.Links.Select(l => (l.SourceNode.Id, l.TargetNode.Id)).ToHashSet();
        Assert.Contains((ProjectGraphMapper.CheckpointKey, ProjectGraphMapper.StoryBibleKey), links);
        Assert.Contains((ProjectGraphMapper.StoryBibleKey, ProjectGraphMapper.CharacterKey(graph.Characters[1].Id)), links);
        Assert.Contains((ProjectGraphMapper.CharacterKey(graph.Characters[0].Id), ProjectGraphMapper.ScriptKey(episode.Id)), links);
        Assert.Contains((ProjectGraphMapper.ScriptKey(episode.Id), ProjectGraphMapper.SceneKey(scene.Id)), links);
        Assert.Contains((ProjectGraphMapper.SceneKey(scene.Id), ProjectGraphMapper.SegmentKey(shot.Id)), links);
        Assert.Contains((ProjectGraphMapper.SegmentKey(shot.Id), ProjectGraphMapper.ComposeKey(episode.Id)), links);
    }

    [Fact]
    public void Node_states_use_the_canvas_state_names()
    {
        var graph = SampleProjectGraph.Build("owner", characters: 1, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 8);

        var diagram = ProjectGraphMapper.ToDiagram(graph);

        var states = diagram.Nodes.Where(n => n.Kind == "segment").Select(n => n.State).ToHashSet();
        Assert.Equal(["empty", "failed", "queued", "ready", "running", "stale"], states.Order());
    }

    [Fact]
    public void A_new_project_shows_its_checkpoint_and_an_empty_story_bible()
    {
        var graph = SampleProjectGraph.Build("owner", characters: 0, episodes: 0) with { StoryBible = null };

        var diagram = ProjectGraphMapper.ToDiagram(graph);

        Assert.Equal(["checkpoint", "story-bible"], diagram.Nodes.Select(n => n.Kind));
        Assert.Equal("empty", diagram.Nodes.Find(ProjectGraphMapper.StoryBibleKey)!.State);
    }

    [Fact]
    public void Saved_placements_put_nodes_back_and_fold_collapsed_ones()
    {
        var graph = SampleProjectGraph.Build("owner", characters: 1, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 2);
        var scene = graph.Episodes[0].Scenes[0];
        var placements = new Dictionary<string, CanvasNodePlacement>
        {
            [ProjectGraphMapper.SceneKey(scene.Id)] = new() { NodeKey = ProjectGraphMapper.SceneKey(scene.Id), X = 700, Y = 40, Collapsed = true },
        };

        var diagram = ProjectGraphMapper.ToDiagram(graph, placements);

        var node = diagram.Nodes.Find(ProjectGraphMapper.SceneKey(scene.Id))!;
        Assert.Equal(new Blazor.Diagrams.Core.Geometry.Point(700, 40), node.Position);
        Assert.True(node.HasPosition);
        Assert.True(diagram.Nodes.Find(ProjectGraphMapper.SegmentKey(scene.Shots[0].Id))!.Hidden);
    }
}
