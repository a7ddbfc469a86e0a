using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using SkiaSharp;

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
        // A recognised header is not an image: the whole file must decode (a PNG header on an HTML page does not).
        if (format.Value.ContentType.StartsWith("image/", StringComparison.Ordinal) && !ImageDecodes(upload.Content))
            return Result<ObjectKey>.Failure(CatalogErrors.FileType);

        var stamp = time.GetUtcNow().ToUnixTimeMilliseconds();
        var key = ObjectKey.ForAsset(kind, $"{entryId:D}/{name}-{stamp}.{format.Value.Extension}");
        using var content = new MemoryStream(upload.Content.ToArray(), writable: false);
        await storage.PutAsync(key, content, format.Value.ContentType, ct);
        return key;
    }

    /// <summary>The largest side of an uploaded image, checked from its header before any pixel is decoded.</summary>
    public const int MaxImageSide = 8192;

    private static bool ImageDecodes(ReadOnlyMemory<byte> content)
    {
        using var data = SKData.CreateCopy(content.Span);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width is <= 0 or > MaxImageSide || codec.Info.Height is <= 0 or > MaxImageSide)
            return false;
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        return codec.GetPixels(info, bitmap.GetPixels()) == SKCodecResult.Success; // a truncated file is refused too
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
