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
/// <param name="Preset">x264 preset of the picture encode.</param>
/// <param name="Level">H.264 level written into every segment, so all segments of a final carry the same SPS.</param>
public sealed record RenderProfile(
    ComposeMode Mode, int Width, int Height, int FramesPerSecond, string Preset, int Crf, string Level, int AudioBitrateKbps)
{
    public static RenderProfile For(ComposeMode mode, AspectRatio ratio, int shortSide = 720)
    {
        if (mode == ComposeMode.Preview)
        {
            var (w, h) = ratio.FrameSize(360);
            return new RenderProfile(mode, w, h, 12, "ultrafast", 30, "3.0", 96);
        }

        var (width, height) = ratio.FrameSize(shortSide);
        return new RenderProfile(mode, width, height, 24, FinalPreset, 21, width * height > 1280 * 720 ? "4.0" : "3.1", 160);
    }

    /// <summary>The x264 preset of final renders (the benchmark's floor uses the same).</summary>
    public const string FinalPreset = "veryfast";

    /// <summary>The soundtrack's sample rate: a preview's is mixed and encoded at half the final's (its sound is for
    /// checking the cut: speech and the bed keep everything below 12 kHz), which halves the mix and the AAC encode.</summary>
    public int AudioSampleRate => Mode == ComposeMode.Preview ? EpisodeSoundtrack.SampleRate / 2 : EpisodeSoundtrack.SampleRate;

    /// <summary>The longest run of frames without a keyframe. Every segment of a final starts on one and none is longer
    /// than <see cref="EpisodeSegments.MaxSegmentSeconds"/>, so keyframes fall exactly where segments start (more of
    /// them would cost encoding time and bits).</summary>
    public int KeyframeInterval => FramesPerSecond * 10;

    /// <summary>The MP4 time scale of the video track: one tick count per frame that every segment shares.</summary>
    public int VideoTimescale => FramesPerSecond * 1000;

    /// <summary>
    /// The video encoder arguments every segment of a render is encoded with: identical codec, profile, level, frame
    /// size, frame rate, GOP and time base, so the segments join with the concat demuxer and stream copy.
    /// </summary>
    /// <param name="muxerOptions">Whether to add the MP4 muxer's options (its time scale) too; the segment muxer takes
    /// them as <see cref="MuxerOptions"/> instead.</param>
    public IReadOnlyList<string> VideoEncoderArguments(bool muxerOptions = true) =>
    [
        "-c:v", "libx264", "-preset", Preset, "-crf", Crf.ToString(CultureInfo.InvariantCulture),
        "-profile:v", "high", "-level:v", Level, "-pix_fmt", "yuv420p",
        "-r", FramesPerSecond.ToString(CultureInfo.InvariantCulture),
        "-g", KeyframeInterval.ToString(CultureInfo.InvariantCulture), "-sc_threshold", "0",
        .. muxerOptions ? ["-video_track_timescale", VideoTimescale.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
    ];

    /// <summary>The MP4 muxer options of every segment, as the segment muxer passes them on.</summary>
    public string MuxerOptions => string.Create(CultureInfo.InvariantCulture, $"video_track_timescale={VideoTimescale}");

    /// <summary>What a cached segment depends on besides its content: change the version when the rendering changes.</summary>
    public string SegmentKey => string.Create(CultureInfo.InvariantCulture,
        $"{Width}x{Height}@{FramesPerSecond}/{Preset}/crf{Crf}/high@{Level}/g{KeyframeInterval}/tb{VideoTimescale}/{EpisodeSubtitles.FontName}/seg2");
}
