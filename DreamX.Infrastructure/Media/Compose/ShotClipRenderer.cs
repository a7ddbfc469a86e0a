using System.Globalization;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>A shot's picture as ffmpeg reads it: one input file and the filter chain that normalises it.</summary>
public sealed record ShotSource(string InputPath, string Filter, int Frames);

/// <summary>
/// Renders one shot to a normalised clip (frame size, rate, pixel format, exact length): its own video when it
/// has one, else the camera move over its still. Deliberately the composer's own: the built-in clip provider
/// (IClipProvider) makes clips for the canvas; this one only normalises what the episode joins.
/// </summary>
public static class ShotClipRenderer
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
                $"fps={profile.FramesPerSecond},tpad=stop_mode=clone:stop_duration={seconds},trim=end_frame={frames},setsar=1,format=yuv420p",
                frames);
        }

        return new ShotSource(Path.GetFullPath(shot.ImagePath!),
            CameraMovement.Filter(shot.CameraMove, profile.Width, profile.Height, frames, profile.FramesPerSecond), frames);
    }

    public static async Task<Result> RenderAsync(TimedShot timed, RenderProfile profile, string outputPath, string workFolder, CancellationToken cancellationToken)
    {
        var source = Source(timed, profile);
        var partial = outputPath + ".part.mp4";
        List<string> arguments =
        [
            "-v", "error", "-i", source.InputPath, "-an", "-vf", source.Filter,
            "-frames:v", source.Frames.ToString(CultureInfo.InvariantCulture), "-r", profile.FramesPerSecond.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", profile.ShotClipCrf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", partial,
        ];
        var run = await FfmpegProcess.RunAsync(arguments, workFolder, cancellationToken);
        if (run.IsFailure)
        {
            File.Delete(partial);
            return Result.Failure($"{EpisodeTimeline.Describe(timed.Shot)}: its clip could not be rendered ({run.Error})");
        }

        File.Move(partial, outputPath, overwrite: true);
        return Result.Success();
    }
}
