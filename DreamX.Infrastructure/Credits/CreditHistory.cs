using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Credits;

/// <summary>One page of a user's ledger, newest first, optionally of one kind.</summary>
public sealed record CreditHistoryQuery(string UserId, CreditEntryKind? Kind = null, int Page = 0, int PageSize = 20);

/// <param name="Tasks">What each task row was for, by task id: its kind of work and project (absent when deleted).</param>
public sealed record CreditHistoryPage(IReadOnlyList<CreditLedgerEntry> Items, int Total, IReadOnlyDictionary<Guid, CreditTaskLabel>? Tasks = null)
{
    /// <summary>The task a ledger row belongs to, read from its key (task:{id}:…), or null for other rows.</summary>
    public static Guid? TaskIdOf(CreditLedgerEntry entry) =>
        entry.IdempotencyKey.StartsWith(TaskPrefix, StringComparison.Ordinal)
        && Guid.TryParseExact(entry.IdempotencyKey.AsSpan(TaskPrefix.Length, 32), "N", out var id) ? id : null;

    internal const string TaskPrefix = "task:";
}

/// <summary>What a task in the wallet was: its kind of work and the project's title.</summary>
public sealed record CreditTaskLabel(GenerationTaskType Type, string ProjectTitle);

/// <summary>
/// Reads a user's ledger for the wallet page, one line per task: the hold while it runs, its cost once it succeeded,
/// nothing for a task that failed or was cancelled (its hold came back). The ledger itself keeps every movement.
/// </summary>
public sealed class CreditHistory(IDbContextFactory<DreamXDbContext> contexts)
{
    public async Task<CreditHistoryPage> ListAsync(CreditHistoryQuery query, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        const string prefix = CreditHistoryPage.TaskPrefix + "%";
        var entries = db.CreditLedger.AsNoTracking().Where(e => e.UserId == query.UserId)
            // A task's hold is given back (released) when it finishes, and a success then charges its cost: the release
            // and a finished task's hold are the bookkeeping of that, not lines a creator needs.
            .Where(e => !(e.Kind == CreditEntryKind.Released && EF.Functions.Like(e.IdempotencyKey, prefix)))
            .Where(e => !(e.Kind == CreditEntryKind.Reserved && EF.Functions.Like(e.IdempotencyKey, prefix)
                && db.CreditLedger.Any(r => r.UserId == e.UserId && r.IdempotencyKey == e.IdempotencyKey.Replace(":reserve", ":release"))));
        if (query.Kind is { } kind)
            entries = entries.Where(e => e.Kind == kind);
        var total = await entries.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await entries.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(ct);

        var taskIds = items.Select(CreditHistoryPage.TaskIdOf).OfType<Guid>().Distinct().ToList();
        var tasks = await db.GenerationTasks.AsNoTracking().Where(t => taskIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Type, Title = db.Projects.Where(p => p.Id == t.ProjectId).Select(p => p.Title).FirstOrDefault() })
            .ToListAsync(ct);
        return new CreditHistoryPage(items, total, tasks.ToDictionary(t => t.Id, t => new CreditTaskLabel(t.Type, t.Title ?? "")));
    }
}
