using System.Globalization;
using DreamX.Domain.Projects;

namespace DreamX.Infrastructure.Media.Compose;

public enum ComposeMode
{
    /// <summary>Small and fast, for checking the cut.</summary>
    Preview,
    /// <summary>The deliverable at the tier's resolution.</summary>
    Final,
}

/// <summary>Frame size, rate and encoder settings of one render.</summary>
/// <param name="Preset">x264 preset of the episode encode.</param>
/// <param name="ShotClipCrf">Quality of the cached shot clips: near-lossless, encoded with ultrafast, because the
/// episode encode re-encodes them once more.</param>
public sealed record RenderProfile(
    ComposeMode Mode, int Width, int Height, int FramesPerSecond, string Preset, int Crf, int ShotClipCrf, int AudioBitrateKbps)
{
    public static RenderProfile For(ComposeMode mode, AspectRatio ratio, int shortSide = 720)
    {
        if (mode == ComposeMode.Preview)
        {
            var (w, h) = ratio.FrameSize(360);
            return new RenderProfile(mode, w, h, 12, "ultrafast", 30, 20, 96);
        }

        var (width, height) = ratio.FrameSize(shortSide);
        return new RenderProfile(mode, width, height, 24, FinalPreset, 21, 12, 160);
    }

    /// <summary>The x264 preset of final renders (the benchmark's floor uses the same).</summary>
    public const string FinalPreset = "veryfast";

    /// <summary>What a cached shot clip depends on besides its source and timing.</summary>
    public string ShotClipKey => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}@{FramesPerSecond}/crf{ShotClipCrf}/v1");
}
