using System.Globalization;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>A shot's picture as ffmpeg reads it: one input file and the filter chain that normalises it.</summary>
public sealed record ShotSource(string InputPath, string Filter);

/// <summary>
/// Describes one shot as a normalised clip (frame size, rate, pixel format, exact length): its own video when it
/// has one, else the camera move over its still. Deliberately the composer's own: the built-in clip provider
/// (IClipProvider) makes clips for the canvas; this one only normalises what the episode joins.
/// </summary>
public static class ShotClipSource
{
    public static ShotSource Source(TimedShot timed, RenderProfile profile)
    {
        var shot = timed.Shot;
        var frames = (int)Math.Round(timed.ClipSeconds * profile.FramesPerSecond);
        var seconds = (frames / (double)profile.FramesPerSecond).ToString("F4", CultureInfo.InvariantCulture);
        if (shot.ClipPath is { } clip)
        {
            return new ShotSource(Path.GetFullPath(clip),
                $"scale={profile.Width}:{profile.Height}:force_original_aspect_ratio=increase,crop={profile.Width}:{profile.Height}," +
                $"fps={profile.FramesPerSecond},tpad=stop_mode=clone:stop_duration={seconds},trim=end_frame={frames},setsar=1,format=yuv420p");
        }

        return new ShotSource(Path.GetFullPath(shot.ImagePath!),
            CameraMovement.Filter(shot.CameraMove, profile.Width, profile.Height, frames, profile.FramesPerSecond));
    }
}
