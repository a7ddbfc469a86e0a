using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>The visual styles admins curate and creators pick for a project.</summary>
public sealed class VisualStyleCatalog(IDbContextFactory<DreamXDbContext> contexts, CatalogMediaStore media, TimeProvider time)
{
    /// <summary>Styles in display order; <paramref name="search"/> matches title, type or description.</summary>
    public async Task<IReadOnlyList<VisualStyle>> ListAsync(string? search, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.VisualStyles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = CatalogSaves.ContainsPattern(search);
            query = query.Where(s => EF.Functions.ILike(s.Title, pattern) || EF.Functions.ILike(s.Type, pattern)
                || EF.Functions.ILike(s.Description, pattern));
        }

        return await query.OrderBy(s => s.SortOrder).ThenBy(s => s.Title).ToListAsync(ct);
    }

    public async Task<VisualStyle?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.VisualStyles.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
    }

    public Task<Result<VisualStyle>> CreateAsync(VisualStyleDraft draft, MediaUpload? sampleImage, CancellationToken ct) =>
        SaveAsync(null, draft, sampleImage, ct);

    public Task<Result<VisualStyle>> UpdateAsync(Guid id, VisualStyleDraft draft, MediaUpload? sampleImage, CancellationToken ct) =>
        SaveAsync(id, draft, sampleImage, ct);

    /// <summary>Removes the style and its sample image.</summary>
    public async Task<Result> DeleteAsync(Guid id, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var style = await db.VisualStyles.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (style is null)
            return Result.Failure(CatalogErrors.NotFound);

        db.VisualStyles.Remove(style);
        await db.SaveChangesAsync(ct);
        await media.DeleteAsync(style.SampleImageKey, ct);
        return Result.Success();
    }

    private async Task<Result<VisualStyle>> SaveAsync(Guid? id, VisualStyleDraft draft, MediaUpload? sampleImage, CancellationToken ct)
    {
        if (draft.Validate() is { } invalid)
            return Result<VisualStyle>.Failure(invalid);

        await using var db = await contexts.CreateDbContextAsync(ct);
        VisualStyle style;
        if (id is { } existingId)
        {
            var found = await db.VisualStyles.FirstOrDefaultAsync(s => s.Id == existingId, ct);
            if (found is null)
                return Result<VisualStyle>.Failure(CatalogErrors.NotFound);
            style = found;
        }
        else
        {
            style = new VisualStyle();
            db.VisualStyles.Add(style);
        }

        var title = draft.Title.Trim().ToLowerInvariant();
        if (await db.VisualStyles.AnyAsync(s => s.Id != style.Id && s.Title.ToLower() == title, ct))
            return Result<VisualStyle>.Failure(CatalogErrors.TitleTaken);

        draft.ApplyTo(style);
        style.UpdatedAt = time.GetUtcNow();

        var files = new CatalogMediaChanges(media, AssetKinds.Styles, style.Id);
        if (await files.ReplaceAsync("sample", sampleImage, CatalogMediaRule.Image, style.SampleImageKey, key => style.SampleImageKey = key, ct) is { } bad)
            return Result<VisualStyle>.Failure(bad);

        var saved = await db.SaveAsync(CatalogErrors.TitleTaken, ct);
        if (saved.IsFailure)
        {
            await files.RollBackAsync(ct);
            return Result<VisualStyle>.Failure(saved.Error!);
        }

        await files.CommitAsync(ct);
        return style;
    }
}
