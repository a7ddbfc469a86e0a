using System.Globalization;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>The ffmpeg filter that turns one still into a clip with a camera move (a Ken Burns effect).</summary>
public static class CameraMovement
{
    /// <summary>How much larger than the frame the still is scaled before zoompan crops it: room to pan and zoom
    /// without upscaling, and smaller steps so the motion does not jitter.</summary>
    private const double Oversample = 1.5;

    private const double Zoom = 0.2;

    /// <summary>The filter chain from a decoded still to <paramref name="frames"/> frames of width x height.</summary>
    public static string Filter(CameraMove move, int width, int height, int frames, int fps) =>
        Filter(move, width, height, frames, fps, 0, frames);

    /// <summary>
    /// Frames <paramref name="first"/> to <paramref name="first"/> + <paramref name="count"/> (exclusive) of the move over
    /// <paramref name="frames"/> frames, computed directly (not rendered and dropped): the same pixels as those frames of
    /// the whole move, so a shot can be rendered in parts that join without a seam. Timestamps start at 0.
    /// </summary>
    public static string Filter(CameraMove move, int width, int height, int frames, int fps, int first, int count) =>
        $"{Cover(move, width, height)},{Motion(move, width, height, frames, fps, first, count)}";

    /// <summary>The first part of <see cref="Filter"/>: the still scaled and cropped to cover the frame (with room to move),
    /// the same for every part of a shot, so a render that needs several parts of one shot scales its still once.</summary>
    public static string Cover(CameraMove move, int width, int height)
    {
        if (move == CameraMove.Static)
            return $"scale={width}:{height}:force_original_aspect_ratio=increase:flags=bicubic,crop={width}:{height}";
        var bigW = Even(width * Oversample);
        var bigH = Even(height * Oversample);
        return $"scale={bigW}:{bigH}:force_original_aspect_ratio=increase:flags=bicubic,crop={bigW}:{bigH}";
    }

    /// <summary>The second part of <see cref="Filter"/>: frames <paramref name="first"/> to first + count of the move over
    /// the covered still.</summary>
    public static string Motion(CameraMove move, int width, int height, int frames, int fps, int first, int count)
    {
        if (move == CameraMove.Static)
            // Numbered in the frame rate's own time base first (an fps filter straight after the loop would resample the
            // still's 25 fps and lose frames); fps then only declares the rate, which xfade and concat compare.
            return $"loop=loop={count - 1}:size=1:start=0,settb=1/{fps},setpts=N,fps={fps},setsar=1,format=yuv420p";

        var last = Math.Max(1, frames - 1).ToString(CultureInfo.InvariantCulture);
        var p = first == 0 ? $"(on/{last})" : $"((on+{first.ToString(CultureInfo.InvariantCulture)})/{last})";
        var zoom = Zoom.ToString(CultureInfo.InvariantCulture);
        var (z, x, y) = move switch
        {
            CameraMove.ZoomIn => ($"1+{zoom}*{p}", "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"),
            CameraMove.ZoomOut => ($"1+{zoom}*(1-{p})", "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"),
            CameraMove.PanLeft => ($"1+{zoom}", $"(iw-iw/zoom)*(1-{p})", "ih/2-(ih/zoom/2)"),
            CameraMove.PanRight => ($"1+{zoom}", $"(iw-iw/zoom)*{p}", "ih/2-(ih/zoom/2)"),
            CameraMove.PanUp => ($"1+{zoom}", "iw/2-(iw/zoom/2)", $"(ih-ih/zoom)*(1-{p})"),
            CameraMove.PanDown => ($"1+{zoom}", "iw/2-(iw/zoom/2)", $"(ih-ih/zoom)*{p}"),
            _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
        };
        return $"zoompan=z='{z}':x='{x}':y='{y}':d={count}:s={width}x{height}:fps={fps},setsar=1,format=yuv420p";
    }

    private static int Even(double value) => (int)Math.Round(value / 2) * 2;
}
