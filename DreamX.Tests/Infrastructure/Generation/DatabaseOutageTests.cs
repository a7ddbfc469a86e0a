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
                services.AddGenerationStep(new ScriptedStep(type, _steps));
        });
        await host.StartAsync();
        var tasks = host.Services.GetRequiredService<IGenerationTasks>();
        var user = await EngineUser.CreateAsync(_database, Credits, SubscriptionTier.Ultra);

        // Steps of 1.5 to 5 s: some finish during the outage, some after it, some start after it.
        var requests = Enumerable.Range(0, 12).Select(i => new TaskRequest(user.ProjectId, user.UserId, GenerationTaskType.ShotImage,
            NodeKind.Segment, Guid.NewGuid(), $$"""{"n":{{i}},"delayMs":{{1500 + i * 300}}}""")).ToList();
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

        await using var db = _database.CreateContext();
        var rows = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
        Assert.All(rows, t => Assert.Equal(t.CreditsReserved, t.CreditsCharged));
        var entries = await db.CreditLedger.AsNoTracking().Where(e => e.UserId == user.UserId && e.TaskId != null).ToListAsync();
        Assert.All(ids, id => Assert.Single(entries, e => e.TaskId == id && e.Kind == CreditEntryKind.Reserved));
        var balance = await new CreditLedger(_database.ContextFactory).GetBalanceAsync(user.UserId);
        Assert.Equal(new CreditBalance(Credits - rows.Sum(t => t.CreditsCharged), 0), balance);
        await host.StopAsync();
    }

    private async Task<int> CountAsync(IReadOnlyList<Guid> ids, GenerationTaskStatus status)
    {
        await using var db = _database.CreateContext();
        var statuses = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Status).ToListAsync();
        Assert.DoesNotContain(GenerationTaskStatus.Failed, statuses);
        return statuses.Count(s => s == status);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the condition did not hold in {seconds} s");
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _cluster.DisposeAsync();
    }
}
