using System.Globalization;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// The one encode of the episode: the shots joined per boundary (concat for a cut, xfade for a crossfade or a
/// fade through black), subtitles burned in, the soundtrack normalised and encoded to AAC, +faststart.
/// The shots come as sources with their filters: cached clips, or the stills and videos themselves rendered in
/// this same graph (and, on a final render, also written to the clip cache): one pass, no intermediate decode.
/// </summary>
public static class EpisodeVideoJoin
{
    public static List<string> Arguments(
        EpisodeTimeline timeline, IReadOnlyList<ShotSource> shots, string premixPath, double gainDb, string? assFileName, RenderProfile profile, string outputPath)
    {
        var arguments = new List<string> { "-v", "error" };
        foreach (var shot in shots) arguments.AddRange(["-i", shot.InputPath]);
        arguments.AddRange(["-i", premixPath]);

        var graph = new List<string>();
        for (var i = 0; i < shots.Count; i++)
        {
            graph.Add(shots[i].CacheTo is null
                ? $"[{i}:v]{shots[i].Filter},settb=AVTB,setpts=PTS-STARTPTS[c{i}]"
                : $"[{i}:v]{shots[i].Filter},split[s{i}][k{i}];[s{i}]settb=AVTB,setpts=PTS-STARTPTS[c{i}]");
        }
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
        graph.Add($"[{shots.Count}:a]{EpisodeSoundtrack.NormaliseFilter(gainDb)}[audio]");
        var fps = profile.FramesPerSecond.ToString(CultureInfo.InvariantCulture);
        arguments.AddRange([
            "-filter_complex", string.Join(';', graph),
            "-map", "[video]", "-map", "[audio]",
            "-c:v", "libx264", "-preset", profile.Preset, "-crf", profile.Crf.ToString(CultureInfo.InvariantCulture),
            "-pix_fmt", "yuv420p", "-r", fps,
            "-c:a", "aac", "-b:a", $"{profile.AudioBitrateKbps}k", "-ac", "2",
            "-t", timeline.DurationSeconds.ToString("F4", CultureInfo.InvariantCulture),
            "-movflags", "+faststart", outputPath,
        ]);

        // Newly rendered shots also go to the clip cache, from the same decoded frames (no second process).
        for (var i = 0; i < shots.Count; i++)
        {
            if (shots[i].CacheTo is not { } cache) continue;
            arguments.AddRange(["-map", $"[k{i}]", "-c:v", "libx264", "-preset", "ultrafast",
                "-crf", profile.ShotClipCrf.ToString(CultureInfo.InvariantCulture), "-pix_fmt", "yuv420p", "-r", fps, "-an", cache]);
        }

        return arguments;
    }
}
