using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Domain.Stories;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>
/// A burst of Generate calls for one thing (double clicks in one circuit, several tabs, two instances) queues it once
/// and is charged once (issue 18: ten clicks 40 ms apart had queued three tasks).
/// </summary>
public sealed class GenerateBurstTests(StudioApp app) : IClassFixture<StudioApp>
{
    [Fact]
    public async Task Ten_simultaneous_generate_calls_for_one_step_never_have_two_tasks_open_for_it()
    {
        var (userId, projectId) = await CreatorWithProjectAsync();

        var calls = Enumerable.Range(0, 10).Select(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(userId, projectId, ProductionStep.StoryBible);
        }).ToList();
        var results = await Task.WhenAll(calls);

        // A call that came after the story bible was made is a regenerate, which is fine; what must never happen is a
        // second task while one for the same thing is still open (the race queued them side by side).
        var queued = results.Where(r => r.IsSuccess).SelectMany(r => r.Value).ToList();
        Assert.NotEmpty(queued);
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal(StageProduction.AlreadyRunning, r.Error));
        await using var db = app.Database.CreateContext();
        var tasks = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId).OrderBy(t => t.CreatedAt).ToListAsync();
        Assert.Equal(queued.Select(t => t.Id).Distinct().Order(), tasks.Select(t => t.Id).Order());
        foreach (var (earlier, later) in tasks.Zip(tasks.Skip(1)))
            Assert.True(earlier.FinishedAt is { } finished && later.CreatedAt >= finished, "two story bible tasks were open at once");
        Assert.Single(await db.StoryBibles.AsNoTracking().Where(b => b.ProjectId == projectId).ToListAsync());
        Assert.Equal(tasks.Count, await db.CreditLedger.AsNoTracking().CountAsync(e => e.UserId == userId && e.Kind == CreditEntryKind.Reserved));
    }

    // A story bible finished inside a loaded burst changes its own inputs (the checkpoint takes its genre); the repeat
    // rule does not look at inputs but at what the creator changed, so the burst's late clicks still repeat the first.
    [Fact]
    public async Task Ten_clicks_40_ms_apart_in_one_page_queue_one_task_and_charge_once()
    {
        var (userId, projectId) = await CreatorWithProjectAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();

        // One circuit's handlers run one after another: each click's call returns before the next one starts.
        var answers = new List<Result<IReadOnlyList<GenerationTask>>>();
        for (var click = 0; click < 10; click++)
        {
            answers.Add(await production.GenerateAsync(userId, projectId, ProductionStep.StoryBible));
            await Task.Delay(40);
        }

        await using var db = app.Database.CreateContext();
        var task = await db.GenerationTasks.AsNoTracking().SingleAsync(t => t.ProjectId == projectId);
        Assert.Equal(1, await db.CreditLedger.AsNoTracking().CountAsync(e => e.UserId == userId && e.Kind == CreditEntryKind.Reserved));
        // Every click inside the repeat window is answered with the one task (the last ones may come after it, while the
        // task still runs: "already being generated"); none is a second task.
        Assert.All(answers, a => Assert.True(a.IsSuccess ? a.Value.Single().Id == task.Id : a.Error == StageProduction.AlreadyRunning, a.Error));
    }

    [Fact]
    public async Task A_repeat_inside_the_window_gets_the_finished_task_and_a_later_request_regenerates()
    {
        var (userId, projectId) = await CreatorWithProjectAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        var first = await production.GenerateAsync(userId, projectId, ProductionStep.StoryBible);
        Assert.True(first.IsSuccess, first.Error);
        await WaitUntilFinishedAsync(first.Value.Single().Id);
        Guid bibleId;
        await using (var db = app.Database.CreateContext())
            bibleId = (await db.StoryBibles.AsNoTracking().SingleAsync(b => b.ProjectId == projectId)).Id;

        // A fast provider: the task a click queued a moment ago has already finished when the burst's next click lands.
        var justDone = OpenTask(userId, projectId, GenerationTaskType.StoryBible, DreamX.Domain.Canvas.NodeKind.StoryBible, bibleId, GenerationTaskStatus.Succeeded);
        justDone.InputJson = first.Value.Single().InputJson;
        await using (var db = app.Database.CreateContext())
        {
            db.GenerationTasks.Add(justDone);
            await db.SaveChangesAsync();
        }
        var reservedBefore = await ReservationsAsync(userId);

        for (var click = 0; click < 5; click++)
        {
            var repeat = await production.GenerateAsync(userId, projectId, ProductionStep.StoryBible);
            Assert.True(repeat.IsSuccess, repeat.Error);
            Assert.Equal(justDone.Id, Assert.Single(repeat.Value).Id);
        }
        Assert.Equal(reservedBefore, await ReservationsAsync(userId));

        // Once the window has passed (since every story bible task was queued and finished) it is a new request: the
        // creator who asks for another story bible gets one.
        await MoveOutOfTheWindowAsync(projectId);
        var again = await production.GenerateAsync(userId, projectId, ProductionStep.StoryBible);
        Assert.True(again.IsSuccess, again.Error);
        Assert.NotEqual(justDone.Id, Assert.Single(again.Value).Id);
        Assert.Equal(reservedBefore + 1, await ReservationsAsync(userId));
    }

    [Fact]
    public async Task An_edit_by_the_creator_inside_the_window_makes_the_next_generate_a_new_request_and_its_burst_repeats_that_one()
    {
        var (userId, projectId) = await CreatorWithProjectAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        var first = await production.GenerateAsync(userId, projectId, ProductionStep.StoryBible);
        Assert.True(first.IsSuccess, first.Error);
        await WaitUntilFinishedAsync(first.Value.Single().Id);
        // Whatever the machine's speed, the first task counts as just queued: without an edit a Generate now repeats it.
        await using (var db = app.Database.CreateContext())
            await db.GenerationTasks.Where(t => t.Id == first.Value.Single().Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow));
        Assert.Equal(first.Value.Single().Id, Assert.Single((await production.RepeatOfAsync(userId, projectId, ProductionStep.StoryBible))).Id);

        // The creator edits the bible by hand: the next Generate is theirs to ask, however soon it comes.
        StoryBible bible;
        string title;
        await using (var db = app.Database.CreateContext())
        {
            bible = await db.StoryBibles.AsNoTracking().SingleAsync(b => b.ProjectId == projectId);
            title = (await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId)).Title;
        }
        var edited = await scope.ServiceProvider.GetRequiredService<NodeEdits>()
            .EditBibleAsync(userId, projectId, bible.ToDraft(title) with { Logline = "A courier carries one letter too many." });
        Assert.True(edited.IsSuccess, edited.Error);
        Assert.Empty(await production.RepeatOfAsync(userId, projectId, ProductionStep.StoryBible));
        var reservedBefore = await ReservationsAsync(userId);

        var afterEdit = await production.GenerateAsync(userId, projectId, ProductionStep.StoryBible);
        Assert.True(afterEdit.IsSuccess, afterEdit.Error);
        var second = Assert.Single(afterEdit.Value);
        Assert.NotEqual(first.Value.Single().Id, second.Id);
        Assert.Equal(reservedBefore + 1, await ReservationsAsync(userId));

        // The burst that follows the edit repeats the task it queued: answered with it, charged nothing more.
        for (var click = 0; click < 3; click++)
        {
            var repeat = await production.GenerateAsync(userId, projectId, ProductionStep.StoryBible);
            Assert.True(repeat.IsSuccess, repeat.Error);
            Assert.Equal(second.Id, Assert.Single(repeat.Value).Id);
        }
        Assert.Equal(reservedBefore + 1, await ReservationsAsync(userId));
    }

    [Fact]
    public async Task Six_quick_clicks_on_a_shots_image_queue_one_image_and_hold_its_price_once()
    {
        var (userId, projectId) = await CreatorWithProjectAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Scripts, ProductionStep.ShotLists })
        {
            var queued = await production.GenerateAsync(userId, projectId, step);
            Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
            foreach (var task in queued.Value)
                await WaitUntilFinishedAsync(task.Id);
        }
        Guid shotId;
        await using (var db = app.Database.CreateContext())
            shotId = (await db.Shots.AsNoTracking().Where(s => db.Scenes.Any(c => c.Id == s.SceneId && db.Episodes.Any(e => e.Id == c.EpisodeId && e.ProjectId == projectId)))
                .OrderBy(s => s.Id).FirstAsync()).Id;
        // Six clicks in a few milliseconds: some land while the first is queuing, the others just after.
        var clicks = Enumerable.Range(0, 6).Select(async _ =>
        {
            await using var tab = app.Services.CreateAsyncScope();
            return await tab.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(userId, projectId, ProductionStep.ShotImages, shotId);
        }).ToList();
        var answers = await Task.WhenAll(clicks);

        await using var check = app.Database.CreateContext();
        var images = await check.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.Type == GenerationTaskType.ShotImage).ToListAsync();
        var image = Assert.Single(images);
        Assert.Equal(shotId, image.TargetId);
        Assert.All(answers, a => Assert.True(a.IsSuccess ? a.Value.Single().Id == image.Id : a.Error == StageProduction.AlreadyRunning, a.Error));
        // Its price held once: one reservation among all of the project's image lines.
        var imageIds = images.Select(t => t.Id).ToList();
        var held = await check.CreditLedger.AsNoTracking().Where(e => e.TaskId != null && imageIds.Contains(e.TaskId.Value) && e.Kind == CreditEntryKind.Reserved).ToListAsync();
        Assert.Equal(image.Id, Assert.Single(held).TaskId);
    }

    [Fact]
    public async Task Stop_cancels_every_open_task_of_the_step_at_once_and_leaves_other_steps_alone()
    {
        var (userId, projectId) = await CreatorWithProjectAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        Assert.True((await production.GenerateAsync(userId, projectId, ProductionStep.StoryBible)).IsSuccess);
        Guid bibleId;
        await using (var db = app.Database.CreateContext())
            bibleId = (await db.StoryBibles.AsNoTracking().SingleAsync(b => b.ProjectId == projectId)).Id;
        // Work of the step that cannot start yet (waiting on a task that never finishes) and of another step.
        var never = OpenTask(userId, projectId, GenerationTaskType.ImproveIdea, DreamX.Domain.Canvas.NodeKind.Checkpoint, Guid.NewGuid(), GenerationTaskStatus.Running);
        var waiting = OpenTask(userId, projectId, GenerationTaskType.StoryBible, DreamX.Domain.Canvas.NodeKind.StoryBible, bibleId, GenerationTaskStatus.Blocked);
        waiting.DependsOn = [new TaskDependency { TaskId = waiting.Id, DependsOnTaskId = never.Id }];
        await using (var db = app.Database.CreateContext())
        {
            db.GenerationTasks.AddRange(never, waiting);
            await db.SaveChangesAsync();
        }

        var stopped = await production.StopAsync(userId, projectId, ProductionStep.StoryBible);

        Assert.True(stopped.IsSuccess, stopped.Error);
        Assert.InRange(stopped.Value, 1, 2);     // the queued story bible may have finished before the stop
        await using var check = app.Database.CreateContext();
        Assert.Equal(GenerationTaskStatus.Cancelled, (await check.GenerationTasks.AsNoTracking().SingleAsync(t => t.Id == waiting.Id)).Status);
        Assert.Equal(GenerationTaskStatus.Running, (await check.GenerationTasks.AsNoTracking().SingleAsync(t => t.Id == never.Id)).Status);
        Assert.DoesNotContain(await check.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.Type == GenerationTaskType.StoryBible).Select(t => t.Status).ToListAsync(),
            s => s is GenerationTaskStatus.Queued or GenerationTaskStatus.Running or GenerationTaskStatus.Blocked);
        Assert.Equal(0, (await scope.ServiceProvider.GetRequiredService<ICreditLedger>().GetBalanceAsync(userId)).Reserved);
    }

    private static GenerationTask OpenTask(string userId, Guid projectId, GenerationTaskType type, DreamX.Domain.Canvas.NodeKind kind, Guid target, GenerationTaskStatus status) => new()
    {
        ProjectId = projectId,
        OwnerId = userId,
        Type = type,
        TargetKind = kind,
        TargetId = target,
        Status = status,
        WorkerId = status == GenerationTaskStatus.Running ? "elsewhere" : null,
        LeaseExpiresAt = status == GenerationTaskStatus.Running ? DateTimeOffset.UtcNow.AddHours(1) : null,
    };

    /// <summary>Every story bible task of the project queued and finished longer ago than the repeat window.</summary>
    private async Task MoveOutOfTheWindowAsync(Guid projectId)
    {
        var past = DateTimeOffset.UtcNow - StageProduction.RepeatWindow - TimeSpan.FromSeconds(1);
        await using var db = app.Database.CreateContext();
        await db.GenerationTasks.Where(t => t.ProjectId == projectId && t.Type == GenerationTaskType.StoryBible)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedAt, past).SetProperty(t => t.FinishedAt, t => t.FinishedAt == null ? null : past));
    }

    private async Task<int> ReservationsAsync(string userId)
    {
        await using var db = app.Database.CreateContext();
        return await db.CreditLedger.AsNoTracking().CountAsync(e => e.UserId == userId && e.Kind == CreditEntryKind.Reserved);
    }

    private async Task WaitUntilFinishedAsync(Guid taskId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            await using var db = app.Database.CreateContext();
            var task = await db.GenerationTasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
            Assert.False(task.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled, $"{task.Type}: {task.Error}");
            if (task.Status == GenerationTaskStatus.Succeeded)
                return;
            Assert.True(DateTime.UtcNow < deadline, $"{task.Type} did not finish");
            await Task.Delay(100);
        }
    }

    private async Task<(string UserId, Guid ProjectId)> CreatorWithProjectAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<DreamX.Infrastructure.Identity.UserAccounts>()
            .RegisterAsync($"burst-{Guid.NewGuid():N}@example.com", "click-click-click-1", "Burst");
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>().PostAsync(user.Value.Id, CreditEntryKind.Purchased, 500, $"grant-{user.Value.Id}", "test credits");
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(user.Value.Id, new CheckpointInput
        {
            Title = "Burst " + Guid.NewGuid().ToString("N")[..6],
            Language = "en-US",
            Idea = "A courier who delivers letters between two rival families falls for the wrong sender.",
            EpisodeDurationSeconds = 60,
        });
        Assert.True(created.IsSuccess, created.Error);
        return (user.Value.Id, created.Value.Id);
    }
}
