using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

/// <summary>
/// The colours a style gives a frame: sky (top, bottom), ground, silhouette and an accent. Built from the style's
/// palette (hex strings, darkest first as the style library stores them) with a calm default when it has none.
/// </summary>
internal sealed record StylePalette(SKColor SkyTop, SKColor SkyBottom, SkColorPair Ground, SKColor Silhouette, SKColor Accent, SKColor Light)
{
    private static readonly SKColor[] Fallback =
    [
        SKColor.Parse("#1F2A44"), SKColor.Parse("#3E5C76"), SKColor.Parse("#C9A227"), SKColor.Parse("#E8DCC2"), SKColor.Parse("#8C2F39"),
    ];

    public static StylePalette From(IReadOnlyList<string> hexColours)
    {
        var colours = hexColours
            .Select(hex => SKColor.TryParse(hex.Trim(), out var c) ? c : (SKColor?)null)
            .Where(c => c is not null)
            .Select(c => c!.Value)
            .ToList();
        if (colours.Count == 0)
            colours.AddRange(Fallback);
        while (colours.Count < 5)
            colours.Add(Fallback[colours.Count]);

        var byLightness = colours.Take(5).OrderBy(Lightness).ToList();
        var darkest = byLightness[0];
        var lightest = byLightness[^1];
        var accent = colours.Take(5).OrderByDescending(Saturation).First();
        var mid = byLightness[2];
        return new StylePalette(
            SkyTop: darkest,
            SkyBottom: Mix(mid, lightest, 0.35f),
            Ground: new SkColorPair(Mix(darkest, byLightness[1], 0.6f), Mix(darkest, SKColors.Black, 0.35f)),
            Silhouette: Mix(darkest, byLightness[1], 0.35f),
            Accent: accent,
            Light: lightest);
    }

    public static SKColor Mix(SKColor a, SKColor b, float t) => new(
        (byte)(a.Red + (b.Red - a.Red) * t),
        (byte)(a.Green + (b.Green - a.Green) * t),
        (byte)(a.Blue + (b.Blue - a.Blue) * t),
        (byte)(a.Alpha + (b.Alpha - a.Alpha) * t));

    public static float Lightness(SKColor c)
    {
        c.ToHsl(out _, out _, out var l);
        return l;
    }

    private static float Saturation(SKColor c)
    {
        c.ToHsl(out _, out var s, out var l);
        return s * (1 - Math.Abs(2 * l / 100f - 1));
    }
}

/// <summary>Two tones of one surface (near and far).</summary>
internal readonly record struct SkColorPair(SKColor Near, SKColor Far);
