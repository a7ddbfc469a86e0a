using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>Showcases: admins add and review them; the public gallery shows the approved ones.</summary>
public sealed class ShowcaseCatalog(IDbContextFactory<DreamXDbContext> contexts, CatalogMediaStore media, TimeProvider time)
{
    /// <summary>Every showcase for the admin list, in gallery order; <paramref name="search"/> matches title or description.</summary>
    public async Task<IReadOnlyList<Showcase>> ListAsync(string? search, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Showcases.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = CatalogSaves.ContainsPattern(search);
            query = query.Where(s => EF.Functions.ILike(s.Title, pattern) || EF.Functions.ILike(s.Description, pattern));
        }

        return await query.OrderBy(s => s.SortOrder).ThenByDescending(s => s.CreatedAt).ToListAsync(ct);
    }

    /// <summary>What the public gallery shows: approved showcases only, in the admins' order.</summary>
    public async Task<IReadOnlyList<Showcase>> ListApprovedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Showcases.AsNoTracking()
            .Where(s => s.Status == ShowcaseStatus.Approved)
            .OrderBy(s => s.SortOrder).ThenByDescending(s => s.CreatedAt)
            .ToListAsync(ct);
    }

    public async Task<Showcase?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Showcases.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    /// <param name="adminId">The admin adding it: recorded as submitter, and as reviewer when it is created approved or rejected.</param>
    public Task<Result<Showcase>> CreateAsync(ShowcaseDraft draft, MediaUpload? cover, MediaUpload? video, string? adminId, CancellationToken ct) =>
        SaveAsync(null, draft, cover, video, adminId, ct);

    /// <param name="adminId">Recorded as reviewer when the status changes.</param>
    public Task<Result<Showcase>> UpdateAsync(Guid id, ShowcaseDraft draft, MediaUpload? cover, MediaUpload? video, string? adminId, CancellationToken ct) =>
        SaveAsync(id, draft, cover, video, adminId, ct);

    /// <summary>Removes the showcase with its cover and video.</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var showcase = await db.Showcases.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (showcase is null)
            return Result.Failure(CatalogErrors.NotFound);

        db.Showcases.Remove(showcase);
        await db.SaveChangesAsync(ct);
        await media.DeleteAsync(showcase.CoverKey, ct);
        await media.DeleteAsync(showcase.VideoKey, ct);
        return Result.Success();
    }

    private async Task<Result<Showcase>> SaveAsync(
        Guid? id, ShowcaseDraft draft, MediaUpload? cover, MediaUpload? video, string? adminId, CancellationToken ct)
    {
        if (draft.Validate() is { } invalid)
            return Result<Showcase>.Failure(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        Showcase showcase;
        if (id is { } existingId)
        {
            var found = await db.Showcases.FirstOrDefaultAsync(s => s.Id == existingId, ct);
            if (found is null)
                return Result<Showcase>.Failure(CatalogErrors.NotFound);
            showcase = found;
        }
        else
        {
            showcase = new Showcase { SubmittedBy = adminId };
            db.Showcases.Add(showcase);
        }

        draft.ApplyTo(showcase, adminId, time.GetUtcNow());

        var files = new CatalogMediaChanges(media, AssetKinds.Showcases, showcase.Id);
        var bad = await files.ReplaceAsync("cover", cover, CatalogMediaRule.Image, showcase.CoverKey, key => showcase.CoverKey = key, ct)
            ?? await files.ReplaceAsync("video", video, CatalogMediaRule.Video, showcase.VideoKey, key => showcase.VideoKey = key, ct);
        if (bad is not null)
        {
            await files.RollBackAsync(ct);
            return Result<Showcase>.Failure(bad);
        }

        var saved = await db.SaveAsync(CatalogErrors.TitleTaken, ct);
        if (saved.IsFailure)
        {
            await files.RollBackAsync(ct);
            return Result<Showcase>.Failure(saved.Error!);
        }

        await files.CommitAsync(ct);
        return showcase;
    }
}
