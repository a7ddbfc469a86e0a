using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;

namespace DreamX.Infrastructure.Assets;

/// <summary>
/// Puts catalogue media (style samples, voice samples, showcase covers and videos) into object storage under
/// <c>assets/{kind}/{entryId}/...</c>, a scope every visitor may read through <see cref="Storage.MediaUrls"/>.
/// </summary>
public sealed class CatalogMediaStore(IObjectStorage storage, TimeProvider time)
{
    /// <summary>
    /// Checks <paramref name="upload"/> against <paramref name="rule"/> and stores it; a new name each time,
    /// so a browser never shows a cached older file under a reused link.
    /// </summary>
    /// <returns>The stored key, or a <see cref="CatalogErrors"/> code.</returns>
    public async Task<Result<ObjectKey>> StoreAsync(
        string kind, Guid entryId, string name, MediaUpload upload, CatalogMediaRule rule, CancellationToken ct)
    {
        var format = rule.Check(upload);
        if (format.IsFailure)
            return Result<ObjectKey>.Failure(format.Error!);

        var stamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        var key = ObjectKey.ForAsset(kind, $"{entryId:D}/{name}-{stamp}.{format.Value.Extension}");
        using var content = new MemoryStream(upload.Content.ToArray(), writable: false);
        await storage.PutAsync(key, content, format.Value.ContentType, ct);
        return key;
    }

    /// <summary>Removes a stored file that is no longer referenced; a missing or foreign key is ignored.</summary>
    public async Task DeleteAsync(string? key, CancellationToken ct)
    {
        if (ObjectKey.TryParse(key, out var parsed) && parsed.Scope == ObjectKeyScope.Asset)
            await storage.DeleteAsync(parsed, ct);
    }

    public Task<bool> ExistsAsync(string? key, CancellationToken ct) =>
        ObjectKey.TryParse(key, out var parsed) ? storage.ExistsAsync(parsed, ct) : Task.FromResult(false);
}
