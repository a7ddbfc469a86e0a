using DreamX.Infrastructure.Generation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace DreamX.Infrastructure.Jobs;

/// <summary>Runs one generation task (the job's key is the task id); the work is in <see cref="GenerationTaskRunner"/>.</summary>
public sealed class RunGenerationTaskJob(IServiceScopeFactory scopes, EngineShutdown shutdown, ILogger<RunGenerationTaskJob> logger) : IJob
{
    public const string Group = "generation";
    public const string TaskIdKey = "taskId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var taskId = Guid.Parse(context.MergedJobDataMap.GetString(TaskIdKey)!);
        var worker = new TaskWorker(context.Scheduler.SchedulerInstanceId, context.Scheduler.SchedulerName);
        // Quartz waits for running jobs on shutdown; the engine's own grace decides when they stop and go back.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, shutdown.HandBack);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<GenerationTaskRunner>().RunAsync(taskId, worker, stop.Token);
        }
        catch (OperationCanceledException) when (shutdown.HandBack.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The runner put the task back in the queue: this firing is done, the sweeper of a live instance (or of this
            // one after its restart) schedules the task again. Not an error, so Quartz is not told one.
            logger.LogInformation("Task {TaskId} was handed back to the queue: this instance is shutting down", taskId);
        }
    }
}
