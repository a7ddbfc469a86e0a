using SkiaSharp;

namespace DreamX.Infrastructure.Assets;

/// <summary>
/// Draws the seeded sample cards: a diagonal gradient through a palette, the palette as swatches and a title.
/// The same input gives the same PNG, so seeding twice changes nothing.
/// </summary>
public static class CatalogArtwork
{
    public const int Width = 640;
    public const int Height = 400;

    public static byte[] RenderCard(string title, string subtitle, IReadOnlyList<string> palette)
    {
        ArgumentOutOfRangeException.ThrowIfZero(palette.Count);
        var colours = palette.Select(SKColor.Parse).ToArray();

        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;

        using (var gradient = new SKPaint())
        {
            gradient.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(Width, Height),
                colours.Length == 1 ? [colours[0], colours[0]] : colours,
                SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, Height, gradient);
        }

        // A soft dark band keeps the title readable on light palettes.
        using (var shade = new SKPaint { Color = new SKColor(0, 0, 0, 110) })
            canvas.DrawRect(0, Height - 150, Width, 150, shade);

        var swatch = 40f;
        for (var i = 0; i < colours.Length; i++)
        {
            using var fill = new SKPaint { Color = colours[i], IsAntialias = true };
            using var ring = new SKPaint { Color = SKColors.White.WithAlpha(200), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 3 };
            var rect = new SKRoundRect(new SKRect(32 + i * (swatch + 12), 32, 32 + i * (swatch + 12) + swatch, 32 + swatch), 10);
            canvas.DrawRoundRect(rect, fill);
            canvas.DrawRoundRect(rect, ring);
        }

        using var typeface = CjkTypeface();
        using var titleFont = new SKFont(typeface, FittingSize(typeface, title, 40, Width - 64)) { Embolden = true };
        using var subtitleFont = new SKFont(typeface, 22);
        using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
        using var soft = new SKPaint { Color = SKColors.White.WithAlpha(215), IsAntialias = true };
        canvas.DrawText(title, 32, Height - 84, SKTextAlign.Left, titleFont, white);
        canvas.DrawText(subtitle, 32, Height - 42, SKTextAlign.Left, subtitleFont, soft);

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The largest size up to <paramref name="size"/> at which <paramref name="text"/> fits in <paramref name="width"/>.</summary>
    private static float FittingSize(SKTypeface typeface, string text, float size, float width)
    {
        using var font = new SKFont(typeface, size) { Embolden = true };
        var measured = font.MeasureText(text);
        return measured <= width ? size : Math.Max(12, MathF.Floor(size * width / measured));
    }

    /// <summary>Noto Sans CJK when installed (Chinese titles), else whatever the system has for the glyph.</summary>
    private static SKTypeface CjkTypeface() =>
        SKFontManager.Default.MatchFamily("Noto Sans CJK SC")
        ?? SKFontManager.Default.MatchCharacter('水')
        ?? SKTypeface.Default;
}
