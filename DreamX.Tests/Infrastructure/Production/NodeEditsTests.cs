using DreamX.Domain.Canvas;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Production;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.Production;

[Collection(DatabaseCollection.Name)]
public sealed class NodeEditsTests(PostgresDatabase database)
{
    private static readonly ScriptLine Spoken = new(ScriptLineKind.Dialogue, "c1", "Who are you running from?", "worried");

    private NodeEdits Edits => new(database.ContextFactory, TimeProvider.System);

    [Fact]
    public async Task Restoring_a_scene_version_brings_its_lines_back_to_the_scene_and_the_shots_that_speak_them()
    {
        var (owner, graph) = await SeedAsync();
        var scene = graph.Episodes[0].Scenes[0];
        var first = new ScriptLine(ScriptLineKind.Dialogue, "c1", "Who sent you here?", "worried");
        Assert.True((await Edits.EditSceneLinesAsync(owner, graph.Project.Id, scene.Id, [first])).IsSuccess);
        Assert.True((await Edits.EditSceneLinesAsync(owner, graph.Project.Id, scene.Id, [first with { Text = "Then tell me who pays you." }])).IsSuccess);
        var versions = await Edits.ListVersionsAsync(owner, graph.Project.Id, NodeKind.Scene, scene.Id);
        var earlier = versions.Single(v => v.Version == 2);

        var restored = await Edits.RestoreAsync(owner, graph.Project.Id, earlier.Id);

        Assert.True(restored.IsSuccess, restored.Error);
        await using var db = database.CreateContext();
        var stored = await db.Scenes.AsNoTracking().Include(s => s.Shots).SingleAsync(s => s.Id == scene.Id);
        Assert.Equal([first], stored.Lines);
        Assert.All(stored.Shots, s => Assert.Equal(first, s.SpokenLine));
        Assert.All(stored.Shots, s => Assert.Equal(NodeState.Stale, s.State));
        var latest = (await Edits.ListVersionsAsync(owner, graph.Project.Id, NodeKind.Scene, scene.Id))[0];
        Assert.Equal((4, NodeVersionSource.Restored, true), (latest.Version, latest.Source, latest.IsCurrent));
    }

    [Fact]
    public async Task Restoring_a_shot_version_makes_it_ready_with_the_line_it_had()
    {
        var (owner, graph) = await SeedAsync();
        var scene = graph.Episodes[0].Scenes[0];
        var shot = scene.Shots[0];
        Assert.True((await Edits.EditSceneLinesAsync(owner, graph.Project.Id, scene.Id, [Spoken with { Text = "Who sent you here?" }])).IsSuccess);
        Assert.True((await Edits.EditSceneLinesAsync(owner, graph.Project.Id, scene.Id, [Spoken with { Text = "Then tell me who pays you." }])).IsSuccess);
        var earlier = (await Edits.ListVersionsAsync(owner, graph.Project.Id, NodeKind.Segment, shot.Id)).Single(v => v.Version == 2);

        var restored = await Edits.RestoreAsync(owner, graph.Project.Id, earlier.Id);

        Assert.True(restored.IsSuccess, restored.Error);
        await using var db = database.CreateContext();
        var stored = await db.Shots.AsNoTracking().SingleAsync(s => s.Id == shot.Id);
        Assert.Equal("Who sent you here?", stored.SpokenLine?.Text);
        Assert.Equal(NodeState.Ready, stored.State);
    }

    [Fact]
    public async Task Another_creator_cannot_restore_a_version_of_someone_elses_scene()
    {
        var (owner, graph) = await SeedAsync();
        var scene = graph.Episodes[0].Scenes[0];
        Assert.True((await Edits.EditSceneLinesAsync(owner, graph.Project.Id, scene.Id, [Spoken with { Text = "Who sent you here?" }])).IsSuccess);
        var version = (await Edits.ListVersionsAsync(owner, graph.Project.Id, NodeKind.Scene, scene.Id))[0];
        var (stranger, _) = await SeedAsync();

        var restored = await Edits.RestoreAsync(stranger, graph.Project.Id, version.Id);

        Assert.True(restored.IsFailure);
    }

    [Fact]
    public async Task Choosing_an_episodes_music_and_subtitles_keeps_them_and_makes_its_composed_video_stale()
    {
        var (owner, graph) = await SeedAsync();
        var composition = graph.Compositions[0];
        var track = await AddTrackAsync(active: true);
        await using (var db = database.CreateContext())
        {
            db.CompositionRenders.Add(new CompositionRender { CompositionId = composition.Id, Version = 1, VideoKey = "v.mp4", DurationSeconds = 60 });
            await db.Compositions.Where(c => c.Id == composition.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, NodeState.Ready));
            await db.SaveChangesAsync();
        }

        var saved = await Edits.EditComposeAsync(owner, graph.Project.Id, composition.Id, new ComposeSettings(track, BurnSubtitles: false));

        Assert.True(saved.IsSuccess, saved.Error);
        await using var check = database.CreateContext();
        var stored = await check.Compositions.AsNoTracking().SingleAsync(c => c.Id == composition.Id);
        Assert.Equal((track, false, NodeState.Stale), (stored.MusicTrackId, stored.BurnSubtitles, stored.State));
    }

    [Fact]
    public async Task A_switched_off_track_is_refused_and_another_creator_cannot_change_the_settings()
    {
        var (owner, graph) = await SeedAsync();
        var composition = graph.Compositions[0];
        var off = await AddTrackAsync(active: false);
        var (stranger, _) = await SeedAsync();

        var refused = await Edits.EditComposeAsync(owner, graph.Project.Id, composition.Id, new ComposeSettings(off, true));
        var foreign = await Edits.EditComposeAsync(stranger, graph.Project.Id, composition.Id, new ComposeSettings(null, false));

        Assert.Equal(NodeEdits.UnknownMusic, refused.Error);
        Assert.Equal(NodeEdits.NotFound, foreign.Error);
        await using var db = database.CreateContext();
        var stored = await db.Compositions.AsNoTracking().SingleAsync(c => c.Id == composition.Id);
        Assert.Equal((null, true), (stored.MusicTrackId, stored.BurnSubtitles));
    }

    private async Task<Guid> AddTrackAsync(bool active)
    {
        var track = new DreamX.Domain.Assets.MusicTrack { Title = "Rain on the ward", Mood = "tense", AudioKey = $"assets/music/{Guid.NewGuid():N}.mp3", DurationSeconds = 60, IsActive = active };
        await using var db = database.CreateContext();
        db.MusicTracks.Add(track);
        await db.SaveChangesAsync();
        return track.Id;
    }

    /// <summary>One episode, one scene whose only line both its ready shots speak.</summary>
    private async Task<(string Owner, ProjectGraph Graph)> SeedAsync()
    {
        var owner = $"edits-{Guid.NewGuid():N}";
        var graph = SampleProjectGraph.Build(owner, characters: 1, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 2);
        var scene = graph.Episodes[0].Scenes[0];
        scene.Lines = [Spoken];
        scene.Shots.ForEach(s => s.State = NodeState.Ready);
        await using var db = database.CreateContext();
        await SampleProjectGraph.SaveWithOwnerAsync(db, graph);
        return (owner, graph);
    }
}
