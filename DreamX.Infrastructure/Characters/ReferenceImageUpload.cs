using DreamX.Domain.Common;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using SkiaSharp;

namespace DreamX.Infrastructure.Characters;

/// <summary>
/// Checks a picture a creator adds to a character's reference sheet: a PNG, JPEG or WebP (read from its bytes, not from
/// what the browser claims) of at most <see cref="MaxBytes"/>, whose header is within <see cref="MaxSide"/> px and
/// <see cref="MaxPixels"/>, that decodes whole and is at least <see cref="ProviderMediaCheck.MinImageSide"/> px on its
/// short side. It is kept as a JPEG no longer than <see cref="StoredLongSide"/> px (what models take; metadata dropped).
/// </summary>
public static class ReferenceImageUpload
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxSide = 8192;
    public const long MaxPixels = 40_000_000;
    public const int StoredLongSide = 2048;
    public const string StoredContentType = "image/jpeg";

    public const string Empty = "references.empty";
    public const string TooLarge = "references.too_large";
    public const string NotAnImage = "references.not_an_image";
    public const string TooManyPixels = "references.too_many_pixels";
    public const string Corrupt = "references.corrupt";
    public const string TooSmall = "references.too_small";

    public static Result<byte[]> Normalize(byte[] upload)
    {
        if (upload.Length == 0)
            return Result.Failure<byte[]>(Empty);
        if (upload.Length > MaxBytes)
            return Result.Failure<byte[]>(TooLarge);

        using var data = SKData.CreateCopy(upload);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Png or SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Webp))
            return Result.Failure<byte[]>(NotAnImage);
        // The header's size is checked before a pixel is decoded (no decompression bombs).
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0 || width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
            return Result.Failure<byte[]>(TooManyPixels);
        if (Math.Min(width, height) < ProviderMediaCheck.MinImageSide)
            return Result.Failure<byte[]>(TooSmall);

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        if (codec.GetPixels(info, bitmap.GetPixels()) != SKCodecResult.Success)
            return Result.Failure<byte[]>(Corrupt);

        var scale = Math.Min(1.0, StoredLongSide / (double)Math.Max(width, height));
        var (outWidth, outHeight) = ((int)Math.Round(width * scale), (int)Math.Round(height * scale));
        using var surface = SKSurface.Create(new SKImageInfo(outWidth, outHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        // JPEG has no alpha: transparent parts become white rather than black.
        surface.Canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(bitmap);
        surface.Canvas.DrawImage(image, SKRect.Create(outWidth, outHeight), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var jpeg = snapshot.Encode(SKEncodedImageFormat.Jpeg, 90);
        return jpeg.ToArray();
    }
}
