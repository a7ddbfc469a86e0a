using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>Showcases: admins add and review them; the public gallery shows the approved ones.</summary>
public sealed class ShowcaseCatalog(IDbContextFactory<DreamXDbContext> contexts, CatalogMediaStore media, TimeProvider time)
{
    private readonly CatalogEntries<Showcase> _entries =
        new(contexts, media, AssetKinds.Showcases, db => db.Showcases, s => s.MediaKeys());

    /// <summary>Every showcase for the admin list, in gallery order; <paramref name="search"/> matches title or description.</summary>
    public Task<IReadOnlyList<Showcase>> ListAsync(string? search, CancellationToken ct) =>
        _entries.ListAsync(search,
            pattern => s => EF.Functions.ILike(s.Title, pattern) || EF.Functions.ILike(s.Description, pattern),
            query => query.OrderBy(s => s.SortOrder).ThenByDescending(s => s.CreatedAt), ct);

    /// <summary>What the public gallery shows: approved showcases only, in the admins' order.</summary>
    public async Task<IReadOnlyList<Showcase>> ListApprovedAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Showcases.AsNoTracking()
            .Where(s => s.Status == ShowcaseStatus.Approved)
            .OrderBy(s => s.SortOrder).ThenByDescending(s => s.CreatedAt)
            .ToListAsync(ct);
    }

    public Task<Showcase?> FindAsync(Guid id, CancellationToken ct) => _entries.FindAsync(id, ct);

    /// <param name="adminId">The admin adding it: recorded as submitter, and as reviewer when it is created approved or rejected.</param>
    public Task<Result<Showcase>> CreateAsync(ShowcaseDraft draft, MediaUpload? cover, MediaUpload? video, string? adminId, CancellationToken ct) =>
        SaveAsync(null, draft, cover, video, adminId, ct);

    /// <param name="adminId">Recorded as reviewer when the status changes.</param>
    public Task<Result<Showcase>> UpdateAsync(Guid id, ShowcaseDraft draft, MediaUpload? cover, MediaUpload? video, string? adminId, CancellationToken ct) =>
        SaveAsync(id, draft, cover, video, adminId, ct);

    /// <summary>Removes the showcase with its cover and video.</summary>
    public Task<Result> DeleteAsync(Guid id, CancellationToken ct) => _entries.DeleteAsync(id, ct);

    private async Task<Result<Showcase>> SaveAsync(
        Guid? id, ShowcaseDraft draft, MediaUpload? cover, MediaUpload? video, string? adminId, CancellationToken ct)
    {
        if (draft.Validate() is { } invalid)
            return Result<Showcase>.Failure(invalid);

        return await _entries.SaveAsync(id, CatalogErrors.TitleTaken,
            (_, showcase, _) =>
            {
                if (id is null)
                    showcase.SubmittedBy = adminId;
                draft.ApplyTo(showcase, adminId, time.GetUtcNow());
                return Task.FromResult<string?>(null);
            },
            async (files, showcase, token) =>
                await files.ReplaceAsync("cover", cover, CatalogMediaRule.Image, showcase.CoverKey, key => showcase.CoverKey = key, token)
                ?? await files.ReplaceAsync("video", video, CatalogMediaRule.Video, showcase.VideoKey, key => showcase.VideoKey = key, token),
            ct);
    }
}
