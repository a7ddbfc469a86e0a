using DreamX.Domain.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Moves a blocked task on once its dependencies are settled: queued when all succeeded, failed (with the reason)
/// as soon as one failed or was cancelled, which in turn settles the tasks waiting on it.
/// Every move is a conditional update from Blocked, so two instances settling the same task do it once.
/// </summary>
public sealed class TaskDependencies(
    IDbContextFactory<DreamXDbContext> contexts,
    TaskSettlement settlement,
    ITaskJobScheduler scheduler,
    TaskEvents events)
{
    /// <summary>Settles every task waiting on <paramref name="finishedTaskId"/>.</summary>
    public async Task SettleDependentsAsync(Guid finishedTaskId, CancellationToken cancellationToken = default)
    {
        List<Guid> dependents;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            dependents = await db.TaskDependencies.Where(d => d.DependsOnTaskId == finishedTaskId).Select(d => d.TaskId).ToListAsync(cancellationToken);
        }
        foreach (var dependent in dependents)
            await SettleAsync(dependent, cancellationToken);
    }

    public async Task SettleAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var task = await db.GenerationTasks.AsNoTracking().Include(t => t.DependsOn).FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || task.Status != GenerationTaskStatus.Blocked)
            return;
        var ids = task.DependsOn.Select(d => d.DependsOnTaskId).ToList();
        var dependencies = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id))
            .Select(t => new { t.Id, t.Type, t.Status, t.Error }).ToListAsync(cancellationToken);

        var broken = dependencies.FirstOrDefault(d => d.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled);
        if (broken is not null)
        {
            var what = broken.Status == GenerationTaskStatus.Failed ? "failed" : "was cancelled";
            var reason = Limit($"waiting on {broken.Type} {broken.Id.ToString("N")[^8..]} which {what}: {broken.Error}");
            var failed = await settlement.ReleaseAsync(taskId, "dependency failed", (tasks, ct) => tasks
                .Where(t => t.Id == taskId && t.Status == GenerationTaskStatus.Blocked)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, GenerationTaskStatus.Failed)
                    .SetProperty(t => t.Error, reason)
                    .SetProperty(t => t.FinishedAt, DateTimeOffset.UtcNow), ct), cancellationToken);
            if (!failed)
                return;
            await events.PublishAsync(task, GenerationTaskStatus.Failed, task.Progress, reason, cancellationToken);
            await SettleDependentsAsync(taskId, cancellationToken);
            return;
        }

        if (dependencies.Count < ids.Count || dependencies.Any(d => d.Status != GenerationTaskStatus.Succeeded))
            return;
        var queued = await db.GenerationTasks
            .Where(t => t.Id == taskId && t.Status == GenerationTaskStatus.Blocked)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, GenerationTaskStatus.Queued), cancellationToken);
        if (queued == 0)
            return;
        // Told before scheduled, so a quick run cannot finish before its node is marked queued.
        await events.PublishAsync(task, GenerationTaskStatus.Queued, 0, null, cancellationToken);
        await scheduler.ScheduleAsync(taskId, cancellationToken);
    }

    internal static string Limit(string error) => error.Length <= 2000 ? error : error[..2000];
}
