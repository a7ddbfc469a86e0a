using DreamX.Infrastructure.Audit;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Administration;

/// <summary>The admin dashboard's figures. Tasks and credits are for the last 24 hours; storage is everything stored.</summary>
public sealed record DashboardFigures(
    int Users,
    int Projects,
    int TasksQueued,
    int TasksRunning,
    int TasksFailed24h,
    int TasksSucceeded24h,
    int CreditsSpent24h,
    long CreditsSpentTotal,
    long StorageBytes,
    int StorageObjects)
{
    /// <summary>Failed among the tasks finished in the last 24 h, 0-100.</summary>
    public double FailureRate24h => TasksFailed24h + TasksSucceeded24h == 0 ? 0 : 100.0 * TasksFailed24h / (TasksFailed24h + TasksSucceeded24h);
}

/// <summary>
/// Reads the dashboard. Storage is measured by listing the object store (every key, summing sizes) because not
/// every writer records a <c>MediaObject</c> row; queued and running are the current queue, not a 24 h count.
/// </summary>
public sealed class StudioDashboard(IDbContextFactory<DreamXDbContext> contexts, IObjectStorage storage, TimeProvider clock)
{
    public async Task<DashboardFigures> ReadAsync(CancellationToken ct = default)
    {
        ActorGate.DemandAdmin();
        var since = clock.GetUtcNow().AddHours(-24);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var users = await db.Users.CountAsync(ct);
        var projects = await db.Projects.CountAsync(ct);
        var byStatus = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.Status == GenerationTaskStatus.Queued || t.Status == GenerationTaskStatus.Running || t.CreatedAt >= since || t.FinishedAt >= since)
            .GroupBy(t => new { t.Status, Recent = t.FinishedAt >= since })
            .Select(g => new { g.Key.Status, g.Key.Recent, Count = g.Count() })
            .ToListAsync(ct);
        int Count(GenerationTaskStatus status, bool recentOnly) =>
            byStatus.Where(s => s.Status == status && (!recentOnly || s.Recent)).Sum(s => s.Count);

        var consumed = db.CreditLedger.AsNoTracking().Where(e => e.Kind == CreditEntryKind.Consumed);
        var spent24h = -await consumed.Where(e => e.CreatedAt >= since).SumAsync(e => (int?)e.Amount ?? 0, ct);
        var spentTotal = -await consumed.SumAsync(e => (long?)e.Amount ?? 0, ct);

        long bytes = 0;
        var objects = 0;
        await foreach (var listed in storage.ListAsync("", ct))
        {
            bytes += listed.Size;
            objects++;
        }

        return new DashboardFigures(users, projects,
            Count(GenerationTaskStatus.Queued, false), Count(GenerationTaskStatus.Running, false),
            Count(GenerationTaskStatus.Failed, true), Count(GenerationTaskStatus.Succeeded, true),
            spent24h, spentTotal, bytes, objects);
    }
}
