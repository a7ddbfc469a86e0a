using DreamX.Tests.Support;
using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>The whole studio (engine, Quartz, built-in providers) making a one-episode drama stage by stage.</summary>
public sealed class ProductionPipelineTests(StudioApp app) : IClassFixture<StudioApp>, IAsyncLifetime
{
    private readonly StudioApp _app = app;
    private string _userId = "";

    public async Task InitializeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .RegisterAsync($"producer-{Guid.NewGuid():N}@example.com", "make-a-drama-1", "Producer");
        _userId = user.Value.Id;
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>()
            .PostAsync(_userId, CreditEntryKind.Purchased, 5000, $"grant-{_userId}", "test credits");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_one_episode_drama_is_produced_stage_by_stage_on_the_built_in_providers()
    {
        var project = await CreateProjectAsync("en-US", "A night-shift nurse named Lena discovers that her quiet patient is the heir the whole city is hunting for.");

        foreach (var step in new[]
                 {
                     ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Scripts, ProductionStep.SceneDesigns,
                     ProductionStep.ShotLists, ProductionStep.ShotImages, ProductionStep.ShotAudio,
                 })
        {
            await RunAsync(project.Id, step);
        }

        await using var db = CreateContext();
        var graph = (await ProductionGraph.LoadAsync(db, project.Id, _userId, CancellationToken.None))!;
        Assert.Equal(ProjectStage.Segments, graph.Project.Stage);
        Assert.False(string.IsNullOrWhiteSpace(graph.Bible!.Logline));
        Assert.True(graph.Characters.Count >= 2);
        Assert.Contains(graph.Characters, c => c.Name == "Lena");
        var episode = Assert.Single(graph.Episodes);
        Assert.NotEmpty(episode.Scenes);
        Assert.All(graph.Scenes, s => Assert.NotNull(s.Design));
        var shots = graph.Shots.ToList();
        Assert.True(shots.Count >= 6, $"only {shots.Count} shots");
        Assert.All(shots, s => Assert.NotNull(s.ImageKey));
        Assert.All(shots.Where(s => s.SpokenLine is not null), s => Assert.True(s.AudioDurationSeconds > 0));
        var total = shots.Sum(s => s.EffectiveDurationSeconds());
        Assert.InRange(total, 45m, 80m);
        Assert.All(shots, s => Assert.Equal(NodeState.Ready, s.State));
        Assert.True(await db.NodeContentVersions.CountAsync(v => v.ProjectId == project.Id) >= shots.Count);

        // The preview reports its rendering as ffmpeg goes (not one jump from "rendering" to done), in order.
        var told = new List<TaskProgress>();
        using (_app.Services.GetRequiredService<ITaskProgressBus>().SubscribeProject(project.Id, p =>
               {
                   lock (told)
                       told.Add(p);
                   return Task.CompletedTask;
               }))
            await RunAsync(project.Id, ProductionStep.ComposePreview, seconds: 600);
        List<TaskProgress> compose;
        lock (told)
            compose = told.Where(p => p.NodeKind == NodeKind.Compose && p.Status == GenerationTaskStatus.Running).ToList();
        var rendering = compose.Where(p => p.Message == "rendering").Select(p => p.Percent).ToList();
        Assert.True(rendering.Count(p => p is > 15 and < 88) >= 2, $"rendering reported {string.Join(", ", rendering)} %");
        Assert.Equal(rendering.Order(), rendering);
        await using var after = CreateContext();
        Assert.Equal(NodeState.Ready, (await after.Compositions.AsNoTracking().SingleAsync(c => c.ProjectId == project.Id)).State);
    }

