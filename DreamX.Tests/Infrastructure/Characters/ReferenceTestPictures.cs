using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Characters;

/// <summary>Pictures for the reference-sheet tests, drawn with SkiaSharp.</summary>
internal static class ReferenceTestPictures
{
    /// <summary>A plain picture of <paramref name="width"/>×<paramref name="height"/> in <paramref name="format"/>.</summary>
    public static byte[] Solid(int width, int height, SKColor colour, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(colour);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        surface.Canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 4f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
