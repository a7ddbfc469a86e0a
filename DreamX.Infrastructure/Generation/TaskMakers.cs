using DreamX.Domain.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Who made the current result of one piece of work on one item: the provider and model of its latest successful task,
/// and whether the built-in provider stood in for a configured one that failed (<see cref="Fallback"/>).
/// </summary>
public sealed record TaskMaker(GenerationTaskType Type, Guid TargetId, string Provider, string? Model, bool Fallback);

/// <summary>Reads, for every item of a project, who made each of its results (compose is ffmpeg's own work and left out).</summary>
public static class TaskMakers
{
    public static async Task<IReadOnlyList<TaskMaker>> ReadAsync(DreamXDbContext db, Guid projectId, CancellationToken ct)
    {
        var tasks = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.ProjectId == projectId && t.Status == GenerationTaskStatus.Succeeded && t.Provider != null
                        && t.Type != GenerationTaskType.ComposePreview && t.Type != GenerationTaskType.ComposeFinal)
            .Select(t => new { t.Type, t.TargetId, t.Provider, t.Model, t.ProviderFallback, t.FinishedAt, t.CreatedAt })
            .ToListAsync(ct);
        return tasks.GroupBy(t => (t.Type, t.TargetId))
            .Select(g => g.MaxBy(t => t.FinishedAt ?? t.CreatedAt)!)
            .Select(t => new TaskMaker(t.Type, t.TargetId, t.Provider!, t.Model, t.ProviderFallback))
            .ToList();
    }
}
