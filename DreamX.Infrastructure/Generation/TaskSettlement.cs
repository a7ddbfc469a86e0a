using System.Data;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// Moves a task to its final status and settles its credit hold in one transaction: a task read as failed or
/// cancelled has its credits back, a task read as succeeded has been charged. The status move is a conditional
/// update, so of two racing finishers (a runner and a cancel, two instances) only one settles.
/// The sweeper stays as the repair for holds left by anything older or outside the engine.
/// </summary>
public sealed class TaskSettlement(IDbContextFactory<DreamXDbContext> contexts, ILogger<TaskSettlement> logger, Observability.StudioMetrics metrics)
{
    /// <summary>Runs <paramref name="move"/> and, when it moved the task, gives the task's hold back. False when nothing moved.</summary>
    public Task<bool> ReleaseAsync(Guid taskId, string reason, Func<IQueryable<GenerationTask>, CancellationToken, Task<int>> move, CancellationToken cancellationToken = default) =>
        FinishAsync(taskId, move, (connection, transaction) => CreditLedger.ReleaseWithinAsync(connection, transaction, taskId, reason), cancellationToken);

    /// <summary>Runs <paramref name="move"/> and, when it moved the task, turns its hold into a charge of <paramref name="credits"/>.</summary>
    public Task<bool> ConsumeAsync(Guid taskId, int credits, Func<IQueryable<GenerationTask>, CancellationToken, Task<int>> move, CancellationToken cancellationToken = default) =>
        FinishAsync(taskId, move, (connection, transaction) => CreditLedger.ConsumeWithinAsync(connection, transaction, taskId, credits), cancellationToken);

    private async Task<bool> FinishAsync(
        Guid taskId,
        Func<IQueryable<GenerationTask>, CancellationToken, Task<int>> move,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<Domain.Common.Result>> settle,
        CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        if (await move(db.GenerationTasks, cancellationToken) == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        var settled = await settle((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
        if (settled.IsFailure)
            // The status still moves: a task must not stay running because its hold cannot be found; an operator reads the log.
            logger.LogWarning("Task {TaskId} finished but its credits could not be settled: {Error}", taskId, settled.Error);
        await transaction.CommitAsync(cancellationToken);

        await RecordAsync(db, taskId);
        return true;
    }

    /// <summary>Metrics only: the settlement has committed, so a failure to read the task back changes nothing.</summary>
    private async Task RecordAsync(DreamXDbContext db, Guid taskId)
    {
        try
        {
            var finished = await db.GenerationTasks.AsNoTracking().Where(t => t.Id == taskId)
                .Select(t => new { t.Type, t.Status, t.StartedAt, t.FinishedAt, t.CreditsCharged })
                .FirstOrDefaultAsync(CancellationToken.None);
            if (finished is not null)
                metrics.TaskFinished(finished.Type, finished.Status, finished.FinishedAt - finished.StartedAt, finished.CreditsCharged);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogDebug(e, "Task {TaskId} settled; its metrics were not recorded", taskId);
        }
    }
}
