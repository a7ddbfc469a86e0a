using System.Globalization;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// A preview's picture in one pass: every shot rendered from its still or video inside one filter graph, joined per
/// boundary (concat for a cut, xfade for a crossfade or a fade through black), subtitles burned in. Video only: the
/// soundtrack is made meanwhile and muxed in by stream copy. (A final renders segments instead, see <see cref="EpisodeSegments"/>.)
/// </summary>
public static class EpisodeVideoJoin
{
    public static List<string> Arguments(
        EpisodeTimeline timeline, IReadOnlyList<ShotSource> shots, string? assFileName, RenderProfile profile, string outputPath)
    {
        var arguments = new List<string> { "-v", "error" };
        foreach (var shot in shots) arguments.AddRange(["-i", shot.InputPath]);

        var graph = new List<string>();
        for (var i = 0; i < shots.Count; i++)
            graph.Add($"[{i}:v]{shots[i].Filter},settb=AVTB,setpts=PTS-STARTPTS[c{i}]");
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
        var frames = EpisodeSegments.Frames(timeline.DurationSeconds, profile.FramesPerSecond);
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[video]"]);
        arguments.AddRange(profile.VideoEncoderArguments());
        arguments.AddRange(["-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-an", "-f", "mp4", outputPath]);
        return arguments;
    }
}