    [Fact]
    public async Task Regenerating_the_story_bible_marks_what_was_made_from_it_stale()
    {
        var project = await CreateProjectAsync("zh-CN", "落魄千金林晚在婚礼当天被未婚夫背叛，三年后她带着神秘身份归来复仇。");
        await RunAsync(project.Id, ProductionStep.StoryBible);
        await RunAsync(project.Id, ProductionStep.Characters);

        await using (var db = CreateContext())
        {
            var bible = await db.StoryBibles.FirstAsync(b => b.ProjectId == project.Id);
            bible.Logline += "（改）";
            // The creator's edit (as the edit services record it): a Generate after it is a new request, however soon.
            await CreatorEdits.SaveWithMarkAsync(db, project.Id, DateTimeOffset.UtcNow, CancellationToken.None);
        }
        await RunAsync(project.Id, ProductionStep.StoryBible);

        await using var check = CreateContext();
        var characters = await check.Characters.Where(c => c.ProjectId == project.Id).ToListAsync();
        Assert.NotEmpty(characters);
        Assert.All(characters, c => Assert.Equal(NodeState.Stale, c.State));
        Assert.Equal(2, await check.NodeContentVersions.CountAsync(v => v.ProjectId == project.Id && v.NodeKind == NodeKind.StoryBible));
    }

    [Fact]
    public async Task A_stage_without_its_inputs_is_refused_with_the_reason_and_queues_nothing()
    {
        var project = await CreateProjectAsync("en-US", "Two rival bakers are forced to share one tiny kitchen for a televised contest.");
        await using var scope = _app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();

        var queued = await production.GenerateAsync(_userId, project.Id, ProductionStep.Scripts);

        Assert.Equal(ProductionRequests.NeedsBible, queued.Error);
        await using var db = CreateContext();
        Assert.Equal(0, await db.GenerationTasks.CountAsync(t => t.ProjectId == project.Id));
    }

    [Fact]
    public async Task Another_user_cannot_generate_for_a_project_that_is_not_theirs()
    {
        var project = await CreateProjectAsync("en-US", "A lighthouse keeper receives letters from a ship that sank fifty years ago.");
        await using var scope = _app.Services.CreateAsyncScope();

        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>()
            .GenerateAsync("someone-else", project.Id, ProductionStep.StoryBible);

        Assert.Equal(StageProduction.NotFound, queued.Error);
    }

