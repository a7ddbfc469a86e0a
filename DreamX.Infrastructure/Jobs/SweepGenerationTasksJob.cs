using DreamX.Infrastructure.Generation;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace DreamX.Infrastructure.Jobs;

/// <summary>Runs the <see cref="TaskSweeper"/> on a timer; clustered, so one instance at a time does it.</summary>
[DisallowConcurrentExecution]
public sealed class SweepGenerationTasksJob(IServiceScopeFactory scopes) : IJob
{
    public const string Name = "sweep-generation-tasks";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TaskSweeper>().SweepAsync(cancellationToken);
    }
}
