using DreamX.Infrastructure.Generation;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DreamX.Infrastructure.Jobs;

/// <summary>Runs one generation task (the job's key is the task id); the work is in <see cref="GenerationTaskRunner"/>.</summary>
public sealed class RunGenerationTaskJob(IServiceScopeFactory scopes) : IJob
{
    public const string Group = "generation";
    public const string TaskIdKey = "taskId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var taskId = Guid.Parse(context.MergedJobDataMap.GetString(TaskIdKey)!);
        var worker = new TaskWorker(context.Scheduler.SchedulerInstanceId, context.Scheduler.SchedulerName);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<GenerationTaskRunner>().RunAsync(taskId, worker, cancellationToken);
    }
}
