using DreamX.Domain.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Generation;

/// <summary>A piece of work whose latest task failed: what it was, on which item, and the full (admin-only) error.</summary>
public sealed record TaskFailure(GenerationTaskType Type, Guid TargetId, string Error, DateTimeOffset At)
{
    /// <summary>What a creator may read about it: a reason, never the raw error (server paths, stack traces, English).</summary>
    public TaskFailureReason Reason => TaskFailureReasons.Classify(Error);
}

/// <summary>The work of a project that is failed right now: per item and kind of task, the latest task failed.</summary>
public static class TaskFailures
{
    public static async Task<IReadOnlyList<TaskFailure>> ReadAsync(DreamXDbContext db, Guid projectId, CancellationToken ct)
    {
        // Only items that ever failed are looked at; a later success or a task still running clears the failure.
        var tasks = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.ProjectId == projectId && db.GenerationTasks.Any(f =>
                f.ProjectId == projectId && f.Status == GenerationTaskStatus.Failed && f.TargetId == t.TargetId && f.Type == t.Type))
            .Select(t => new { t.Type, t.TargetId, t.Status, t.Error, t.CreatedAt, t.FinishedAt })
            .ToListAsync(ct);
        return tasks.GroupBy(t => (t.Type, t.TargetId))
            .Select(g => g.MaxBy(t => t.CreatedAt)!)
            .Where(t => t.Status == GenerationTaskStatus.Failed)
            .Select(t => new TaskFailure(t.Type, t.TargetId, t.Error ?? "", t.FinishedAt ?? t.CreatedAt))
            .OrderBy(t => t.At)
            .ToList();
    }
}