    [Fact]
    public async Task Editing_a_dialogue_line_makes_its_shot_stale_until_its_voice_is_regenerated_and_versions_can_be_restored()
    {
        var project = await CreateProjectAsync("en-US", "Two rival bakers named Mia and Theo are forced to share one tiny kitchen for a televised contest.");
        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Scripts, ProductionStep.ShotLists, ProductionStep.ShotAudio })
            await RunAsync(project.Id, step);

        DreamX.Domain.Scripts.Scene scene;
        DreamX.Domain.Scripts.Shot spoken;
        await using (var db = CreateContext())
        {
            var graph = (await ProductionGraph.LoadAsync(db, project.Id, _userId, CancellationToken.None))!;
            spoken = graph.Shots.First(s => s.SpokenLine is { Kind: DreamX.Domain.Scripts.ScriptLineKind.Dialogue });
            scene = graph.SceneOf(spoken);
        }
        var lines = scene.Lines.Select(l => l == spoken.SpokenLine ? l with { Text = "We bake together, or we both go home." } : l).ToList();

        await using var scope = _app.Services.CreateAsyncScope();
        var edits = scope.ServiceProvider.GetRequiredService<NodeEdits>();
        var edited = await edits.EditSceneLinesAsync(_userId, project.Id, scene.Id, lines);

        Assert.True(edited.IsSuccess, edited.Error);
        await using (var db = CreateContext())
        {
            var shot = await db.Shots.AsNoTracking().FirstAsync(s => s.Id == spoken.Id);
            Assert.Equal(NodeState.Stale, shot.State);
            Assert.Equal("We bake together, or we both go home.", shot.SpokenLine!.Text);
        }

        var regenerate = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_userId, project.Id, ProductionStep.ShotAudio, spoken.Id);
        Assert.True(regenerate.IsSuccess, regenerate.Error);
        Assert.Single(regenerate.Value);
        await WaitAsync(regenerate.Value.Select(t => t.Id).ToList(), "regenerate");
        await using (var db = CreateContext())
            Assert.Equal(NodeState.Ready, (await db.Shots.AsNoTracking().FirstAsync(s => s.Id == spoken.Id)).State);

        var versions = await edits.ListVersionsAsync(_userId, project.Id, NodeKind.Segment, spoken.Id);
        Assert.True(versions.Count >= 3);
        var first = versions.Last();
        var restored = await edits.RestoreAsync(_userId, project.Id, first.Id);

        Assert.True(restored.IsSuccess, restored.Error);
        await using (var db = CreateContext())
        {
            var shot = await db.Shots.AsNoTracking().FirstAsync(s => s.Id == spoken.Id);
            Assert.Equal(spoken.SpokenLine!.Text, shot.SpokenLine!.Text);
        }
        Assert.Equal(versions.Count + 1, (await edits.ListVersionsAsync(_userId, project.Id, NodeKind.Segment, spoken.Id)).Count);
        Assert.Empty(await edits.ListVersionsAsync("someone-else", project.Id, NodeKind.Segment, spoken.Id));
    }

    [Fact]
    public async Task A_quote_times_its_tasks_from_the_price_table_on_the_creators_parallel_slots()
    {
        var project = await CreateProjectAsync("en-US", "Mara, Theo and Iris, three estranged siblings, inherit a failing seaside hotel and one secret.");
        await RunAsync(project.Id, ProductionStep.StoryBible);
        await RunAsync(project.Id, ProductionStep.Characters);
        await using var scope = _app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        await using var db = CreateContext();
        var price = await db.CreditPrices.SingleAsync(p => p.TaskType == GenerationTaskType.CharacterPortrait && p.Quality == GenerationQuality.Standard);
        var seconds = price.EstimatedSeconds;
        try
        {
            price.EstimatedSeconds = 40;     // an admin's edit counts
            await db.SaveChangesAsync();

            var quote = (await production.QuoteAsync(_userId, project.Id, ProductionStep.Portraits)).Value;

            var lanes = TierLimits.For(SubscriptionTier.Starter).ParallelTasks;
            Assert.True(quote.TaskCount > lanes, $"{quote.TaskCount} portraits");
            Assert.Equal(lanes, quote.ParallelTasks);
            Assert.Equal(40 * (int)Math.Ceiling(quote.TaskCount / (double)lanes), quote.EstimatedSeconds);
        }
        finally
        {
            price.EstimatedSeconds = seconds;
            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task A_script_based_project_is_produced_from_the_creators_own_script()
    {
        var project = await CreateProjectAsync("zh-CN", """
            1-1 医院走廊 夜 内
            △林娜推着药车走过走廊，病房里的灯忽明忽暗。
            林娜（紧张）：你到底在躲谁？
            陈默：你不认识的人。
            1-2 天台 黎明 外
            陈默：天亮之前，他们会来。
            林娜：那我们现在就走。
            """, ProjectType.ScriptBased);

        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Scripts, ProductionStep.SceneDesigns, ProductionStep.ShotLists })
            await RunAsync(project.Id, step);

        await using var db = CreateContext();
        var graph = (await ProductionGraph.LoadAsync(db, project.Id, _userId, CancellationToken.None))!;
        Assert.Equal(["林娜", "陈默"], graph.Characters.OrderBy(c => c.Name == "陈默").Select(c => c.Name).ToArray());
        var scenes = Assert.Single(graph.Episodes).Scenes.OrderBy(s => s.Number).ToList();
        Assert.Equal(["医院走廊", "天台"], scenes.Select(s => s.Location).ToArray());
        Assert.Equal("你到底在躲谁？", scenes[0].Lines[0].Text);
        Assert.Contains(graph.Shots, s => s.SpokenLine?.Text == "那我们现在就走。");
    }

    private async Task<Project> CreateProjectAsync(string language, string idea, ProjectType type = ProjectType.SingleEpisode)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(_userId, new CheckpointInput
        {
            Title = "Pipeline " + Guid.NewGuid().ToString("N")[..6],
            Type = type,
            Language = language,
            Idea = idea,
            EpisodeDurationSeconds = 60,
        });
        Assert.True(created.IsSuccess, created.Error);
        return created.Value;
    }

    private async Task RunAsync(Guid projectId, ProductionStep step, int seconds = 90)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_userId, projectId, step);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        await WaitAsync(queued.Value.Select(t => t.Id).ToList(), step.ToString(), seconds);
    }

    private async Task WaitAsync(IReadOnlyList<Guid> ids, string step, int seconds = 90)
    {
        await _app.Database.WaitSucceededAsync(ids, step, seconds);
    }

    private DreamXDbContext CreateContext() => _app.Database.CreateContext();
}
