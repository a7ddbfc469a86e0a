using DreamX.Domain.Scripts;
using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

/// <summary>
/// Where the figures stand in a frame for a shot type: which slice of the figure is visible (head to feet for a
/// wide shot, head and shoulders for a close-up), how many characters fit, and where the horizon sits.
/// </summary>
internal sealed record ShotFraming(float VisibleTop, float VisibleBottom, float FrameHeightShare, float FocusWidth, int MaxFigures, float Horizon, bool BlurBackground)
{
    public static ShotFraming For(ShotType shot) => shot switch
    {
        ShotType.ExtremeCloseUp => new(0.0f, 0.24f, 1.0f, 0.16f, 1, 0.55f, true),
        ShotType.CloseUp => new(-0.02f, 0.33f, 0.9f, 0.18f, 1, 0.6f, true),
        ShotType.MediumCloseUp => new(-0.03f, 0.46f, 0.86f, 0.3f, 2, 0.62f, true),
        ShotType.Medium => new(-0.05f, 0.62f, 0.84f, 0.36f, 3, 0.64f, false),
        ShotType.MediumWide => new(-0.05f, 1.04f, 0.62f, 0.38f, 3, 0.66f, false),
        ShotType.Wide => new(-0.05f, 1.04f, 0.4f, 0.4f, 4, 0.64f, false),
        _ => new(-0.05f, 1.04f, 0.15f, 0.42f, 5, 0.66f, false),
    };

    /// <summary>Places the figure units on the canvas for the figure at <paramref name="index"/> of <paramref name="count"/>.</summary>
    public SKMatrix Place(int index, int count, int width, int height, CharacterLook look, StableRandom random)
    {
        var span = VisibleBottom - VisibleTop;
        var scale = height * FrameHeightShare / span;
        var slot = width / (float)count;
        scale = Math.Min(scale, slot * 0.92f / FocusWidth);
        scale *= look.HeightScale;

        var centreX = slot * (index + 0.5f);
        if (count > 1 && FrameHeightShare < 0.7f)
            centreX += random.Between(-0.12f, 0.12f) * slot;
        var bottom = FrameHeightShare >= 0.8f ? height : height * (Horizon + (1 - Horizon) * 0.62f);
        var top = bottom - VisibleBottom * scale;
        return SKMatrix.CreateScale(scale, scale).PostConcat(SKMatrix.CreateTranslation(centreX, top));
    }
}
