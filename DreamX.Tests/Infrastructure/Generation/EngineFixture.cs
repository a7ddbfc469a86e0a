using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>The generation engine with a running Quartz scheduler on its own database, scripted steps for every task type.</summary>
public sealed class EngineFixture : IAsyncLifetime
{
    public PostgresDatabase Database { get; } = new();
    public StepLog Steps { get; } = new();
    public IHost Host { get; private set; } = null!;

    public IGenerationTasks Tasks => Host.Services.GetRequiredService<IGenerationTasks>();

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Host = BuildHost(Database.ConnectionString, new Dictionary<string, string?>
        {
            ["SchedulerName"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["RetryBaseDelay"] = "00:00:00.020",
            ["Timeouts:VoiceSample"] = "00:00:01",
            ["SweepInterval"] = "00:00:02",
        }, services =>
        {
            foreach (var type in Enum.GetValues<GenerationTaskType>())
                services.AddGenerationStep(new ScriptedStep(type, Steps));
        });
        await Host.StartAsync();
        await Host.Services.GetRequiredService<TaskNotificationListener>().Listening;
    }

    /// <summary>A host with only persistence and the engine, as the web app would have them.</summary>
    public static IHost BuildHost(string connectionString, IReadOnlyDictionary<string, string?> engine, Action<IServiceCollection> steps)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString });
        builder.Configuration.AddInMemoryCollection(engine.ToDictionary(p => "Engine:" + p.Key, p => p.Value));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddPersistence();
        builder.AddGenerationEngine();
        steps(builder.Services);
        return builder.Build();
    }

    /// <summary>Waits until the task is finished (or the timeout passes) and returns its row.</summary>
    public Task<GenerationTask> WaitFinishedAsync(Guid taskId, int seconds = 20) =>
        WaitForAsync(taskId, t => t.IsFinished, seconds);

    public async Task<GenerationTask> WaitForAsync(Guid taskId, Func<GenerationTask, bool> condition, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var db = Database.CreateContext();
            var task = await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == taskId);
            if (condition(task))
                return task;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"task {taskId} is still {task.Status} ({task.Error})");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>
{
    public const string Name = "engine";
}
