using DreamX.Domain.Credits;
using DreamX.Infrastructure.Persistence;
using DreamX.Domain.Generation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Repairs what a crash between two steps can leave behind (run on a timer by one instance of the cluster):
/// running tasks whose worker's lease ran out (back to the queue, their credit hold kept as it is), queued tasks
/// without a job, blocked tasks whose dependencies are settled, and finished tasks whose credits are still held.
/// </summary>
public sealed class TaskSweeper(
    IDbContextFactory<DreamXDbContext> contexts,
    TaskSlots slots,
    TaskDependencies dependencies,
    ICreditLedger ledger,
    TaskEvents events,
    IOptions<EngineOptions> options,
    ILogger<TaskSweeper> logger)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    public async Task SweepAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await RequeueAbandonedAsync(db, cancellationToken);
        var before = DateTimeOffset.UtcNow - Grace;

        var owners = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.Status == Domain.Generation.GenerationTaskStatus.Queued && t.CreatedAt < before)
            // The owners whose work has waited longest come first.
            .GroupBy(t => t.OwnerId).OrderBy(g => g.Min(t => t.CreatedAt)).Select(g => g.Key).Take(500).ToListAsync(cancellationToken);
        foreach (var owner in owners)
            await slots.FillAsync(owner, cancellationToken);

        var blocked = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.Status == Domain.Generation.GenerationTaskStatus.Blocked && t.CreatedAt < before)
            .OrderBy(t => t.CreatedAt).Select(t => t.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var taskId in blocked)
            await dependencies.SettleAsync(taskId, cancellationToken);

        var unsettled = await UnsettledAsync(db, before, cancellationToken);
        foreach (var task in unsettled)
        {
            if (task.Status == nameof(Domain.Generation.GenerationTaskStatus.Succeeded))
                await ledger.ConsumeForTaskAsync(task.TaskId, task.Charged, cancellationToken);
            else
                await ledger.ReleaseForTaskAsync(task.TaskId, "settled by the sweeper", cancellationToken);
        }
    }

    /// <summary>
    /// Running tasks nobody renews any more (the worker lost the database, hung or died without Quartz noticing) go
    /// back to the queue; the queued-task pass below schedules them. Their hold is the same reservation, settled once
    /// by whichever run finishes; the old worker's late updates no longer match (its claim's attempt is gone).
    /// A task claimed before leases existed has none: it counts as abandoned a lease after it started.
    /// </summary>
    private async Task RequeueAbandonedAsync(DreamXDbContext db, CancellationToken cancellationToken)
    {
        var lease = options.Value.LeaseDuration.TotalSeconds;
        var requeued = await db.GenerationTasks.FromSqlInterpolated($"""
            UPDATE generation_tasks
            SET status = 'Queued', worker_id = NULL, lease_expires_at = NULL, progress = 0,
                progress_message = 'back in the queue: its worker stopped answering'
            WHERE status = 'Running'
              AND (lease_expires_at < clock_timestamp()
                   OR (lease_expires_at IS NULL AND started_at < clock_timestamp() - make_interval(secs => {lease})))
            RETURNING *, xmin
            """).AsNoTracking().ToListAsync(cancellationToken);
        foreach (var task in requeued)
        {
            logger.LogWarning("Task {TaskId} ({Type}) went back to the queue: its worker stopped renewing its claim", task.Id, task.Type);
            await events.PublishAsync(task, GenerationTaskStatus.Queued, 0, task.ProgressMessage, cancellationToken);
        }
    }

    private sealed record UnsettledTask(Guid TaskId, string Status, int Charged);

    private static async Task<List<UnsettledTask>> UnsettledAsync(DreamXDbContext db, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT t.id, t.status, t.credits_charged
            FROM generation_tasks t
            JOIN credit_ledger r ON r.idempotency_key = 'task:' || replace(t.id::text, '-', '') || ':reserve'
            WHERE t.status IN ('Succeeded', 'Failed', 'Cancelled') AND t.finished_at < @before
              AND NOT EXISTS (SELECT 1 FROM credit_ledger x WHERE x.idempotency_key = 'task:' || replace(t.id::text, '-', '') || ':release')
            LIMIT 500
            """, connection);
        command.Parameters.AddWithValue("before", before);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tasks = new List<UnsettledTask>();
        while (await reader.ReadAsync(cancellationToken))
            tasks.Add(new UnsettledTask(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2)));
        return tasks;
    }
}
