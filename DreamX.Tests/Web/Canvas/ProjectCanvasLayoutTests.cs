using DreamX.Domain.Canvas;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Canvas;
using DreamX.Tests.Support;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Web.Canvas;

/// <summary>Where nodes go as a project grows, on real PostgreSQL: the layout places what the creator has not.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class ProjectCanvasLayoutTests(PostgresDatabase database)
{
    [Fact]
    public async Task When_scenes_arrive_the_compose_node_moves_after_every_shot_in_reading_order()
    {
        var (owner, graph) = await SeedAsync();
        var canvas = Canvas();
        var diagram = (await canvas.OpenAsync(owner, graph.Project.Id)).Value;

        await AddSceneAsync(graph, shots: 6);
        await canvas.RefreshAsync(owner, graph.Project.Id, diagram);

        var compose = diagram.Nodes.Find(ProjectGraphMapper.ComposeKey(graph.Episodes[0].Id))!;
        var shots = diagram.Nodes.Where(n => n.Kind == ProjectNodeKinds.Segment).ToList();
        Assert.Equal(8, shots.Count);
        // The layout wraps long rows into bands read top to bottom: the compose node is right of the shots, or below them.
        var rightOfAll = compose.Position.X > shots.Max(n => n.Bounds.Right);
        var belowAll = compose.Position.Y > shots.Max(n => n.Bounds.Bottom);
        Assert.True(rightOfAll || belowAll, $"compose at {compose.Position}, shots end at x {shots.Max(n => n.Bounds.Right)}, y {shots.Max(n => n.Bounds.Bottom)}");
    }

    [Fact]
    public async Task A_node_the_creator_dragged_stays_where_it_was_put_while_the_rest_follow_the_layout()
    {
        var (owner, graph) = await SeedAsync();
        var canvas = Canvas();
        var diagram = (await canvas.OpenAsync(owner, graph.Project.Id)).Value;
        var bible = diagram.Nodes.Find(ProjectGraphMapper.StoryBibleKey)!;
        bible.SetPosition(bible.Position.X, bible.Position.Y - 400);
        await canvas.SaveAsync(owner, graph.Project.Id, [bible]);

        await AddSceneAsync(graph, shots: 4);
        var reopened = (await canvas.OpenAsync(owner, graph.Project.Id)).Value;

        Assert.Equal(bible.Position, reopened.Nodes.Find(ProjectGraphMapper.StoryBibleKey)!.Position);
        Assert.Equal([ProjectGraphMapper.StoryBibleKey], await SavedKeysAsync(graph.Project.Id));
    }

    [Fact]
    public async Task Tidy_up_hands_every_node_back_to_the_layout()
    {
        var (owner, graph) = await SeedAsync();
        var canvas = Canvas();
        var diagram = (await canvas.OpenAsync(owner, graph.Project.Id)).Value;
        var laidOut = diagram.Nodes.Find(ProjectGraphMapper.StoryBibleKey)!.Position;
        var bible = diagram.Nodes.Find(ProjectGraphMapper.StoryBibleKey)!;
        bible.SetPosition(laidOut.X + 500, laidOut.Y + 500);
        await canvas.SaveAsync(owner, graph.Project.Id, [bible]);

        await canvas.TidyUpAsync(owner, graph.Project.Id, diagram);

        Assert.Equal(laidOut, bible.Position);
        Assert.Empty(await SavedKeysAsync(graph.Project.Id));
    }

    private ProjectCanvas Canvas() => new(new ProjectGraphReader(database.ContextFactory), new CanvasPlacements(database.ContextFactory));

    private async Task<string[]> SavedKeysAsync(Guid projectId)
    {
        await using var db = database.CreateContext();
        return await db.CanvasNodePlacements.Where(p => p.ProjectId == projectId).Select(p => p.NodeKey).ToArrayAsync();
    }

    private async Task AddSceneAsync(ProjectGraph graph, int shots)
    {
        var episode = graph.Episodes[0];
        var scene = new Scene
        {
            ProjectId = graph.Project.Id, EpisodeId = episode.Id, Number = episode.Scenes.Count + 1, Location = "CAR PARK",
            TimeOfDay = TimeOfDay.Night, State = NodeState.Ready, CurrentVersion = 1,
        };
        scene.Shots = [.. Enumerable.Range(1, shots).Select(o => new Shot
        {
            ProjectId = graph.Project.Id, SceneId = scene.Id, Order = o, State = NodeState.Ready, CurrentVersion = 1,
            DurationSeconds = 3, VisualPrompt = "Headlights sweep the wet asphalt.",
        })];
        await using var db = database.CreateContext();
        db.Scenes.Add(scene);
        await db.SaveChangesAsync();
    }

    /// <summary>One episode with one scene of two shots.</summary>
    private async Task<(string Owner, ProjectGraph Graph)> SeedAsync()
    {
        var owner = $"layout-{Guid.NewGuid():N}";
        var graph = SampleProjectGraph.Build(owner, characters: 2, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 2);
        await using var db = database.CreateContext();
        await SampleProjectGraph.SaveWithOwnerAsync(db, graph);
        return (owner, graph);
    }
}
