using DreamX.Domain.Canvas;
using DreamX.Domain.Events;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Events;
using DreamX.Infrastructure.Generation;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Tests.Support;
using Xunit.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DreamX.Tests.Infrastructure.Events;

/// <summary>The event log on real PostgreSQL with two app instances on one database (A stores, B streams).</summary>
public sealed class EventLogTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly PostgresDatabase _database = new();
    private IHost _a = null!;
    private IHost _b = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _a = await EventHost.StartAsync(_database.ConnectionString, "events-a-" + Guid.NewGuid().ToString("N")[..6], runScheduler: false);
        _b = await EventHost.StartAsync(_database.ConnectionString, "events-b-" + Guid.NewGuid().ToString("N")[..6], runScheduler: false);
    }

    public async Task DisposeAsync()
    {
        await _a.StopAsync();
        await _b.StopAsync();
        _a.Dispose();
        _b.Dispose();
        await _database.DisposeAsync();
    }

    private static GenerationTask NewTask(string owner, Guid projectId, GenerationTaskType type = GenerationTaskType.ShotImage) => new()
    {
        ProjectId = projectId,
        OwnerId = owner,
        Type = type,
        TargetKind = NodeKind.Segment,
        TargetId = Guid.NewGuid(),
    };

    [Fact]
    public async Task A_task_event_raised_on_one_instance_reaches_a_stream_on_the_other()
    {
        var projectId = Guid.NewGuid();
        var task = NewTask("user-1", projectId, GenerationTaskType.ComposeFinal);
        using var cts = new CancellationTokenSource(Patience);
        var seen = new List<StudioEvent>();
        var start = await _b.Services.GetRequiredService<StudioEventLog>().LatestIdAsync(cts.Token);
        var following = FollowAsync(_b, EventScope.Project("user-1", projectId), start, seen, until: e => e.Type == StudioEventTypes.RenderFinished, cts.Token);

        var events = _a.Services.GetRequiredService<TaskEvents>();
        await events.PublishAsync(task, GenerationTaskStatus.Running, 0, null);
        await events.PublishAsync(task, GenerationTaskStatus.Succeeded, 100, null);
        await following;

        Assert.Equal(
            [StudioEventTypes.TaskStarted, StudioEventTypes.TaskSucceeded, StudioEventTypes.NodeUpdated, StudioEventTypes.RenderFinished],
            seen.Select(e => e.Type));
        Assert.All(seen, e => Assert.Equal(task.Id, e.TaskId));
        Assert.Equal(seen.Select(e => e.Id).Order(), seen.Select(e => e.Id));
        Assert.Contains("\"final\": true", seen[^1].Payload);
    }

    [Fact]
    public async Task Another_users_and_another_projects_events_stay_out_of_a_stream()
    {
        var projectId = Guid.NewGuid();
        using var cts = new CancellationTokenSource(Patience);
        var seen = new List<StudioEvent>();
        var start = await _b.Services.GetRequiredService<StudioEventLog>().LatestIdAsync(cts.Token);
        var following = FollowAsync(_b, EventScope.Project("user-1", projectId), start, seen, until: e => e.Type == StudioEventTypes.TaskFailed, cts.Token);

        var events = _a.Services.GetRequiredService<TaskEvents>();
        await events.PublishAsync(NewTask("user-2", projectId), GenerationTaskStatus.Queued, 0, null);
        await events.PublishAsync(NewTask("user-1", Guid.NewGuid()), GenerationTaskStatus.Queued, 0, null);
        var mine = NewTask("user-1", projectId);
        await events.PublishAsync(mine, GenerationTaskStatus.Failed, 0, "HTTP 503 from https://provider.internal:8443/v1/images (key sk-123)");
        await following;

        var only = Assert.Single(seen);
        Assert.Equal(mine.Id, only.TaskId);
        // A creator sees why in words, never the stored error (it is for the log and admins).
        Assert.Contains("\"reason\": \"ProviderUnavailable\"", only.Payload);
        Assert.DoesNotContain("provider.internal", only.Payload);
    }

    [Fact]
    public async Task Last_event_id_replays_what_came_after_it_then_continues_live_without_gaps_or_repeats()
    {
        var projectId = Guid.NewGuid();
        var log = _a.Services.GetRequiredService<StudioEventLog>();
        var stored = new List<StudioEvent>();
        for (var i = 0; i < 6; i++)
            stored.Add(await log.AppendAsync(new NewStudioEvent(StudioEventTypes.TaskQueued, "user-1", projectId, Guid.NewGuid(), new { i })));

        using var cts = new CancellationTokenSource(Patience);
        var seen = new List<StudioEvent>();
        var following = FollowAsync(_b, EventScope.Project("user-1", projectId), stored[1].Id, seen, until: e => e.Payload.Contains("\"i\": 99"), cts.Token);
        // Live ones while (or just after) the replay runs, from several writers at once.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            log.AppendAsync(new NewStudioEvent(StudioEventTypes.TaskQueued, "user-1", projectId, Guid.NewGuid(), new { i = 100 + i }))));
        await log.AppendAsync(new NewStudioEvent(StudioEventTypes.TaskQueued, "user-1", projectId, Guid.NewGuid(), new { i = 99 }));
        await following;

        await using var db = _database.CreateContext();
        var expected = await db.EventLog.Where(e => e.ProjectId == projectId && e.Id > stored[1].Id).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        Assert.Equal(expected, seen.Select(e => e.Id));
        Assert.Equal(4 + 21, seen.Count);
    }

    [Fact]
    public async Task Progress_is_coalesced_to_a_few_lines_per_second_and_the_latest_report_is_kept()
    {
        var task = NewTask("user-1", Guid.NewGuid());
        var events = _a.Services.GetRequiredService<TaskEvents>();
        for (var percent = 1; percent <= 100; percent++)
            await events.PublishAsync(task, GenerationTaskStatus.Running, percent, $"step {percent}");

        await using var db = _database.CreateContext();
        var deadline = DateTime.UtcNow + Patience;
        List<StudioEvent> progress;
        do
        {
            await Task.Delay(100);
            progress = await db.EventLog.AsNoTracking().Where(e => e.TaskId == task.Id && e.Type == StudioEventTypes.TaskProgress).OrderBy(e => e.Id).ToListAsync();
        }
        while (!(progress.Count > 0 && progress[^1].Payload.Contains("\"percent\": 100")) && DateTime.UtcNow < deadline);

        Assert.Contains("\"percent\": 100", progress[^1].Payload);
        // 100 reports; at one line per 300 ms the loop (however slow the machine) leaves far fewer.
        var span = (progress[^1].CreatedAt - progress[0].CreatedAt).TotalSeconds;
        Assert.True(progress.Count <= 2 + span / 0.3 * 1.5, $"{progress.Count} progress lines over {span:0.00} s");
        Assert.True(progress.Count < 100);
    }

    [Fact]
    public async Task A_state_change_drops_progress_still_held_back()
    {
        var task = NewTask("user-1", Guid.NewGuid());
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var recorder = new TaskEventRecorder(_a.Services.GetRequiredService<StudioEventLog>(),
            Options.Create(new EventLogOptions { ProgressInterval = TimeSpan.FromSeconds(1) }), clock, NullLogger<TaskEventRecorder>.Instance);
        await recorder.RecordAsync(task, GenerationTaskStatus.Running, 10, null, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        await recorder.RecordAsync(task, GenerationTaskStatus.Running, 20, null, CancellationToken.None);    // held back: inside the interval
        await recorder.RecordAsync(task, GenerationTaskStatus.Succeeded, 100, null, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        await recorder.FlushAsync();

        await using var db = _database.CreateContext();
        var types = await db.EventLog.Where(e => e.TaskId == task.Id).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync();
        Assert.Equal([StudioEventTypes.TaskProgress, StudioEventTypes.TaskSucceeded, StudioEventTypes.NodeUpdated], types);
    }

    [Fact]
    public async Task Held_back_progress_is_written_once_its_interval_is_over()
    {
        var task = NewTask("user-1", Guid.NewGuid());
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var recorder = new TaskEventRecorder(_a.Services.GetRequiredService<StudioEventLog>(),
            Options.Create(new EventLogOptions { ProgressInterval = TimeSpan.FromSeconds(1) }), clock, NullLogger<TaskEventRecorder>.Instance);
        for (var percent = 1; percent <= 50; percent++)
            await recorder.RecordAsync(task, GenerationTaskStatus.Running, percent, null, CancellationToken.None);
        await recorder.FlushAsync();    // the interval is not over: nothing more
        clock.Advance(TimeSpan.FromSeconds(1));
        await recorder.FlushAsync();

        await using var db = _database.CreateContext();
        var payloads = await db.EventLog.Where(e => e.TaskId == task.Id).OrderBy(e => e.Id).Select(e => e.Payload).ToListAsync();
        Assert.Equal(2, payloads.Count);
        Assert.Contains("\"percent\": 1,", payloads[0]);
        Assert.Contains("\"percent\": 50,", payloads[1]);
    }

    [Fact]
    public async Task The_retention_sweep_deletes_only_events_older_than_the_retention()
    {
        var log = _a.Services.GetRequiredService<StudioEventLog>();
        var old = await log.AppendAsync(new NewStudioEvent(StudioEventTypes.TaskQueued, "user-1", Guid.NewGuid(), null, new { }));
        var recent = await log.AppendAsync(new NewStudioEvent(StudioEventTypes.TaskQueued, "user-1", Guid.NewGuid(), null, new { }));
        await using var db = _database.CreateContext();
        await db.Database.ExecuteSqlAsync($"UPDATE event_log SET created_at = now() - interval '25 hours' WHERE id = {old.Id}");

        var purged = await log.PurgeAsync(DateTimeOffset.UtcNow.AddHours(-24), CancellationToken.None);

        Assert.Equal(1, purged);
        Assert.Equal([recent.Id], await db.EventLog.Where(e => e.Id == old.Id || e.Id == recent.Id).Select(e => e.Id).ToListAsync());
    }

    [Fact]
    public async Task Appends_cost_milliseconds_and_concurrent_writers_keep_ids_in_commit_order()
    {
        var log = _a.Services.GetRequiredService<StudioEventLog>();
        var projectId = Guid.NewGuid();
        await log.AppendAsync(new NewStudioEvent(StudioEventTypes.TaskQueued, "user-1", projectId, null, new { warmup = true }));
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
            await log.AppendAsync(new NewStudioEvent(StudioEventTypes.TaskProgress, "user-1", projectId, Guid.NewGuid(), new { percent = i }));
        var sequential = stopwatch.Elapsed;
        stopwatch.Restart();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async writer =>
        {
            for (var i = 0; i < 50; i++)
                await log.AppendAsync(new NewStudioEvent(StudioEventTypes.TaskProgress, "user-1", projectId, Guid.NewGuid(), new { writer, i }));
        }));
        var concurrent = stopwatch.Elapsed;
        output.WriteLine($"event log: 200 sequential appends in {sequential.TotalMilliseconds:0} ms ({sequential.TotalMilliseconds / 200:0.00} ms each); "
            + $"8 writers x 50 in {concurrent.TotalMilliseconds:0} ms ({400 / concurrent.TotalSeconds:0} appends/s)");

        // Commit order is id order: created_at (the transaction's start, taken after the lock) never goes backwards with the id.
        await using var db = _database.CreateContext();
        var rows = await db.EventLog.Where(e => e.ProjectId == projectId).OrderBy(e => e.Id).Select(e => e.CreatedAt).ToListAsync();
        Assert.Equal(601, rows.Count);
        Assert.Equal(rows.Order(), rows);
    }

    private static async Task FollowAsync(IHost host, EventScope scope, long? after, List<StudioEvent> seen, Func<StudioEvent, bool> until, CancellationToken cancellationToken)
    {
        await foreach (var e in host.Services.GetRequiredService<EventStream>().FollowAsync(scope, after, cancellationToken))
        {
            seen.Add(e);
            if (until(e))
                return;
        }
    }
}
