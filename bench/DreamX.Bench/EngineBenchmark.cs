using System.Collections.Concurrent;
using System.Diagnostics;
using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DreamX.Bench;

/// <summary>
/// Queues N no-op tasks at once and measures throughput, then runs tasks one at a time and measures the
/// engine's overhead per task (queue → credits → Quartz → claim → settle → progress event), on a throwaway database.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var server = arguments.Optional("db") ?? Environment.GetEnvironmentVariable("DREAMX_BENCH_DB")
            ?? throw new ArgumentException("--db or DREAMX_BENCH_DB is required");
        var count = arguments.Number("tasks", 500);
        var latencyCount = arguments.Number("latency-tasks", 50);
        var concurrency = arguments.Number("concurrency", 8);

        var database = new NpgsqlConnectionStringBuilder(server) { Database = $"dx_bench_{Guid.NewGuid():N}"[..24] };
        await ExecuteAsync(server, $"CREATE DATABASE \"{database.Database}\"");
        try
        {
            using var host = EngineHost.Build(database.ConnectionString, new Dictionary<string, string?>
            {
                ["SchedulerName"] = "bench",
                ["MaxConcurrency"] = concurrency.ToString(),
            });
            var contexts = host.Services.GetRequiredService<IDbContextFactory<DreamXDbContext>>();
            await using (var db = await contexts.CreateDbContextAsync())
                await db.Database.MigrateAsync();
            var (userId, projectId) = await SeedAsync(host.Services, contexts);
            await host.StartAsync();
            await host.Services.GetRequiredService<TaskNotificationListener>().Listening;
            var tasks = host.Services.GetRequiredService<IGenerationTasks>();

            Console.WriteLine($"engine benchmark: {count} no-op tasks, {concurrency} concurrent, PostgreSQL {database.Host}:{database.Port}");
            var throughput = await MeasureThroughputAsync(tasks, contexts, userId, projectId, count);
            var latencies = await MeasureLatencyAsync(host.Services, tasks, userId, projectId, latencyCount);

            Console.WriteLine($"queued:        {count} tasks (fan-outs of 50) in {throughput.Queued.TotalSeconds:0.00} s ({count / throughput.Queued.TotalSeconds:0} tasks/s)");
            Console.WriteLine($"throughput:    {count / throughput.Total.TotalSeconds:0.0} tasks/s ({count} tasks queued and run in {throughput.Total.TotalSeconds:0.00} s)");
            Console.WriteLine($"run overhead:  median {throughput.MedianRunMs:0.0} ms per task (claim → step → credits settled)");
            Console.WriteLine($"engine overhead per task (one at a time, queue → Succeeded event, {latencyCount} tasks): median {Percentile(latencies, 0.5):0.0} ms, p95 {Percentile(latencies, 0.95):0.0} ms");
            await host.StopAsync();
            return throughput.Failed == 0 ? 0 : 1;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{database.Database}\" WITH (FORCE)");
        }
    }

    private sealed record Throughput(TimeSpan Queued, TimeSpan Total, double MedianRunMs, int Failed);

    private static async Task<Throughput> MeasureThroughputAsync(IGenerationTasks tasks, IDbContextFactory<DreamXDbContext> contexts, string userId, Guid projectId, int count)
    {
        var clock = Stopwatch.StartNew();
        // Queued as a stage would queue them: fan-outs of 50 items (one reservation each, one insert, one Quartz call).
        var ids = new List<Guid>(count);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(50))
        {
            var fanOut = await tasks.QueueFanOutAsync(chunk.Select(i => Request(userId, projectId, $$"""{"n":{{i}}}""")).ToList());
            ids.AddRange(fanOut.IsSuccess ? fanOut.Value.Children.Select(c => c.Id) : throw new InvalidOperationException($"queueing failed: {fanOut.Error}"));
        }
        var queued = clock.Elapsed;

        await using var db = await contexts.CreateDbContextAsync();
        while (await db.GenerationTasks.CountAsync(t => t.Status == GenerationTaskStatus.Queued || t.Status == GenerationTaskStatus.Running) > 0)
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(5))
                throw new TimeoutException("the tasks did not finish in 5 minutes");
            await Task.Delay(20);
        }
        var total = clock.Elapsed;
        var runs = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Status, t.StartedAt, t.FinishedAt, t.Error }).ToListAsync();
        var runMs = runs.Where(r => r.StartedAt != null && r.FinishedAt != null)
            .Select(r => (r.FinishedAt!.Value - r.StartedAt!.Value).TotalMilliseconds).ToList();
        var failed = runs.Count(r => r.Status != GenerationTaskStatus.Succeeded);
        if (failed > 0)
            Console.WriteLine($"warning: {failed} tasks did not succeed ({runs.First(r => r.Status != GenerationTaskStatus.Succeeded).Status}: {runs.First(r => r.Status != GenerationTaskStatus.Succeeded).Error})");
        return new Throughput(queued, total, Percentile(runMs, 0.5), failed);
    }

    private static async Task<List<double>> MeasureLatencyAsync(IServiceProvider services, IGenerationTasks tasks, string userId, Guid projectId, int count)
    {
        var finished = new ConcurrentDictionary<Guid, TaskCompletionSource>();
        using var subscription = services.GetRequiredService<ITaskProgressBus>().SubscribeUser(userId, progress =>
        {
            if (progress.Status == GenerationTaskStatus.Succeeded)
                finished.GetOrAdd(progress.TaskId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            return Task.CompletedTask;
        });
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var clock = Stopwatch.StartNew();
            var id = Queue(await tasks.QueueAsync(Request(userId, projectId, $$"""{"latency":{{i}}}""")));
            await finished.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(TimeSpan.FromSeconds(30));
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        return latencies;
    }

    private static TaskRequest Request(string userId, Guid projectId, string input) =>
        new(projectId, userId, GenerationTaskType.ShotImage, NodeKind.Segment, Guid.NewGuid(), input);

    private static Guid Queue(DreamX.Domain.Common.Result<GenerationTask> queued) =>
        queued.IsSuccess ? queued.Value.Id : throw new InvalidOperationException($"queueing failed: {queued.Error}");

    private static async Task<(string UserId, Guid ProjectId)> SeedAsync(IServiceProvider services, IDbContextFactory<DreamXDbContext> contexts)
    {
        var user = new ApplicationUser { UserName = "bench@dreamx.local", Email = "bench@dreamx.local" };
        var project = Project.Create(user.Id, new CheckpointInput { Title = "Benchmark" });
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.Users.Add(user);
            db.Projects.Add(project);
            // The top tier: its parallel-task cap (8) matches the scheduler's concurrency.
            db.Subscriptions.Add(Subscription.Start(user.Id, SubscriptionTier.Ultra, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        var granted = await services.GetRequiredService<ICreditLedger>().PostAsync(user.Id, CreditEntryKind.Adjusted, 1_000_000, "bench:grant", "benchmark credits");
        if (granted.IsFailure)
            throw new InvalidOperationException(granted.Error);
        return (user.Id, project.Id);
    }

    private static double Percentile(List<double> values, double percentile)
    {
        if (values.Count == 0)
            return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(percentile * sorted.Count))];
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
