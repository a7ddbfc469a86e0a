using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Infrastructure.Providers.Routing;
using DreamX.Tests.Infrastructure.Providers.OpenAICompatible;
using DreamX.Tests.Support.FakeOpenAi;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>
/// Every result says who made it: with a configured provider that keeps failing (the fake OpenAI-compatible server
/// answers 500), the built-in stands in only where the admin allowed it, and the node, the board and the task say
/// "built-in fallback"; where it is not allowed the work fails visibly instead.
/// </summary>
public sealed class ProvenanceTests(StudioApp app) : IClassFixture<StudioApp>, IAsyncLifetime
{
    private FakeOpenAiServer _server = null!;
    private string _userId = "";

    public async Task InitializeAsync()
    {
        _server = await FakeOpenAiServer.StartAsync(); // nothing scripted: every call answers 500
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .RegisterAsync($"provenance-{Guid.NewGuid():N}@example.com", "who-made-it-1", "Provenance");
        _userId = user.Value.Id;
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>()
            .PostAsync(_userId, CreditEntryKind.Purchased, 5000, $"grant-{_userId}", "test credits");

        // One configured provider per test, on this test's server (a fresh name: fresh circuits).
        var config = OpenAICompatibleProviderTests.Config(_server.BaseUrl, "fake-ai-" + Guid.NewGuid().ToString("N")[..6]);
        config.ProtectedApiKey = scope.ServiceProvider.GetRequiredService<DreamX.Infrastructure.Providers.OpenAICompatible.ProviderKeyProtector>().Protect("sk-test");
        await using (var db = app.Database.CreateContext())
        {
            db.ProviderConfigs.RemoveRange(db.ProviderConfigs.Where(c => c.Kind == ProviderKind.OpenAICompatible));
            db.ProviderConfigs.Add(config);
            await db.SaveChangesAsync();
        }
        // The admin lets the built-in writer stand in for text, not the illustrator for pictures.
        Assert.True((await scope.ServiceProvider.GetRequiredService<ProviderSettings>()
            .SaveBuiltinFallbackAsync(ProviderCapabilities.Text, CancellationToken.None)).IsSuccess);
        scope.ServiceProvider.GetRequiredService<ProviderCatalog>().Invalidate();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_result_the_builtin_made_for_a_failing_provider_says_so_on_its_node_its_stage_and_its_task_and_pictures_fail_instead()
    {
        var project = await CreateProjectAsync();

        await RunAsync(project.Id, ProductionStep.StoryBible, expectSuccess: true);

        // The configured provider was asked (and retried) before the built-in stood in.
        Assert.True(_server.RequestsTo("chat/completions").Count >= 3, $"{_server.RequestsTo("chat/completions").Count} chat requests");
        await using (var db = app.Database.CreateContext())
        {
            var task = await db.GenerationTasks.AsNoTracking().SingleAsync(t => t.ProjectId == project.Id && t.Type == GenerationTaskType.StoryBible);
            Assert.Equal((BuiltinProviders.Name, BuiltinTextProvider.ModelName, true), (task.Provider, task.Model, task.ProviderFallback));
        }

        // The canvas card of the bible names its maker and the fallback.
        var graph = (await Scoped<ProjectGraphReader>().ReadAsync(_userId, project.Id)).Value;
        var bible = (ProjectNodeData)ProjectGraphMapper.ToDiagram(graph).Nodes.Find(ProjectGraphMapper.StoryBibleKey)!.Data!;
        var maker = Assert.Single(bible.Makers);
        Assert.Equal(new NodeMaker(GenerationTaskType.StoryBible, BuiltinProviders.Name, BuiltinTextProvider.ModelName, Fallback: true), maker);

        // The cast is text too: made by the built-in standing in; its portraits are pictures, which may not fall back.
        await RunAsync(project.Id, ProductionStep.Characters, expectSuccess: true);
        Guid first;
        await using (var db = app.Database.CreateContext())
            first = (await db.Characters.AsNoTracking().Where(c => c.ProjectId == project.Id).OrderBy(c => c.SortOrder).FirstAsync()).Id;
        await RunAsync(project.Id, ProductionStep.Portraits, expectSuccess: false, nodeId: first, seconds: 420);

        // The node takes the task's failure just after the task row commits (the state observer): wait for it to land.
        var board = await SettledBoardAsync(project.Id, ProductionStep.Portraits);
        var bibleStep = board.Single(s => s.Step == ProductionStep.StoryBible);
        Assert.Equal([new StepMaker(BuiltinProviders.Name, BuiltinTextProvider.ModelName, true, 1)], bibleStep.MadeBy);
        var castStep = board.Single(s => s.Step == ProductionStep.Characters);
        Assert.True(castStep.MadeBy.Single().Fallback);
        var portraits = board.Single(s => s.Step == ProductionStep.Portraits);
        Assert.Equal((NodeState.Failed, 1), (portraits.State, portraits.Failed));
        Assert.Empty(portraits.MadeBy);

        graph = (await Scoped<ProjectGraphReader>().ReadAsync(_userId, project.Id)).Value;
        var diagram = ProjectGraphMapper.ToDiagram(graph);
        var cast = diagram.Nodes.Where(n => n.Kind == ProjectNodeKinds.Character).ToList();
        Assert.NotEmpty(cast);
        Assert.All(cast, node =>
        {
            // Every character's text was written by the built-in standing in; the one whose portrait was asked for failed.
            var data = (ProjectNodeData)node.Data!;
            Assert.Equal(node.Id == ProjectGraphMapper.CharacterKey(first), node.State == "failed");
            Assert.Equal([GenerationTaskType.Characters], data.Makers.Select(m => m.Work));
            Assert.True(data.Makers[0].Fallback);
        });
        Assert.DoesNotContain(_server.RequestsTo("images/generations"), r => r.Chunked);
        Assert.NotEmpty(_server.RequestsTo("images/generations"));
    }

    [Fact]
    public async Task A_remote_voice_that_speaks_slower_lengthens_its_shots_and_the_compose_node_holds_the_voiced_length_against_the_plan()
    {
        // The remote voice takes 1.6 times the plan's pace for every line: a known length per line.
        var measured = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        _server.OnEverySpeech(request =>
        {
            var text = request.Body?["input"]?.GetValue<string>() ?? "";
            var seconds = Math.Round((double)SpeechPace.LineSeconds(text, chinese: false) * 1.6, 2);
            measured[text] = seconds;
            return FakeReply.Bytes(Tone(seconds), "audio/wav");
        });
        var project = await CreateProjectAsync();
        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Scripts, ProductionStep.SceneDesigns, ProductionStep.ShotLists })
            await RunAsync(project.Id, step, expectSuccess: true);
        Dictionary<Guid, decimal> planned;
        await using (var db = app.Database.CreateContext())
            planned = await db.Shots.AsNoTracking().Where(s => s.ProjectId == project.Id).ToDictionaryAsync(s => s.Id, s => s.DurationSeconds);

