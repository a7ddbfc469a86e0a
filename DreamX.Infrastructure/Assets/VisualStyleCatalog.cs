using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>The visual styles admins curate and creators pick for a project.</summary>
public sealed class VisualStyleCatalog(IDbContextFactory<DreamXDbContext> contexts, CatalogMediaStore media, TimeProvider time)
{
    private readonly CatalogEntries<VisualStyle> _entries =
        new(contexts, media, AssetKinds.Styles, db => db.VisualStyles, s => [s.SampleImageKey]);

    /// <summary>Styles in display order; <paramref name="search"/> matches title, type or description.</summary>
    public Task<IReadOnlyList<VisualStyle>> ListAsync(string? search, CancellationToken ct) =>
        _entries.ListAsync(search,
            pattern => s => EF.Functions.ILike(s.Title, pattern) || EF.Functions.ILike(s.Type, pattern) || EF.Functions.ILike(s.Description, pattern),
            query => query.OrderBy(s => s.SortOrder).ThenBy(s => s.Title), ct);

    public Task<VisualStyle?> FindAsync(Guid id, CancellationToken ct) => _entries.FindAsync(id, ct);

    public Task<Result<VisualStyle>> CreateAsync(VisualStyleDraft draft, MediaUpload? sampleImage, CancellationToken ct) =>
        SaveAsync(null, draft, sampleImage, ct);

    public Task<Result<VisualStyle>> UpdateAsync(Guid id, VisualStyleDraft draft, MediaUpload? sampleImage, CancellationToken ct) =>
        SaveAsync(id, draft, sampleImage, ct);

    /// <summary>Removes the style and its sample image.</summary>
    public Task<Result> DeleteAsync(Guid id, CancellationToken ct) => _entries.DeleteAsync(id, ct);

    private async Task<Result<VisualStyle>> SaveAsync(Guid? id, VisualStyleDraft draft, MediaUpload? sampleImage, CancellationToken ct)
    {
        if (draft.Validate() is { } invalid)
            return Result<VisualStyle>.Failure(invalid);

        var title = draft.Title.Trim().ToLowerInvariant();
        return await _entries.SaveAsync(id, CatalogErrors.TitleTaken,
            async (db, style, token) =>
            {
                if (await db.VisualStyles.AnyAsync(s => s.Id != style.Id && s.Title.ToLower() == title, token))
                    return CatalogErrors.TitleTaken;
                draft.ApplyTo(style);
                style.UpdatedAt = time.GetUtcNow();
                return null;
            },
            (files, style, token) =>
                files.ReplaceAsync("sample", sampleImage, CatalogMediaRule.Image, style.SampleImageKey, key => style.SampleImageKey = key, token),
            ct);
    }
}
