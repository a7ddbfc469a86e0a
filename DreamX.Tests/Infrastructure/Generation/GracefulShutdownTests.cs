using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Generation;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>
/// A normal restart (SIGTERM to the studio's process group, as a terminal, ./dreamx.sh or a supervisor sends it) while a
/// task runs a real ffmpeg (issue 18): the encode is not killed by the signal; the task either finishes within the
/// shutdown grace or is handed back to the queue (not failed, its credits held once) and runs again after the restart.
/// Workers are separate processes (bench/DreamX.Bench worker) leading process groups of their own.
/// </summary>
public sealed class GracefulShutdownTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private const int Credits = 100;
    private readonly string _scheduler = "shutdown-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _folder = Directory.CreateTempSubdirectory("dreamx-shutdown-").FullName;
    private IHost _queueing = null!;

    public async Task InitializeAsync()
    {
        _queueing = EngineFixture.BuildHost(database.ConnectionString, new Dictionary<string, string?>
        {
            ["SchedulerName"] = _scheduler,
            ["RunScheduler"] = "false",
        }, _ => { });
        await _queueing.StartAsync();
    }

    [Fact]
    public async Task A_task_still_encoding_when_the_grace_ends_is_handed_back_and_completes_after_the_restart()
    {
        var user = await EngineUser.CreateAsync(database, Credits);
        var log = Path.Combine(_folder, "handed-back.log");
        using var first = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, log,
            extra: ["--shutdown-grace", "00:00:02"], ownGroup: true);
        var task = await QueueComposeAsync(user, encodeSeconds: 10); // well past the 2 s grace
        await WaitUntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains($"encoding {task.Id}"), seconds: 120);

        await first.TerminateGroupAsync(within: TimeSpan.FromSeconds(90));
        Print("first worker", first);
        AssertNoFailureLogged(first);
        var handedBack = await RowAsync(task.Id);
        Assert.Equal(GenerationTaskStatus.Queued, handedBack.Status);
        Assert.Null(handedBack.Error);
        Assert.Equal(1, handedBack.Attempts);
        Assert.Equal(new CreditBalance(Credits, handedBack.CreditsReserved), await BalanceAsync(user));

        // The restart: a fresh instance runs the task again from its start.
        using var second = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, Path.Combine(_folder, "restarted.log"));
        var done = await WaitFinishedAsync(task.Id, seconds: 180);
        Assert.Equal(GenerationTaskStatus.Succeeded, done.Status);
        Assert.Equal(2, done.Attempts);
        Assert.Equal(done.CreditsReserved, done.CreditsCharged);
        Assert.Equal(new CreditBalance(Credits - done.CreditsCharged, 0), await BalanceAsync(user));
        await using var db = database.CreateContext();
        Assert.Single(await db.CreditLedger.AsNoTracking().Where(e => e.TaskId == task.Id && e.Kind == CreditEntryKind.Reserved).ToListAsync());
    }

    [Fact]
    public async Task A_task_that_finishes_within_the_grace_completes_during_the_shutdown_without_a_failure_in_the_log()
    {
        var user = await EngineUser.CreateAsync(database, Credits);
        var log = Path.Combine(_folder, "finished.log");
        using var worker = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, log,
            extra: ["--shutdown-grace", "00:02:00"], ownGroup: true);
        var task = await QueueComposeAsync(user, encodeSeconds: 4);
        await WaitUntilAsync(() => File.Exists(log) && File.ReadAllText(log).Contains($"encoding {task.Id}"), seconds: 120);

        await worker.TerminateGroupAsync(within: TimeSpan.FromSeconds(150));
        Print("worker", worker);
        AssertNoFailureLogged(worker);
        var done = await RowAsync(task.Id);
        Assert.Equal(GenerationTaskStatus.Succeeded, done.Status);
        Assert.Equal(1, done.Attempts);
        Assert.Contains($"end {task.Id}", await File.ReadAllTextAsync(log));
        Assert.Equal(new CreditBalance(Credits - done.CreditsCharged, 0), await BalanceAsync(user));
    }

    private async Task<GenerationTask> QueueComposeAsync(EngineUser user, int encodeSeconds)
    {
        var queued = await _queueing.Services.GetRequiredService<IGenerationTasks>().QueueAsync(new TaskRequest(
            user.ProjectId, user.UserId, GenerationTaskType.ComposeFinal, NodeKind.Compose, Guid.NewGuid(), $$"""{"ffmpegSeconds":{{encodeSeconds}}}"""));
        Assert.True(queued.IsSuccess, queued.Error);
        return queued.Value;
    }

    /// <summary>
    /// The console logger writes errors as "fail:" and critical ones as "crit:" lines. The engine-only worker has no audit
    /// trail, so its subscription-renewal job cannot run there: those lines are the worker's, not the shutdown's.
    /// </summary>
    private static void AssertNoFailureLogged(SchedulerProcess worker) =>
        Assert.DoesNotContain(worker.Output, line =>
            ((line.Contains("fail:", StringComparison.Ordinal) || line.Contains("crit:", StringComparison.Ordinal)) && !line.Contains("renew-subscriptions", StringComparison.Ordinal))
            || line.Contains("Scheduler has been shut down", StringComparison.OrdinalIgnoreCase));

    private void Print(string name, SchedulerProcess worker)
    {
        foreach (var line in worker.Output)
            output.WriteLine($"{name}: {line}");
    }

    private Task<CreditBalance> BalanceAsync(EngineUser user) => new CreditLedger(database.ContextFactory).GetBalanceAsync(user.UserId);

    private async Task<GenerationTask> RowAsync(Guid taskId)
    {
        await using var db = database.CreateContext();
        return await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == taskId);
    }

    private async Task<GenerationTask> WaitFinishedAsync(Guid taskId, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var task = await RowAsync(taskId);
            if (task.IsFinished)
                return task;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"task {taskId} is still {task.Status} after {seconds} s");
            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the condition did not hold in {seconds} s");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await _queueing.StopAsync();
        _queueing.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
