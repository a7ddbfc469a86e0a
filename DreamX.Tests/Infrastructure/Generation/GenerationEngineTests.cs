using System.Collections.Concurrent;
using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Generation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Generation;

[Collection(EngineCollection.Name)]
public sealed class GenerationEngineTests(EngineFixture engine)
{
    private static string Input(object spec) => System.Text.Json.JsonSerializer.Serialize(spec);

    private static TaskRequest Request(EngineUser user, object spec, GenerationTaskType type = GenerationTaskType.ShotImage) =>
        new(user.ProjectId, user.UserId, type, NodeKind.Segment, Guid.NewGuid(), Input(spec));

    private static string Key() => Guid.NewGuid().ToString("N");

    private ICreditLedger Ledger => engine.Host.Services.GetRequiredService<ICreditLedger>();

    [Fact]
    public async Task A_fan_out_runs_every_item_and_then_the_aggregate()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var items = Enumerable.Range(0, 5).Select(_ => Request(user, new { key = Key(), delayMs = 50 })).ToList();

        var fanOut = await engine.Tasks.QueueFanOutAsync(items, Request(user, new { key = Key() }, GenerationTaskType.ComposePreview));

        var aggregate = await engine.WaitFinishedAsync(fanOut.Value.Aggregate!.Id);
        var children = await Task.WhenAll(fanOut.Value.Children.Select(c => engine.WaitFinishedAsync(c.Id)));
        Assert.Equal(GenerationTaskStatus.Succeeded, aggregate.Status);
        Assert.All(children, c => Assert.Equal(GenerationTaskStatus.Succeeded, c.Status));
        Assert.True(aggregate.StartedAt >= children.Max(c => c.FinishedAt));
    }

    [Fact]
    public async Task A_task_waits_blocked_until_its_dependency_succeeds()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var first = (await engine.Tasks.QueueAsync(Request(user, new { key = Key(), delayMs = 400 }))).Value;

        var second = (await engine.Tasks.QueueAsync(Request(user, new { key = Key() }) with { DependsOn = [first.Id] })).Value;

        Assert.Equal(GenerationTaskStatus.Blocked, second.Status);
        var done = await engine.WaitFinishedAsync(second.Id);
        var dependency = await engine.WaitFinishedAsync(first.Id);
        Assert.Equal(GenerationTaskStatus.Succeeded, done.Status);
        Assert.True(done.StartedAt >= dependency.FinishedAt);
    }

    [Fact]
    public async Task A_failed_dependency_fails_its_dependents_with_the_reason_and_returns_their_credits()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var first = (await engine.Tasks.QueueAsync(Request(user, new { key = Key(), delayMs = 200, permanentFailures = 1 }))).Value;
        var second = (await engine.Tasks.QueueAsync(Request(user, new { key = Key() }) with { DependsOn = [first.Id] })).Value;
        var third = (await engine.Tasks.QueueAsync(Request(user, new { key = Key() }) with { DependsOn = [second.Id] })).Value;

        var failed = await engine.WaitFinishedAsync(third.Id);

        Assert.Equal(GenerationTaskStatus.Failed, failed.Status);
        Assert.StartsWith($"waiting on ShotImage {second.Id.ToString("N")[^8..]} which failed: waiting on ShotImage", failed.Error);
        Assert.Contains("the model refused", failed.Error);
        Assert.Equal(new CreditBalance(100, 0), await Ledger.GetBalanceAsync(user.UserId));
    }

    [Fact]
    public async Task Cancel_stops_the_running_step_and_returns_the_credits()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var key = Key();
        var task = (await engine.Tasks.QueueAsync(Request(user, new { key, waitForCancel = true }))).Value;
        await engine.Steps.Started(key).Task.WaitAsync(TimeSpan.FromSeconds(20));

        var cancelled = await engine.Tasks.CancelAsync(task.Id, user.UserId);

        Assert.True(cancelled.IsSuccess, cancelled.Error);
        var row = await engine.WaitFinishedAsync(task.Id);
        Assert.Equal(GenerationTaskStatus.Cancelled, row.Status);
        await WaitUntilAsync(() => engine.Steps.Cancelled.ContainsKey(key));
        Assert.Equal(new CreditBalance(100, 0), await Ledger.GetBalanceAsync(user.UserId));
    }

    [Fact]
    public async Task Retry_queues_a_failed_task_again_as_a_fresh_attempt()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var key = Key();
        var task = (await engine.Tasks.QueueAsync(Request(user, new { key, permanentFailures = 1 }))).Value;
        Assert.Equal(GenerationTaskStatus.Failed, (await engine.WaitFinishedAsync(task.Id)).Status);

        var retried = await engine.Tasks.RetryAsync(task.Id, user.UserId);

        Assert.NotEqual(task.Id, retried.Value.Id);
        Assert.Equal(GenerationTaskStatus.Succeeded, (await engine.WaitFinishedAsync(retried.Value.Id)).Status);
        Assert.Equal(2, engine.Steps.CallsOf(key));
    }

    [Fact]
    public async Task Transient_provider_failures_are_retried_until_the_call_succeeds()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var key = Key();

        var task = (await engine.Tasks.QueueAsync(Request(user, new { key, transientFailures = 2 }))).Value;

        Assert.Equal(GenerationTaskStatus.Succeeded, (await engine.WaitFinishedAsync(task.Id)).Status);
        Assert.Equal(3, engine.Steps.CallsOf(key));
    }

    [Fact]
    public async Task A_task_past_its_type_timeout_fails()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);

        var task = (await engine.Tasks.QueueAsync(Request(user, new { key = Key(), delayMs = 10_000 }, GenerationTaskType.VoiceSample))).Value;

        var row = await engine.WaitFinishedAsync(task.Id);
        Assert.Equal(GenerationTaskStatus.Failed, row.Status);
        Assert.StartsWith("timed out", row.Error);
    }

    [Fact]
    public async Task The_same_inputs_reuse_the_stored_result_without_a_second_call()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var spec = new { key = Key() };
        var first = (await engine.Tasks.QueueAsync(Request(user, spec))).Value;
        await engine.WaitFinishedAsync(first.Id);

        var second = (await engine.Tasks.QueueAsync(Request(user, spec))).Value;

        var row = await engine.WaitFinishedAsync(second.Id);
        Assert.True(row.FromCache);
        Assert.Equal(GenerationTaskStatus.Succeeded, row.Status);
        Assert.Equal(1, engine.Steps.CallsOf(spec.key));
    }

    [Fact]
    public async Task A_step_that_makes_a_new_take_each_time_is_called_again_for_the_same_inputs()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var spec = new { key = Key(), newTake = true };
        var first = (await engine.Tasks.QueueAsync(Request(user, spec))).Value;
        await engine.WaitFinishedAsync(first.Id);

        var second = (await engine.Tasks.QueueAsync(Request(user, spec))).Value;

        var row = await engine.WaitFinishedAsync(second.Id);
        Assert.False(row.FromCache);
        Assert.Equal(GenerationTaskStatus.Succeeded, row.Status);
        Assert.Equal(2, engine.Steps.CallsOf(spec.key));
    }

    [Fact]
    public async Task Without_enough_credits_nothing_is_queued()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 1);

        var queued = await engine.Tasks.QueueAsync(Request(user, new { key = Key() }));

        Assert.Equal(CreditLedger.Insufficient, queued.Error);
        await using var db = engine.Database.CreateContext();
        Assert.False(await db.GenerationTasks.AnyAsync(t => t.OwnerId == user.UserId));
    }

    [Fact]
    public async Task A_succeeded_task_records_its_usage_and_is_charged_its_price()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);

        var task = (await engine.Tasks.QueueAsync(Request(user, new { key = Key() }))).Value;

        var row = await engine.WaitFinishedAsync(task.Id);
        Assert.Equal(("scripted", "scripted-1", 12, 34), (row.Provider, row.Model, row.TokensIn, row.TokensOut));
        Assert.False(row.ProviderFallback);
        Assert.Equal(DefaultCreditPrices.For(GenerationTaskType.ShotImage, GenerationQuality.Standard), row.CreditsCharged);
        Assert.Equal(100 - row.CreditsCharged, (await Ledger.GetBalanceAsync(user.UserId)).Available);
    }

    [Fact]
    public async Task A_result_made_by_a_builtin_standing_in_is_recorded_as_a_fallback_on_the_task()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);

        var task = (await engine.Tasks.QueueAsync(Request(user, new { key = Key(), fallback = true }))).Value;

        var row = await engine.WaitFinishedAsync(task.Id);
        Assert.Equal((GenerationTaskStatus.Succeeded, "scripted", "scripted-1", true), (row.Status, row.Provider, row.Model, row.ProviderFallback));
    }

    [Fact]
    public async Task Project_subscribers_hear_the_task_run_and_succeed()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var heard = new ConcurrentQueue<TaskProgress>();
        var succeeded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = engine.Host.Services.GetRequiredService<ITaskProgressBus>().SubscribeProject(user.ProjectId, progress =>
        {
            heard.Enqueue(progress);
            if (progress.Status == GenerationTaskStatus.Succeeded)
                succeeded.TrySetResult();
            return Task.CompletedTask;
        });

        await engine.Tasks.QueueAsync(Request(user, new { key = Key() }));

        await succeeded.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Contains(heard, p => p.Status == GenerationTaskStatus.Running && p.Message == "working");
    }

    [Fact]
    public async Task The_task_center_lists_a_users_tasks_by_status()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);
        var ok = (await engine.Tasks.QueueAsync(Request(user, new { key = Key() }))).Value;
        var bad = (await engine.Tasks.QueueAsync(Request(user, new { key = Key(), permanentFailures = 1 }))).Value;
        await engine.WaitFinishedAsync(ok.Id);
        await engine.WaitFinishedAsync(bad.Id);

        var failed = await engine.Tasks.ListAsync(new TaskQuery(user.UserId, GenerationTaskStatus.Failed));

        Assert.Equal([bad.Id], failed.Items.Select(t => t.Id));
        Assert.Equal(1, failed.Total);
    }

    [Fact]
    public async Task A_user_never_runs_more_tasks_at_once_than_the_tier_allows()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 100);     // no subscription: Starter, 2 at once
        var queued = new List<Guid>();
        for (var i = 0; i < 6; i++)
            queued.Add((await engine.Tasks.QueueAsync(Request(user, new { key = Key(), delayMs = 300 }))).Value.Id);

        var rows = new List<GenerationTask>();
        foreach (var id in queued)
            rows.Add(await engine.WaitFinishedAsync(id, seconds: 40));

        Assert.All(rows, r => Assert.Equal(GenerationTaskStatus.Succeeded, r.Status));
        var mostAtOnce = rows.Max(r => rows.Count(o => o.StartedAt <= r.StartedAt && r.StartedAt < o.FinishedAt));     // running when r started
        Assert.True(mostAtOnce <= 2, $"{mostAtOnce} tasks ran at once");
    }

    [Fact]
    public async Task The_sweeper_returns_credits_still_held_by_a_finished_task()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 10);
        var task = new GenerationTask
        {
            ProjectId = user.ProjectId, OwnerId = user.UserId, Type = GenerationTaskType.ShotImage, TargetKind = NodeKind.Segment,
            TargetId = Guid.NewGuid(), Status = GenerationTaskStatus.Failed, CreditsReserved = 4, FinishedAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        };
        await using (var db = engine.Database.CreateContext())
        {
            db.GenerationTasks.Add(task);
            await db.SaveChangesAsync();
        }
        await Ledger.ReserveForTaskAsync(user.UserId, task.Id, user.ProjectId, 4);     // as if the process died before releasing

        await engine.Host.Services.GetRequiredService<TaskSweeper>().SweepAsync();

        Assert.Equal(new CreditBalance(10, 0), await Ledger.GetBalanceAsync(user.UserId));
    }

    [Fact]
    public async Task A_running_task_whose_lease_ran_out_goes_back_to_the_queue_runs_again_and_is_charged_once()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 10);
        // As a database outage leaves it: Running for a worker that is alive but no longer renews the claim.
        var task = new GenerationTask
        {
            ProjectId = user.ProjectId, OwnerId = user.UserId, Type = GenerationTaskType.ShotImage, TargetKind = NodeKind.Segment,
            TargetId = Guid.NewGuid(), Status = GenerationTaskStatus.Running, CreditsReserved = 4, Attempts = 1, Progress = 5,
            WorkerId = "a-worker-that-lost-its-database", CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            StartedAt = DateTimeOffset.UtcNow.AddMinutes(-5), LeaseExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        };
        await using (var db = engine.Database.CreateContext())
        {
            db.GenerationTasks.Add(task);
            await db.SaveChangesAsync();
        }
        await Ledger.ReserveForTaskAsync(user.UserId, task.Id, user.ProjectId, 4);

        await engine.Host.Services.GetRequiredService<TaskSweeper>().SweepAsync();

        var done = await engine.WaitFinishedAsync(task.Id, seconds: 60);
        Assert.Equal(GenerationTaskStatus.Succeeded, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(4, done.CreditsCharged);
        Assert.Equal(new CreditBalance(6, 0), await Ledger.GetBalanceAsync(user.UserId));
    }

    [Fact]
    public async Task A_running_task_whose_worker_renews_its_lease_is_left_alone()
    {
        var user = await EngineUser.CreateAsync(engine.Database, 10);
        var task = (await engine.Tasks.QueueAsync(Request(user, new { key = Key(), waitForCancel = true }))).Value;
        await engine.WaitForAsync(task.Id, t => t.Status == GenerationTaskStatus.Running);

        await engine.Host.Services.GetRequiredService<TaskSweeper>().SweepAsync();

        await using (var db = engine.Database.CreateContext())
        {
            var row = await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == task.Id);
            Assert.Equal(GenerationTaskStatus.Running, row.Status);
            Assert.True(row.LeaseExpiresAt > DateTimeOffset.UtcNow);
        }
        Assert.True((await engine.Tasks.CancelAsync(task.Id, user.UserId)).IsSuccess);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
            await Task.Delay(50);
        Assert.True(condition());
    }
}
