using System.Globalization;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// The one encode of the episode: the cached shot clips joined per boundary (concat for a cut, xfade for a
/// crossfade or a fade through black), subtitles burned in, the finished soundtrack copied in, +faststart.
/// </summary>
public static class EpisodeVideoJoin
{
    public static List<string> Arguments(
        EpisodeTimeline timeline, IReadOnlyList<string> clipPaths, string soundtrackPath, string? assFileName, RenderProfile profile, string outputPath)
    {
        var arguments = new List<string> { "-v", "error" };
        foreach (var clip in clipPaths) arguments.AddRange(["-i", clip]);
        arguments.AddRange(["-i", soundtrackPath]);

        var graph = new List<string>();
        for (var i = 0; i < clipPaths.Count; i++) graph.Add($"[{i}:v]settb=AVTB,setpts=PTS-STARTPTS[c{i}]");
        var joined = "c0";
        for (var i = 1; i < timeline.Shots.Count; i++)
        {
            var shot = timeline.Shots[i];
            var next = $"j{i}";
            graph.Add(shot.TransitionIn switch
            {
                ShotTransition.Cut => $"[{joined}][c{i}]concat=n=2:v=1:a=0,settb=AVTB[{next}]",
                _ => string.Create(CultureInfo.InvariantCulture,
                    $"[{joined}][c{i}]xfade=transition={(shot.TransitionIn == ShotTransition.Crossfade ? "fade" : "fadeblack")}:duration={shot.TransitionInSeconds:F4}:offset={shot.StartSeconds:F4}[{next}]"),
            });
            joined = next;
        }

        var finish = assFileName is null ? "format=yuv420p" : $"ass={assFileName},format=yuv420p";
        graph.Add($"[{joined}]{finish}[video]");
        var fps = profile.FramesPerSecond.ToString(CultureInfo.InvariantCulture);
        arguments.AddRange([
            "-filter_complex", string.Join(';', graph),
            "-map", "[video]", "-map", $"{clipPaths.Count}:a",
            "-c:v", "libx264", "-preset", profile.Preset, "-crf", profile.Crf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-r", fps, "-c:a", "copy",
            "-t", timeline.DurationSeconds.ToString("F4", CultureInfo.InvariantCulture),
            "-movflags", "+faststart", outputPath,
        ]);
        return arguments;
    }
}
