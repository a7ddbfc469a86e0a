using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Jobs;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// The per-user cap on tasks running at once (the tier's parallel-task limit). A task over the cap stays Queued
/// without a job; when one of the user's tasks ends, <see cref="FillAsync"/> schedules the oldest waiting ones.
/// </summary>
public sealed class TaskSlots(IDbContextFactory<DreamXDbContext> contexts, ITaskJobScheduler scheduler, IOptions<EngineOptions> options)
{
    public async Task<int> LimitOfAsync(DreamXDbContext db, string ownerId, CancellationToken cancellationToken)
    {
        var tier = await db.Subscriptions.AsNoTracking()
            .Where(s => s.UserId == ownerId && s.Status != SubscriptionStatus.Expired)
            .Select(s => (SubscriptionTier?)s.Tier)
            .FirstOrDefaultAsync(cancellationToken);
        return TierLimits.For(tier ?? SubscriptionTier.Starter).ParallelTasks;
    }

    /// <summary>Schedules as many of the user's waiting tasks (Queued, no job) as the cap allows, oldest first.</summary>
    public async Task FillAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var limit = await LimitOfAsync(db, ownerId, cancellationToken);
        var waiting = await db.Database.SqlQuery<Guid>($"""
            SELECT t.id AS "Value" FROM generation_tasks t
            WHERE t.owner_id = {ownerId} AND t.status = 'Queued'
              AND NOT EXISTS (SELECT 1 FROM qrtz_job_details j
                              WHERE j.sched_name = {options.Value.SchedulerName} AND j.job_group = {RunGenerationTaskJob.Group}
                                AND j.job_name = replace(t.id::text, '-', ''))
            ORDER BY t.created_at
            LIMIT GREATEST(0, {limit} - (SELECT count(*) FROM generation_tasks r WHERE r.owner_id = {ownerId} AND r.status = 'Running'))
            """).ToListAsync(cancellationToken);
        foreach (var taskId in waiting)
            await scheduler.ScheduleAsync(taskId, cancellationToken);
    }
}
