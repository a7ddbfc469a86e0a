using System.Globalization;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Media;

/// <summary>
/// The ffmpeg filter that moves a camera over a still: the picture is fitted (cover) to the frame at twice its
/// size so that zoompan's integer steps do not shake, then zoomed or panned with an ease-in-out over every frame.
/// </summary>
public static class KenBurnsFilter
{
    private const int Oversample = 2;
    private const string Zoom = "0.18";

    public static string For(CameraMove move, int width, int height, int frames, int framesPerSecond)
    {
        var ow = (width * Oversample).ToString(CultureInfo.InvariantCulture);
        var oh = (height * Oversample).ToString(CultureInfo.InvariantCulture);
        var last = Math.Max(1, frames - 1).ToString(CultureInfo.InvariantCulture);
        // Eased progress 0..1 over the clip (smoothstep).
        var p = $"(on/{last})*(on/{last})*(3-2*(on/{last}))";
        var (z, x, y) = move switch
        {
            CameraMove.ZoomIn => ($"1+{Zoom}*{p}", "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"),
            CameraMove.ZoomOut => ($"1+{Zoom}-{Zoom}*{p}", "iw/2-(iw/zoom/2)", "ih/2-(ih/zoom/2)"),
            CameraMove.PanLeft => ("1.15", $"(iw-iw/zoom)*(1-{p})", "ih/2-(ih/zoom/2)"),
            CameraMove.PanRight => ("1.15", $"(iw-iw/zoom)*{p}", "ih/2-(ih/zoom/2)"),
            CameraMove.PanUp => ("1.15", "iw/2-(iw/zoom/2)", $"(ih-ih/zoom)*(1-{p})"),
            CameraMove.PanDown => ("1.15", "iw/2-(iw/zoom/2)", $"(ih-ih/zoom)*{p}"),
            _ => ("1", "0", "0"),
        };
        return $"scale={ow}:{oh}:force_original_aspect_ratio=increase,crop={ow}:{oh},setsar=1,"
             + $"zoompan=z='{z}':x='{x}':y='{y}':d={frames}:s={width}x{height}:fps={framesPerSecond},format=yuv420p";
    }
}
