using DreamX.Domain.Credits;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Credits;

/// <summary>One page of a user's ledger, newest first, optionally of one kind.</summary>
public sealed record CreditHistoryQuery(string UserId, CreditEntryKind? Kind = null, int Page = 0, int PageSize = 20);

public sealed record CreditHistoryPage(IReadOnlyList<CreditLedgerEntry> Items, int Total);

/// <summary>Reads a user's ledger entries for the wallet page.</summary>
public sealed class CreditHistory(IDbContextFactory<DreamXDbContext> contexts)
{
    public async Task<CreditHistoryPage> ListAsync(CreditHistoryQuery query, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entries = db.CreditLedger.AsNoTracking().Where(e => e.UserId == query.UserId);
        if (query.Kind is { } kind)
            entries = entries.Where(e => e.Kind == kind);
        var total = await entries.CountAsync(ct);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await entries.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize).ToListAsync(ct);
        return new CreditHistoryPage(items, total);
    }
}
