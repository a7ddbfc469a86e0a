using System.Globalization;
using DreamX.Infrastructure.Media;
using FFMpegCore;

namespace DreamX.Infrastructure.Providers.Video;

/// <summary>What ffprobe read from a clip.</summary>
public sealed record VideoMeasure(double Seconds, int Width, int Height, bool HasAudio);

/// <summary>
/// Checks a provider's clip before it becomes a shot's clip: the bytes must be a video container (MP4/MOV, WebM,
/// Matroska), ffprobe must find a video stream, and the length must be what was asked for (within a second, or
/// <see cref="LengthTolerance"/> of it). A problem comes back as a sentence for the creator.
/// </summary>
public static class VideoCheck
{
    public const double LengthTolerance = 1.0;

    /// <summary>The container the bytes start with, or null when they are not a video we read.</summary>
    public static string? ContentTypeOf(byte[] bytes)
    {
        if (bytes.Length >= 12 && bytes[4] == 'f' && bytes[5] == 't' && bytes[6] == 'y' && bytes[7] == 'p')
            return bytes[8] == 'q' && bytes[9] == 't' ? "video/quicktime" : "video/mp4";
        if (bytes.Length >= 4 && bytes[0] == 0x1A && bytes[1] == 0x45 && bytes[2] == 0xDF && bytes[3] == 0xA3)
            return "video/webm";
        return null;
    }

    /// <summary>Null and the measure when the clip is usable, else why not.</summary>
    public static async Task<(VideoMeasure? Measure, string? Problem)> CheckAsync(byte[] bytes, int expectedSeconds, CancellationToken cancellationToken)
    {
        if (bytes.Length == 0)
            return (null, "The provider's clip is empty.");
        var type = ContentTypeOf(bytes);
        if (type is null)
            return (null, $"The provider's result is not a video (it starts like {Describe(bytes)}).");

        using var scratch = new ScratchFolder();
        var path = scratch.File(type == "video/webm" ? "clip.webm" : "clip.mp4");
        await File.WriteAllBytesAsync(path, bytes, cancellationToken);
        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, "The provider's clip cannot be read as a video (ffprobe could not open it).");
        }
        if (analysis.PrimaryVideoStream is not { } video)
            return (null, "The provider's clip has no video stream.");
        var seconds = analysis.Duration.TotalSeconds > 0 ? analysis.Duration.TotalSeconds : video.Duration.TotalSeconds;
        var measure = new VideoMeasure(seconds, video.Width ?? 0, video.Height ?? 0, analysis.PrimaryAudioStream is not null);
        if (expectedSeconds > 0 && Math.Abs(seconds - expectedSeconds) > LengthTolerance)
            return (measure, string.Format(CultureInfo.InvariantCulture,
                "The provider's clip lasts {0:0.#} s, not the {1} s that were asked for.", seconds, expectedSeconds));
        return (measure, null);
    }

    private static string Describe(byte[] bytes)
    {
        var head = System.Text.Encoding.ASCII.GetString(bytes, 0, Math.Min(16, bytes.Length));
        var printable = new string(head.Select(c => c is >= ' ' and < (char)127 ? c : '.').ToArray());
        return $"\"{printable}\"";
    }
}
