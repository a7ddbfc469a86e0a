using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Canvas;

[Collection(DatabaseCollection.Name)]
public sealed class CanvasStoreTests(PostgresDatabase database) : IAsyncLifetime
{
    private const string Maya = "user-maya";
    private const string Leo = "user-leo";

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        await using var db = database.CreateContext();
        db.Users.AddRange(
            new ApplicationUser { Id = Maya, UserName = "maya@example.com", Email = "maya@example.com" },
            new ApplicationUser { Id = Leo, UserName = "leo@example.com", Email = "leo@example.com" });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<ProjectGraph> SeedAsync(string owner)
    {
        var graph = SampleProjectGraph.Build(owner, characters: 2, episodes: 1, scenesPerEpisode: 2, shotsPerScene: 2);
        await using var db = database.CreateContext();
        await SampleProjectGraph.SaveAsync(db, graph);
        return graph;
    }

    [Fact]
    public async Task The_graph_is_read_with_every_stage_in_order()
    {
        var seeded = await SeedAsync(Maya);

        var read = await new ProjectGraphReader(database.ContextFactory).ReadAsync(Maya, seeded.Project.Id);

        Assert.True(read.IsSuccess);
        Assert.NotNull(read.Value.StoryBible);
        Assert.Equal(2, read.Value.Characters.Count);
        var episode = Assert.Single(read.Value.Episodes);
        Assert.Equal([1, 2], episode.Scenes.Select(s => s.Number));
        Assert.All(episode.Scenes, s => Assert.Equal([1, 2], s.Shots.Select(shot => shot.Order)));
        Assert.Single(read.Value.Compositions);
    }

    [Fact]
    public async Task Another_users_graph_is_not_found()
    {
        var seeded = await SeedAsync(Maya);

        var read = await new ProjectGraphReader(database.ContextFactory).ReadAsync(Leo, seeded.Project.Id);

        Assert.Equal(ProjectLibrary.NotFound, read.Error);
    }

    [Fact]
    public async Task Saved_placements_are_loaded_back_and_updated_in_place()
    {
        var seeded = await SeedAsync(Maya);
        var placements = new CanvasPlacements(database.ContextFactory);

        await placements.SaveAsync(Maya, seeded.Project.Id, [new NodePlacement("checkpoint", 10, 20, false), new NodePlacement("story-bible", 300, 20, true)]);
        await placements.SaveAsync(Maya, seeded.Project.Id, [new NodePlacement("checkpoint", 15, 25, false)]);
        var loaded = await placements.LoadAsync(Maya, seeded.Project.Id);

        Assert.Equal(2, loaded.Count);
        Assert.Equal((15d, 25d), (loaded["checkpoint"].X, loaded["checkpoint"].Y));
        Assert.True(loaded["story-bible"].Collapsed);
    }

    [Fact]
    public async Task Placements_of_another_users_project_are_neither_read_nor_written()
    {
        var seeded = await SeedAsync(Maya);
        var placements = new CanvasPlacements(database.ContextFactory);
        await placements.SaveAsync(Maya, seeded.Project.Id, [new NodePlacement("checkpoint", 10, 20, false)]);

        var written = await placements.SaveAsync(Leo, seeded.Project.Id, [new NodePlacement("checkpoint", 999, 999, false)]);
        var readByLeo = await placements.LoadAsync(Leo, seeded.Project.Id);

        Assert.False(written);
        Assert.Empty(readByLeo);
        Assert.Equal(10, (await placements.LoadAsync(Maya, seeded.Project.Id))["checkpoint"].X);
    }
}
