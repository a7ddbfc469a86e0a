using System.Globalization;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// Renders one shot to a normalised clip (frame size, rate, pixel format, exact length): its own video when it
/// has one, else the camera move over its still. Deliberately the composer's own: the built-in clip provider
/// (IClipProvider) makes clips for the canvas; this one only normalises what the episode joins.
/// </summary>
public static class ShotClipRenderer
{
    public static async Task<Result> RenderAsync(TimedShot timed, RenderProfile profile, string outputPath, string workFolder, CancellationToken cancellationToken)
    {
        var shot = timed.Shot;
        var frames = (int)Math.Round(timed.ClipSeconds * profile.FramesPerSecond);
        var seconds = (frames / (double)profile.FramesPerSecond).ToString("F4", CultureInfo.InvariantCulture);
        var arguments = new List<string> { "-v", "error" };
        if (shot.ClipPath is { } clip)
        {
            arguments.AddRange(["-i", Path.GetFullPath(clip), "-an", "-vf",
                $"scale={profile.Width}:{profile.Height}:force_original_aspect_ratio=increase,crop={profile.Width}:{profile.Height}," +
                $"fps={profile.FramesPerSecond},tpad=stop_mode=clone:stop_duration={seconds},setsar=1,format=yuv420p"]);
        }
        else
        {
            arguments.AddRange(["-i", Path.GetFullPath(shot.ImagePath!), "-vf",
                CameraMovement.Filter(shot.CameraMove, profile.Width, profile.Height, frames, profile.FramesPerSecond)]);
        }

        var partial = outputPath + ".part.mp4";
        arguments.AddRange(["-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-r", profile.FramesPerSecond.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", profile.ShotClipCrf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", partial]);
        var run = await FfmpegProcess.RunAsync(arguments, workFolder, cancellationToken);
        if (run.IsFailure)
        {
            File.Delete(partial);
            return Result.Failure($"{EpisodeTimeline.Describe(shot)}: its clip could not be rendered ({run.Error})");
        }

        File.Move(partial, outputPath, overwrite: true);
        return Result.Success();
    }
}
