using SkiaSharp;

namespace DreamX.Infrastructure.Media;

/// <summary>The middle square of a picture at a given size: an avatar, a canvas card's thumbnail.</summary>
public static class SquarePicture
{
    /// <summary>
    /// Crops <paramref name="bitmap"/>'s centred square, scales it to <paramref name="size"/> px (Mitchell) and encodes it;
    /// <paramref name="background"/> fills what the picture leaves transparent (a JPEG has no alpha).
    /// </summary>
    public static byte[] Encode(SKBitmap bitmap, int size, SKEncodedImageFormat format, int quality, SKColor? background = null)
    {
        var side = Math.Min(bitmap.Width, bitmap.Height);
        var source = SKRectI.Create((bitmap.Width - side) / 2, (bitmap.Height - side) / 2, side, side);
        using var surface = SKSurface.Create(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        if (background is { } colour)
            surface.Canvas.Clear(colour);
        using var image = SKImage.FromBitmap(bitmap);
        surface.Canvas.DrawImage(image, source, SKRect.Create(size, size), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var encoded = snapshot.Encode(format, quality);
        return encoded.ToArray();
    }
}
