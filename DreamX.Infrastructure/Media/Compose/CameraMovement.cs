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
    public static string Filter(CameraMove move, int width, int height, int frames, int fps)
    {
        var cover = $"scale={width}:{height}:force_original_aspect_ratio=increase:flags=bicubic,crop={width}:{height}";
        if (move == CameraMove.Static)
            return $"{cover},loop=loop={frames - 1}:size=1:start=0,fps={fps},setpts=N/{fps}/TB,setsar=1,format=yuv420p";

        var bigW = Even(width * Oversample);
        var bigH = Even(height * Oversample);
        var last = Math.Max(1, frames - 1).ToString(CultureInfo.InvariantCulture);
        var p = $"(on/{last})";
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
        return $"scale={bigW}:{bigH}:force_original_aspect_ratio=increase:flags=bicubic,crop={bigW}:{bigH}," +
               $"zoompan=z='{z}':x='{x}':y='{y}':d={frames}:s={width}x{height}:fps={fps},setsar=1,format=yuv420p";
    }

    private static int Even(double value) => (int)Math.Round(value / 2) * 2;
}