        await RunAsync(project.Id, ProductionStep.ShotAudio, expectSuccess: true);

        await using (var db = app.Database.CreateContext())
        {
            var shots = await db.Shots.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync();
            var spoken = shots.Where(s => s.SpokenLine is { Text.Length: > 0 }).ToList();
            Assert.NotEmpty(spoken);
            Assert.All(spoken, shot =>
            {
                var line = measured[shot.SpokenLine!.Text];
                Assert.InRange((double)shot.AudioDurationSeconds!.Value, line - 0.05, line + 0.05);
                // The shot keeps its planned breathing room and takes the line's real length.
                var expected = ShotTiming.AfterVoicing(planned[shot.Id], null, shot.AudioDurationSeconds.Value, shot.SpokenLine.Text, "en-US");
                Assert.Equal(expected, shot.DurationSeconds);
                Assert.True(shot.DurationSeconds > planned[shot.Id], $"{shot.SpokenLine.Text}: {planned[shot.Id]} s planned, {shot.DurationSeconds} s voiced");
            });
            Assert.All(shots.Except(spoken), shot => Assert.Equal(planned[shot.Id], shot.DurationSeconds));
        }

        // The compose node shows the voiced length against the checkpoint's 60 s before anything is rendered.
        var graph = (await Scoped<ProjectGraphReader>().ReadAsync(_userId, project.Id)).Value;
        var compose = (ProjectNodeData)ProjectGraphMapper.ToDiagram(graph).Nodes.Single(n => n.Kind == ProjectNodeKinds.Compose).Data!;
        var voicedTotal = graph.Episodes.Single().Scenes.SelectMany(s => s.Shots).Sum(s => s.EffectiveDurationSeconds());
        Assert.Equal((60, voicedTotal), (compose.PlannedSeconds, compose.VoicedSeconds));
        Assert.True(compose.VoicedSeconds > planned.Values.Sum(), $"voiced {compose.VoicedSeconds} s, planned shots {planned.Values.Sum()} s");
        await using (var db = app.Database.CreateContext())
        {
            var voices = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == project.Id && t.Type == GenerationTaskType.ShotAudio).ToListAsync();
            Assert.All(voices, t => Assert.Equal((false, "fake-tts"), (t.ProviderFallback, t.Model)));
        }
    }

    /// <summary>A mono 16-bit 24 kHz WAV of a 220 Hz tone at a third of full scale, <paramref name="seconds"/> long.</summary>
    private static byte[] Tone(double seconds)
    {
        const int rate = 24_000;
        var samples = (int)(seconds * rate);
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("RIFF"u8);
        writer.Write(36 + samples * 2);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples * 2);
        for (var i = 0; i < samples; i++)
            writer.Write((short)(Math.Sin(2 * Math.PI * 220 * i / rate) * 10_000));
        writer.Flush();
        return stream.ToArray();
    }

    /// <summary>A scoped service, from a scope kept for the test's length (the app disposes it with its root).</summary>
    private T Scoped<T>() where T : notnull => app.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private async Task<Project> CreateProjectAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(_userId, new CheckpointInput
        {
            Title = "Provenance " + Guid.NewGuid().ToString("N")[..6],
            Language = "en-US",
            Idea = "A lighthouse keeper finds a message in a bottle written in her own handwriting.",
            EpisodeDurationSeconds = 60,
        });
        Assert.True(created.IsSuccess, created.Error);
        return created.Value;
    }

    /// <summary>The board once <paramref name="step"/> no longer shows work under way, or as it is at the deadline.</summary>
    private async Task<IReadOnlyList<StepStatus>> SettledBoardAsync(Guid projectId, ProductionStep step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var board = StepStatus.Of((await Scoped<StageProduction>().LoadAsync(_userId, projectId))!);
            if (board.Single(s => s.Step == step).State is not (NodeState.Running or NodeState.Queued) || DateTime.UtcNow > deadline)
                return board;
            await Task.Delay(100);
        }
    }

    private async Task RunAsync(Guid projectId, ProductionStep step, bool expectSuccess, Guid? nodeId = null, int seconds = 240)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_userId, projectId, step, nodeId);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        var ids = queued.Value.Select(t => t.Id).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var db = app.Database.CreateContext();
            var tasks = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
            if (tasks.All(t => t.IsFinished))
            {
                Assert.All(tasks, t => Assert.Equal(expectSuccess ? GenerationTaskStatus.Succeeded : GenerationTaskStatus.Failed, t.Status));
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{step} did not finish: {string.Join(", ", tasks.Select(t => t.Status))}");
            await Task.Delay(200);
        }
    }
}
