using DreamX.Domain.Common;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// A project's budget cap: new tasks are refused when what the project spent, plus what its unfinished tasks hold,
/// plus the new tasks' prices would pass the cap. Spending is counted by the ledger's consume (same transaction).
/// </summary>
public static class ProjectBudgets
{
    public const string Exceeded = "budget.exceeded";

    /// <summary>
    /// Checks the capped projects among <paramref name="tasks"/>. When there is one, a transaction is begun on
    /// <paramref name="db"/> holding a per-project advisory lock, so that two queue calls (on any instance) cannot
    /// both pass the same remaining budget; the caller commits it after saving the tasks. Null when nothing is capped.
    /// </summary>
    public static async Task<(Result Result, IDbContextTransaction? Lock)> CheckAsync(
        DreamXDbContext db, IReadOnlyList<GenerationTask> tasks, CancellationToken cancellationToken)
    {
        var projectIds = tasks.Select(t => t.ProjectId).Distinct().ToList();
        var caps = await db.Projects.AsNoTracking()
            .Where(p => projectIds.Contains(p.Id) && p.BudgetCapCredits != null)
            .Select(p => new { p.Id, Cap = p.BudgetCapCredits!.Value })
            .ToListAsync(cancellationToken);
        if (caps.Count == 0)
            return (Result.Success(), null);

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var id in caps.Select(c => c.Id).Order())
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtextextended({id.ToString()}, 7))", cancellationToken);

        foreach (var cap in caps)
        {
            var spent = await db.Projects.Where(p => p.Id == cap.Id).Select(p => p.CreditsSpent).FirstAsync(cancellationToken);
            var held = await HeldAsync(db, cap.Id, cancellationToken);
            var asked = tasks.Where(t => t.ProjectId == cap.Id).Sum(t => t.CreditsReserved);
            if (spent + held + asked > cap.Cap)
            {
                await transaction.DisposeAsync();
                return (Result.Failure(Exceeded), null);
            }
        }
        return (Result.Success(), transaction);
    }

    /// <summary>What the project's unfinished tasks hold: they may still be charged, so it is not left to spend.</summary>
    public static Task<int> HeldAsync(DreamXDbContext db, Guid projectId, CancellationToken cancellationToken) =>
        db.GenerationTasks
            .Where(t => t.ProjectId == projectId && (t.Status == GenerationTaskStatus.Blocked || t.Status == GenerationTaskStatus.Queued || t.Status == GenerationTaskStatus.Running))
            .SumAsync(t => t.CreditsReserved, cancellationToken);
}
