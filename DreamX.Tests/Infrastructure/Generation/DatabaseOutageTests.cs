using System.Diagnostics;
using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Generation;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>
/// Fault injection: the database stops and comes back while a fan-out runs (issue 18). The cluster is the test's own,
/// so stopping it does not disturb the tests running beside it.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Credits = 1000;
    private DedicatedPostgresCluster _cluster = null!;
    private PostgresDatabase _database = null!;
    private readonly StepLog _steps = new();

    public async Task InitializeAsync()
    {
        _cluster = await DedicatedPostgresCluster.CreateAsync();
        _database = PostgresDatabase.On(_cluster.ServerConnectionString);
        await _database.InitializeAsync();
    }

    /// <summary>
    /// Short retry window: the tasks finishing during the outage give up on the database; their claims' leases run out
    /// and the sweeper puts them back in the queue. Long window: they ride the outage out and record their results.
    /// Either way every task ends Succeeded, charged once, with no credit left on hold.
    /// </summary>
    [Theory]
    [InlineData("00:00:02")]
    [InlineData("00:02:00")]
    public async Task A_fan_out_survives_a_database_restart_every_task_succeeds_charged_once(string retryWindow)
    {
        using var host = EngineFixture.BuildHost(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["SchedulerName"] = "outage-" + Guid.NewGuid().ToString("N")[..8],
            ["RetryBaseDelay"] = "00:00:00.050",
            ["SweepInterval"] = "00:00:02",
            ["LeaseDuration"] = "00:00:06",
            ["DatabaseRetryWindow"] = retryWindow,
            ["ClusterCheckinInterval"] = "00:00:02",
        }, services =>
        {
            foreach (var type in Enum.GetValues<GenerationTaskType>())
                services.AddGenerationStep(new ScriptedStep(type, _steps, TouchDatabaseAsync));
        });
        await host.StartAsync();
        var tasks = host.Services.GetRequiredService<IGenerationTasks>();
        var user = await EngineUser.CreateAsync(_database, Credits, SubscriptionTier.Ultra);

        // Steps of 1.5 to 5 s: some finish during the outage, some after it, some start after it; every other one reads
        // the database inside the step (before and after its work), as the real steps do, and meets the outage there.
        var requests = Enumerable.Range(0, 12).Select(i => new TaskRequest(user.ProjectId, user.UserId, GenerationTaskType.ShotImage,
            NodeKind.Segment, Guid.NewGuid(), $$"""{"n":{{i}},"delayMs":{{1500 + i * 300}},"touchDatabase":{{(i % 2 == 0 ? "true" : "false")}}}""")).ToList();
        var fanOut = (await tasks.QueueFanOutAsync(requests)).Value;
        var ids = fanOut.Children.Select(t => t.Id).ToList();
        await WaitUntilAsync(async () => await CountAsync(ids, GenerationTaskStatus.Running) >= 2, seconds: 120);

        var clock = Stopwatch.StartNew();
        await _cluster.StopAsync();
        output.WriteLine($"database stopped with {_steps.Calls.Count} steps started");
        // The injected fault: the outage lasts 10 s, longer than a lease and than the short retry window.
        await Task.Delay(TimeSpan.FromSeconds(10));
        await _cluster.StartAsync();
        output.WriteLine($"database back after {clock.Elapsed.TotalSeconds:0.0} s");

        await WaitUntilAsync(async () => await CountAsync(ids, GenerationTaskStatus.Succeeded) == ids.Count, seconds: 180);
        output.WriteLine($"all succeeded {clock.Elapsed.TotalSeconds:0.0} s after the outage began");

        await AssertChargedOnceAsync(user, ids);
        await host.StopAsync();
    }

    /// <summary>
    /// The studio restarts during the outage (issue 18: a task stayed Running across a restart): the worker process is
    /// killed while the database is down, its tasks' heartbeats having failed meanwhile, and a new worker starts once the
    /// database is back. Every task the dead worker held leaves Running within a minute of the database's return
    /// (its lease ran out: the sweeper re-queues it), every task ends Succeeded, charged once, no hold left.
    /// </summary>
    [Fact]
    public async Task A_worker_killed_during_a_database_outage_leaves_no_task_running_and_the_restarted_one_finishes_the_fan_out()
    {
        var folder = Directory.CreateTempSubdirectory("dreamx-outage-workers-").FullName;
        var scheduler = "outage-restart-" + Guid.NewGuid().ToString("N")[..8];
        using var queueing = EngineFixture.BuildHost(_database.ConnectionString, new Dictionary<string, string?>
        {
            ["SchedulerName"] = scheduler,
            ["RunScheduler"] = "false",
        }, _ => { });
        await queueing.StartAsync();
        var user = await EngineUser.CreateAsync(_database, Credits, SubscriptionTier.Ultra);
        string[] lease = ["--lease", "00:00:06"];
        using var first = await SchedulerProcess.StartAsync(_database.ConnectionString, scheduler, Path.Combine(folder, "first.log"), slowMs: 4000, extra: lease);

        var requests = Enumerable.Range(0, 12).Select(i => new TaskRequest(user.ProjectId, user.UserId, GenerationTaskType.ShotImage,
            NodeKind.Segment, Guid.NewGuid(), $$"""{"n":{{i}}}""")).ToList();
        var ids = (await queueing.Services.GetRequiredService<IGenerationTasks>().QueueFanOutAsync(requests)).Value.Children.Select(t => t.Id).ToList();
        await WaitUntilAsync(async () => await CountAsync(ids, GenerationTaskStatus.Running) >= 2, seconds: 120);

        var clock = Stopwatch.StartNew();
        await _cluster.StopAsync();
        first.Kill();
        output.WriteLine($"database stopped and the worker killed at {clock.Elapsed.TotalSeconds:0.0} s");
        // The injected fault: the outage lasts 10 s, longer than a lease.
        await Task.Delay(TimeSpan.FromSeconds(10));
        await _cluster.StartAsync();
        var back = clock.Elapsed;
        output.WriteLine($"database back at {back.TotalSeconds:0.0} s");
        var held = new List<(Guid Id, int Attempts)>();
        await WaitUntilAsync(async () =>
        {
            await using var db = _database.CreateContext();
            held = (await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id) && t.Status == GenerationTaskStatus.Running)
                .Select(t => new { t.Id, t.Attempts }).ToListAsync()).Select(t => (t.Id, t.Attempts)).ToList();
            return true;
        }, seconds: 60);
        Assert.NotEmpty(held);
        using var second = await SchedulerProcess.StartAsync(_database.ConnectionString, scheduler, Path.Combine(folder, "second.log"), extra: lease);
        output.WriteLine($"second worker ready at {clock.Elapsed.TotalSeconds:0.0} s; {held.Count} tasks were running on the dead one");

        // No task stays Running on the dead worker: within a minute each has moved on (re-queued, re-claimed, finished).
        await WaitUntilAsync(async () =>
        {
            await using var db = _database.CreateContext();
            var now = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, t.Status, t.Attempts }).ToListAsync();
            return held.All(h => now.Single(t => t.Id == h.Id) is var row && (row.Status != GenerationTaskStatus.Running || row.Attempts > h.Attempts));
        }, seconds: 60);
        output.WriteLine($"the dead worker's tasks moved on {(clock.Elapsed - back).TotalSeconds:0.0} s after the database came back");

        await WaitUntilAsync(async () => await CountAsync(ids, GenerationTaskStatus.Succeeded) == ids.Count, seconds: 180);
        output.WriteLine($"all succeeded at {clock.Elapsed.TotalSeconds:0.0} s");
        await AssertChargedOnceAsync(user, ids);
        await queueing.StopAsync();
        Directory.Delete(folder, recursive: true);
    }

    private async Task AssertChargedOnceAsync(EngineUser user, IReadOnlyList<Guid> ids)
    {
        await using var db = _database.CreateContext();
        var rows = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
        Assert.All(rows, t => Assert.Equal(t.CreditsReserved, t.CreditsCharged));
        var entries = await db.CreditLedger.AsNoTracking().Where(e => e.UserId == user.UserId && e.TaskId != null).ToListAsync();
        Assert.All(ids, id => Assert.Single(entries, e => e.TaskId == id && e.Kind == CreditEntryKind.Reserved));
        var balance = await new CreditLedger(_database.ContextFactory).GetBalanceAsync(user.UserId);
        Assert.Equal(new CreditBalance(Credits - rows.Sum(t => t.CreditsCharged), 0), balance);
    }

    /// <summary>What a real step does with the database inside its work: a query (here on a connection of its own).</summary>
    private async Task TouchDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM generation_tasks", connection);
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private async Task<int> CountAsync(IReadOnlyList<Guid> ids, GenerationTaskStatus status)
    {
        await using var db = _database.CreateContext();
        var statuses = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Status).ToListAsync();
        Assert.DoesNotContain(GenerationTaskStatus.Failed, statuses);
        return statuses.Count(s => s == status);
    }

    /// <summary>
    /// Polls <paramref name="condition"/>; a read that meets the outage's aftermath (a pooled connection the restart
    /// cut: 57P01) counts as "not yet", as it would for any client of the database.
    /// </summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await HoldsAsync(condition))
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the condition did not hold in {seconds} s");
            await Task.Delay(200);
        }
    }

    private static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        try
        {
            return await condition();
        }
        catch (Exception exception) when (DreamX.Infrastructure.Persistence.DatabaseFaults.IsTransient(exception))
        {
            return false;
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _cluster.DisposeAsync();
    }
}
