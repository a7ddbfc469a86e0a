using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Generation;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>Schedulers in separate processes sharing one database: the cluster guarantees of SPEC §3.</summary>
public sealed class SchedulerClusterTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly string _scheduler = "cluster-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _folder = Directory.CreateTempSubdirectory("dreamx-cluster-").FullName;
    private IHost _queueing = null!;

    public async Task InitializeAsync()
    {
        // This process only queues (Engine:RunScheduler=false); the scheduler processes run the tasks.
        _queueing = EngineFixture.BuildHost(database.ConnectionString, new Dictionary<string, string?>
        {
            ["SchedulerName"] = _scheduler,
            ["RunScheduler"] = "false",
        }, _ => { });
        await _queueing.StartAsync();
    }

    [Fact]
    public async Task Two_schedulers_on_one_database_run_each_task_exactly_once()
    {
        var user = await EngineUser.CreateAsync(database, 1000, SubscriptionTier.Ultra);
        var logA = Path.Combine(_folder, "a.log");
        var logB = Path.Combine(_folder, "b.log");
        using var a = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, logA);
        using var b = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, logB);

        var ids = new List<Guid>();
        for (var i = 0; i < 100; i++)
            ids.Add((await Tasks.QueueAsync(Request(user, $$"""{"n":{{i}},"delayMs":20}"""))).Value.Id);
        await WaitAllSucceededAsync(ids, seconds: 120);

        var starts = File.ReadAllLines(logA).Concat(File.ReadAllLines(logB)).Where(l => l.StartsWith("start ")).ToList();
        Assert.Equal(ids.Order(), starts.Select(l => Guid.Parse(l[6..])).Order());
        Assert.NotEmpty(File.ReadAllLines(logA));       // both schedulers took part
        Assert.NotEmpty(File.ReadAllLines(logB));
    }

    [Fact]
    public async Task A_task_interrupted_by_a_killed_scheduler_runs_again_on_another_and_succeeds()
    {
        var user = await EngineUser.CreateAsync(database, 100);
        var logA = Path.Combine(_folder, "crash-a.log");
        var logB = Path.Combine(_folder, "crash-b.log");
        var clock = System.Diagnostics.Stopwatch.StartNew();     // the timeline is printed for the closing note
        using var a = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, logA, slowMs: 60_000);
        output.WriteLine($"A ready {clock.Elapsed}");
        var task = (await Tasks.QueueAsync(Request(user, """{"crash":true}"""))).Value;
        await WaitUntilAsync(() => File.Exists(logA) && File.ReadAllText(logA).Contains($"start {task.Id}"), seconds: 60);

        output.WriteLine($"A started the task {clock.Elapsed}");
        a.Kill();
        using var b = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, logB);
        output.WriteLine($"B ready {clock.Elapsed}");

        await WaitAllSucceededAsync([task.Id], seconds: 60);
        output.WriteLine($"succeeded {clock.Elapsed}");
        Assert.Contains($"end {task.Id}", File.ReadAllText(logB));
        await using var db = database.CreateContext();
        Assert.Equal(2, (await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == task.Id)).Attempts);
    }

    private IGenerationTasks Tasks => _queueing.Services.GetRequiredService<IGenerationTasks>();

    private static TaskRequest Request(EngineUser user, string input) =>
        new(user.ProjectId, user.UserId, GenerationTaskType.ShotImage, NodeKind.Segment, Guid.NewGuid(), input);

    private async Task WaitAllSucceededAsync(IReadOnlyList<Guid> ids, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var db = database.CreateContext();
            var statuses = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Status).ToListAsync();
            Assert.DoesNotContain(GenerationTaskStatus.Failed, statuses);
            if (statuses.Count(s => s == GenerationTaskStatus.Succeeded) == ids.Count)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{statuses.Count(s => s == GenerationTaskStatus.Succeeded)} of {ids.Count} tasks succeeded in {seconds} s");
            await Task.Delay(100);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _queueing.StopAsync();
        _queueing.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
