using DreamX.Domain.Common;
using DreamX.Infrastructure.Media;
using SkiaSharp;

namespace DreamX.Infrastructure.Users;

/// <summary>
/// Turns an uploaded picture into the studio's avatar: only PNG, JPEG or WebP up to <see cref="MaxBytes"/>, checked by
/// decoding it (the browser's content type is only a claim), then centre-cropped to a square PNG of <see cref="Size"/>.
/// </summary>
public static class AvatarImage
{
    public const long MaxBytes = 2 * 1024 * 1024;
    public const int Size = 256;

    /// <summary>Larger pictures are refused from their header, before decoding (no decompression bombs).</summary>
    public const int MaxSide = 8192;
    public const long MaxPixels = 40_000_000;
    public static readonly IReadOnlyList<string> AcceptedContentTypes = ["image/png", "image/jpeg", "image/webp"];

    public static Result<byte[]> Normalize(byte[] upload, string contentType)
    {
        if (!AcceptedContentTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
            return Result.Failure<byte[]>("avatar.type");
        if (upload.Length == 0)
            return Result.Failure<byte[]>("avatar.empty");
        if (upload.Length > MaxBytes)
            return Result.Failure<byte[]>("avatar.too_large");

        // SKBitmap.Decode throws on data no codec recognises; SKCodec.Create answers null instead.
        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp))
            return Result.Failure<byte[]>("avatar.unreadable");
        // The header's size is checked before a pixel is decoded: a 48 KB PNG can claim 20000×20000 (1.6 GB).
        if (codec.Info.Width > MaxSide || codec.Info.Height > MaxSide || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
            return Result.Failure<byte[]>("avatar.too_many_pixels");
        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null || bitmap.Width < 16 || bitmap.Height < 16)
            return Result.Failure<byte[]>("avatar.unreadable");

        return SquarePicture.Encode(bitmap, Size, SKEncodedImageFormat.Png, 90);
    }
}
