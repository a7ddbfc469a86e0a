using Bunit;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Production;
using DreamX.Tests.Support;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.ProjectGraph;
using DreamX.Web.Components.Pages.Projects.Canvas;

namespace DreamX.Tests.Web.Components.Canvas;

/// <summary>An edit saved on real PostgreSQL comes back to an open canvas: what was made from the node is stale.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class CanvasStaleTests(PostgresDatabase database) : StudioComponentTest
{
    private const string Line = "Who are you running from?";

    [Fact]
    public async Task After_a_scene_line_is_edited_the_shots_that_speak_it_come_back_stale()
    {
        var (owner, graph) = await SeedAsync();
        var scene = graph.Episodes[0].Scenes[0];
        var canvas = new ProjectCanvas(new ProjectGraphReader(database.ContextFactory), new CanvasPlacements(database.ContextFactory));
        var diagram = (await canvas.OpenAsync(owner, graph.Project.Id)).Value;
        var shot = diagram.Nodes.Find(ProjectGraphMapper.SegmentKey(scene.Shots[0].Id))!;
        Assert.Equal("ready", shot.State);

        var edited = await new NodeEdits(database.ContextFactory, TimeProvider.System).EditSceneLinesAsync(owner, graph.Project.Id, scene.Id,
            [new ScriptLine(ScriptLineKind.Dialogue, "c1", "Who sent you here?", "worried")]);
        Assert.True(edited.IsSuccess, edited.Error);
        await canvas.RefreshAsync(owner, graph.Project.Id, diagram);

        var panel = Render<CanvasNodePanel>(p => p.Add(x => x.Node, shot));
        Assert.Equal("Stale", panel.Find("[data-testid='node-panel-state']").TextContent.Trim());
        Assert.Equal("stale", diagram.Nodes.Find(ProjectGraphMapper.SegmentKey(scene.Shots[1].Id))!.State);
        Assert.Equal("ready", diagram.Nodes.Find(ProjectGraphMapper.SceneKey(graph.Episodes[0].Scenes[1].Id))!.State);
    }

    [Fact]
    public async Task A_shot_whose_line_was_not_touched_stays_ready()
    {
        var (owner, graph) = await SeedAsync();
        var scene = graph.Episodes[0].Scenes[0];
        var canvas = new ProjectCanvas(new ProjectGraphReader(database.ContextFactory), new CanvasPlacements(database.ContextFactory));
        var diagram = (await canvas.OpenAsync(owner, graph.Project.Id)).Value;

        var edited = await new NodeEdits(database.ContextFactory, TimeProvider.System).EditSceneLinesAsync(owner, graph.Project.Id, scene.Id,
            [.. scene.Lines, new ScriptLine(ScriptLineKind.Narration, null, "The lights flicker.", "neutral")]);
        Assert.True(edited.IsSuccess, edited.Error);
        await canvas.RefreshAsync(owner, graph.Project.Id, diagram);

        Assert.All(scene.Shots, s => Assert.Equal("ready", diagram.Nodes.Find(ProjectGraphMapper.SegmentKey(s.Id))!.State));
    }

    /// <summary>One episode, two scenes of two ready shots; the first scene's only line is the one its shots speak.</summary>
    private async Task<(string Owner, ProjectGraph Graph)> SeedAsync()
    {
        var owner = $"stale-{Guid.NewGuid():N}";
        var graph = SampleProjectGraph.Build(owner, characters: 1, episodes: 1, scenesPerEpisode: 2, shotsPerScene: 2);
        foreach (var scene in graph.Episodes[0].Scenes)
        {
            scene.Lines = [new ScriptLine(ScriptLineKind.Dialogue, "c1", Line, "worried")];
            scene.Shots.ForEach(s => s.State = DreamX.Domain.Canvas.NodeState.Ready);
        }
        await using var db = database.CreateContext();
        await SampleProjectGraph.SaveWithOwnerAsync(db, graph);
        return (owner, graph);
    }
}
