using System.Globalization;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// A preview's picture in one pass: every shot rendered from its still or video inside one filter graph, joined per
/// boundary (concat for a cut or a fade through black, xfade for a crossfade), subtitles burned in. Video only: the
/// soundtrack is made meanwhile and muxed in by stream copy. (A final renders segments instead, see <see cref="EpisodeSegments"/>.)
/// </summary>
public static class EpisodeVideoJoin
{
    public static List<string> Arguments(
        EpisodeTimeline timeline, IReadOnlyList<ShotSource> shots, string? assFileName, RenderProfile profile, string outputPath)
    {
        var arguments = new List<string> { "-v", "error" };
        foreach (var shot in shots) arguments.AddRange(["-i", shot.InputPath]);

        // Each shot's clip cut to the frames the episode shows (a fade through black is each shot's own fade out or in,
        // as in a final's segments, see EpisodeSegments.Shown), then joined: concat at a cut or a fade, xfade at a crossfade.
        var fps = profile.FramesPerSecond;
        var graph = new List<string>();
        for (var i = 0; i < shots.Count; i++)
        {
            var shown = EpisodeSegments.Shown(timeline, i, fps);
            var cut = shown.First > 0 || shown.End < EpisodeSegments.Frames(timeline.Shots[i].ClipSeconds, fps)
                ? $",trim=start_frame={shown.First}:end_frame={shown.End}"
                : "";
            graph.Add($"[{i}:v]{shots[i].Filter}{cut},settb=AVTB,setpts=PTS-STARTPTS{EpisodeSegments.Fades(shown.End - shown.First, shown.FadeIn, shown.FadeOut)}[c{i}]");
        }

        var joined = "c0";
        for (var i = 1; i < timeline.Shots.Count; i++)
        {
            var shot = timeline.Shots[i];
            var next = $"j{i}";
            // xfade starts at the first frame at or after its offset: a hundredth of a frame early, so that rounding the
            // start's time can never move it to the next frame (a shot would then lag its place by a frame).
            var offset = (EpisodeSegments.Frames(shot.StartSeconds, fps) - 0.01) / fps;
            graph.Add(shot.TransitionIn == ShotTransition.Crossfade && shot.TransitionInSeconds > 0
                ? string.Create(CultureInfo.InvariantCulture,
                    $"[{joined}][c{i}]xfade=transition=fade:duration={shot.TransitionInSeconds:F4}:offset={offset:F6}[{next}]")
                // Renumbered after each join: concat places a part after the last frame's guessed duration, and a later
                // xfade finds its offset by the frames' times.
                : $"[{joined}][c{i}]concat=n=2:v=1:a=0,settb=AVTB,setpts=N/({fps}*TB)[{next}]");
            joined = next;
        }

        // Frames numbered from their order before the subtitles read their times: concat places each shot after the
        // last frame's guessed duration, and a gap there would make the encoder's constant rate repeat a frame.
        var numbered = $"setpts=N/({fps}*TB)";
        var finish = assFileName is null ? $"{numbered},format=yuv420p" : $"{numbered},ass={assFileName},format=yuv420p";
        graph.Add($"[{joined}]{finish}[video]");
        var frames = EpisodeSegments.Frames(timeline.DurationSeconds, profile.FramesPerSecond);
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[video]"]);
        arguments.AddRange(profile.VideoEncoderArguments());
        arguments.AddRange(["-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-an", "-f", "mp4", outputPath]);
        return arguments;
    }
}
