namespace DreamX.Domain.Projects;

public static class AspectRatioExtensions
{
    /// <summary>Frame size at a given short-side resolution (720 or 1080), always even for H.264.</summary>
    public static (int Width, int Height) FrameSize(this AspectRatio ratio, int shortSide = 720) => ratio switch
    {
        AspectRatio.Portrait9x16 => (shortSide, shortSide * 16 / 9 / 2 * 2),
        AspectRatio.Landscape16x9 => (shortSide * 16 / 9 / 2 * 2, shortSide),
        AspectRatio.Square1x1 => (shortSide, shortSide),
        _ => throw new ArgumentOutOfRangeException(nameof(ratio), ratio, null),
    };

    /// <summary>The label a creator sees: "9:16", "16:9", "1:1".</summary>
    public static string Label(this AspectRatio ratio) => ratio switch
    {
        AspectRatio.Portrait9x16 => "9:16",
        AspectRatio.Landscape16x9 => "16:9",
        AspectRatio.Square1x1 => "1:1",
        _ => throw new ArgumentOutOfRangeException(nameof(ratio), ratio, null),
    };
}
