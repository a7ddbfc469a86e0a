using DreamX.Infrastructure.Audit;
using System.Linq.Expressions;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>
/// What the catalogues do alike: list with a search, find, delete with its files, and save a new or changed entry whose
/// uploads are stored first and removed again when the row cannot be saved.
/// </summary>
internal sealed class CatalogEntries<TEntry>(
    IDbContextFactory<DreamXDbContext> contexts,
    CatalogMediaStore media,
    string kind,
    Func<DreamXDbContext, DbSet<TEntry>> set,
    Func<TEntry, IEnumerable<string?>> mediaKeys)
    where TEntry : Entity, new()
{
    /// <summary>Checks what needs the database (duplicates) and copies the draft onto the entry; returns a refusal code or null.</summary>
    public delegate Task<string?> Prepare(DreamXDbContext db, TEntry entry, CancellationToken ct);

    /// <summary>Stores the entry's new files through the changes; returns a refusal code or null.</summary>
    public delegate Task<string?> Attach(CatalogMediaChanges files, TEntry entry, CancellationToken ct);

    /// <summary>
    /// The entries in <paramref name="order"/>; a non-empty <paramref name="search"/> keeps those that
    /// <paramref name="matches"/> its ILIKE pattern (what "contains" means in every catalogue's search box).
    /// </summary>
    public async Task<IReadOnlyList<TEntry>> ListAsync(
        string? search,
        Func<string, Expression<Func<TEntry, bool>>> matches,
        Func<IQueryable<TEntry>, IOrderedQueryable<TEntry>> order,
        CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = set(db).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
            query = query.Where(matches(CatalogSaves.ContainsPattern(search)));
        return await order(query).ToListAsync(ct);
    }

    public async Task<TEntry?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await set(db).AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var entry = await set(db).FirstOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
            return Result.Failure(Domain.Assets.CatalogErrors.NotFound);

        set(db).Remove(entry);
        await db.SaveChangesAsync(ct);
        foreach (var key in mediaKeys(entry))
            await media.DeleteAsync(key, ct);
        return Result.Success();
    }

    /// <param name="id">The entry to change; null to add one.</param>
    /// <param name="duplicateCode">What a unique-index violation means for this catalogue.</param>
    public async Task<Result<TEntry>> SaveAsync(Guid? id, string duplicateCode, Prepare prepare, Attach attach, CancellationToken ct)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(ct);
        TEntry entry;
        if (id is { } existingId)
        {
            var found = await set(db).FirstOrDefaultAsync(e => e.Id == existingId, ct);
            if (found is null)
                return Result<TEntry>.Failure(Domain.Assets.CatalogErrors.NotFound);
            entry = found;
        }
        else
        {
            entry = new TEntry();
            set(db).Add(entry);
        }

        if (await prepare(db, entry, ct) is { } refused)
            return Result<TEntry>.Failure(refused);

        var files = new CatalogMediaChanges(media, kind, entry.Id);
        var bad = await attach(files, entry, ct);
        var saved = bad is null ? await db.SaveAsync(duplicateCode, ct) : Result.Failure(bad);
        if (saved.IsFailure)
        {
            await files.RollBackAsync(ct);
            return Result<TEntry>.Failure(saved.Error!);
        }

        await files.CommitAsync(ct);
        return entry;
    }
}
