using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>A piece of a shot's picture: frames <see cref="First"/> to First + Count of its clip.</summary>
/// <param name="ShotIndex">Index into the timeline's shots.</param>
/// <param name="Frames">The length of the shot's whole clip in frames.</param>
public sealed record ShotPart(int ShotIndex, int Frames, int First, int Count);

/// <summary>
/// One independently encoded piece of a final render: a shot's body (the part no transition touches) or a
/// transition rendered from the overlap of the two shots it joins. Segments cover the timeline end to end, in
/// order, without gaps or overlaps, each a whole number of frames.
/// </summary>
/// <param name="StartFrame">Where it starts on the episode's timeline, in frames.</param>
/// <param name="Incoming">For a transition: the shot it leads into (the outgoing shot is <see cref="Main"/>).</param>
public sealed record EpisodeSegment(int Index, int StartFrame, int Frames, ShotPart Main, ShotPart? Incoming, ShotTransition Transition)
{
    public bool IsTransition => Incoming is not null;

    /// <summary>The shot a failure of this segment is reported against.</summary>
    public int BlameShotIndex => Incoming?.ShotIndex ?? Main.ShotIndex;
}

/// <summary>Cuts an episode's timeline into segments and describes each as one ffmpeg command.</summary>
public static class EpisodeSegments
{
    /// <summary>The longest body segment; a longer shot body is split into equal pieces.</summary>
    public const int MaxSegmentSeconds = 5;

    public static IReadOnlyList<EpisodeSegment> Plan(EpisodeTimeline timeline, int fps)
    {
        var shots = timeline.Shots;
        var frames = shots.Select(s => Frames(s.ClipSeconds, fps)).ToList();
        var overlapIn = shots.Select(s => Frames(s.TransitionInSeconds, fps)).ToList();
        var segments = new List<EpisodeSegment>();
        for (var i = 0; i < shots.Count; i++)
        {
            var start = Frames(shots[i].StartSeconds, fps);
            if (overlapIn[i] > 0)
            {
                segments.Add(new EpisodeSegment(segments.Count, start, overlapIn[i],
                    new ShotPart(i - 1, frames[i - 1], frames[i - 1] - overlapIn[i], overlapIn[i]),
                    new ShotPart(i, frames[i], 0, overlapIn[i]), shots[i].TransitionIn));
            }

            var overlapOut = i + 1 < shots.Count ? overlapIn[i + 1] : 0;
            var body = frames[i] - overlapIn[i] - overlapOut;
            // A long body is cut into pieces of about equal length, so a re-compose of one shot keeps every core busy.
            var pieces = (body + MaxSegmentSeconds * fps - 1) / (MaxSegmentSeconds * fps);
            var first = overlapIn[i];
            for (var piece = 0; piece < pieces; piece++)
            {
                var count = body * (piece + 1) / pieces - body * piece / pieces;
                segments.Add(new EpisodeSegment(segments.Count, start + first, count, new ShotPart(i, frames[i], first, count), null, ShotTransition.Cut));
                first += count;
            }
        }

        return segments;
    }

    public static int Frames(double seconds, int fps) => (int)Math.Round(seconds * fps);

    /// <summary>
    /// The segment's cache key: everything its pixels depend on (the shots' media digests, moves and lengths, the
    /// frames taken, the transition, the subtitle cues that show during it, relative to its start) and the render profile.
    /// </summary>
    public static string Key(
        EpisodeSegment segment, EpisodeTimeline timeline, IReadOnlyList<string> mediaDigests, IReadOnlyList<SubtitleCue> cues, RenderProfile profile)
    {
        var key = new StringBuilder(profile.SegmentKey);
        void Part(ShotPart part)
        {
            var shot = timeline.Shots[part.ShotIndex].Shot;
            key.Append(CultureInfo.InvariantCulture,
                $"|{(shot.ClipPath is null ? "still" : "clip")}:{mediaDigests[part.ShotIndex]}:{shot.CameraMove}:{part.Frames}:{part.First}+{part.Count}");
        }

        Part(segment.Main);
        if (segment.Incoming is { } incoming)
        {
            key.Append('|').Append(segment.Transition);
            Part(incoming);
        }

        var start = segment.StartFrame / (double)profile.FramesPerSecond;
        foreach (var cue in cues)
        {
            key.Append(CultureInfo.InvariantCulture,
                $"|cue:{cue.StartSeconds - start:F3}:{cue.EndSeconds - start:F3}:{(cue.Speaker is null ? "n" : "d")}:{cue.Text.Length}:{cue.Text}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..32];
    }

    /// <summary>The cues shown during the segment (a cue that only touches its edge is not).</summary>
    public static List<SubtitleCue> CuesDuring(EpisodeSegment segment, IReadOnlyList<SubtitleCue> cues, int fps)
    {
        var start = segment.StartFrame / (double)fps;
        var end = (segment.StartFrame + segment.Frames) / (double)fps;
        return cues.Where(c => c.EndSeconds > start + 1e-6 && c.StartSeconds < end - 1e-6).ToList();
    }

    /// <summary>A segment to render and where: <paramref name="Burn"/> when subtitles show during it.</summary>
    public sealed record Output(EpisodeSegment Segment, string Path, bool Burn);

    /// <summary>
    /// The ffmpeg arguments that render one or more segments (a shot's body and the transition out of it, typically)
    /// in one process, each to its own file (video only): the frames of their shot parts, blended for a transition
    /// exactly as a continuous render blends them, the subtitles burned at their episode times, encoded with the
    /// profile's shared settings. Each shot's picture is read once and split between the segments that need it.
    /// </summary>
    /// <returns>The arguments, and the shot index of every input in order (to name the shot whose input failed).</returns>
    /// <param name="continuousPath">When set, the segments are not written one by one but as one continuous encode to this file.</param>
    public static (List<string> Arguments, List<int> InputShots) Arguments(
        IReadOnlyList<Output> outputs, EpisodeTimeline timeline, RenderProfile profile, string? assFileName, string? continuousPath = null)
    {
        var parts = outputs.SelectMany(o => o.Segment.Incoming is { } incoming ? new[] { o.Segment.Main, incoming } : [o.Segment.Main]).ToList();
        var inputShots = parts.Select(p => p.ShotIndex).Distinct().ToList();
        var arguments = new List<string> { "-v", "error" };
        var graph = new List<string>();
        var labels = new Dictionary<int, Queue<string>>();
        foreach (var (shotIndex, input) in inputShots.Select((shot, i) => (shot, i)))
        {
            var shot = timeline.Shots[shotIndex].Shot;
            arguments.AddRange(["-i", System.IO.Path.GetFullPath(shot.ClipPath ?? shot.ImagePath!)]);
            var uses = parts.Count(p => p.ShotIndex == shotIndex);
            var names = Enumerable.Range(0, uses).Select(u => $"i{input}u{u}").ToList();
            labels[shotIndex] = new Queue<string>(names);
            graph.Add(uses == 1 ? $"[{input}:v]null[{names[0]}]" : $"[{input}:v]split={uses}{string.Concat(names.Select(n => $"[{n}]"))}");
        }

        for (var o = 0; o < outputs.Count; o++)
        {
            var segment = outputs[o].Segment;
            graph.Add($"[{labels[segment.Main.ShotIndex].Dequeue()}]{PartFilter(timeline, segment.Main, profile)},settb=AVTB,setpts=PTS-STARTPTS[o{o}a]");
            var last = $"o{o}a";
            if (segment.Incoming is { } incoming)
            {
                // One frame more of the incoming shot, as in a continuous render where it goes on: xfade drops the
                // last blended frame when both inputs end with the transition.
                var head = incoming with { Count = incoming.Count + 1 };
                graph.Add($"[{labels[incoming.ShotIndex].Dequeue()}]{PartFilter(timeline, head, profile)},settb=AVTB,setpts=PTS-STARTPTS[o{o}b]");
                var seconds = (segment.Frames / (double)profile.FramesPerSecond).ToString("F4", CultureInfo.InvariantCulture);
                var kind = segment.Transition == ShotTransition.Crossfade ? "fade" : "fadeblack";
                graph.Add($"[o{o}a][o{o}b]xfade=transition={kind}:duration={seconds}:offset=0[o{o}x]");
                last = $"o{o}x";
            }

            var startSeconds = (segment.StartFrame / (double)profile.FramesPerSecond).ToString("F6", CultureInfo.InvariantCulture);
            // libass reads the frame's time: shift the frames to their place in the episode while it draws, then back to 0.
            var subtitles = outputs[o].Burn && assFileName is not null
                ? $"setpts=PTS-STARTPTS+{startSeconds}/TB,ass={assFileName},setpts=PTS-STARTPTS,"
                : "";
            // No fps filter here: at the end of the input it drops the last frame zoompan made.
            graph.Add($"[{last}]{subtitles}trim=end_frame={segment.Frames},format=yuv420p[v{o}]");
        }

        if (continuousPath is not null)
        {
            // The same frames as one stream and one encode, without joins: the reference a seam is measured against.
            // Frames numbered from their order: concat places each part after the last frame's guessed duration, and a
            // gap there would make the encoder's constant rate repeat a frame and shift the rest.
            graph.Add($"{string.Concat(Enumerable.Range(0, outputs.Count).Select(o => $"[v{o}]"))}concat=n={outputs.Count}:v=1:a=0," +
                      $"setpts=N/({profile.FramesPerSecond}*TB)[video]");
            arguments.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[video]"]);
            arguments.AddRange(profile.VideoEncoderArguments());
            arguments.AddRange(["-frames:v", outputs.Sum(x => x.Segment.Frames).ToString(CultureInfo.InvariantCulture), "-an", "-f", "mp4", continuousPath]);
            return (arguments, inputShots);
        }

        arguments.AddRange(["-filter_complex", string.Join(';', graph)]);
        for (var o = 0; o < outputs.Count; o++)
        {
            arguments.AddRange(["-map", $"[v{o}]"]);
            arguments.AddRange(profile.VideoEncoderArguments());
            arguments.AddRange(["-frames:v", outputs[o].Segment.Frames.ToString(CultureInfo.InvariantCulture), "-an", "-f", "mp4", outputs[o].Path]);
        }

        return (arguments, inputShots);
    }

    /// <summary>Frames First..First+Count of the shot's normalised clip (see <see cref="ShotClipSource"/>).</summary>
    private static string PartFilter(EpisodeTimeline timeline, ShotPart part, RenderProfile profile)
    {
        var shot = timeline.Shots[part.ShotIndex].Shot;
        if (shot.ClipPath is null)
            return CameraMovement.Filter(shot.CameraMove, profile.Width, profile.Height, part.Frames, profile.FramesPerSecond, part.First, part.Count);
        var whole = ShotClipSource.Source(timeline.Shots[part.ShotIndex], profile).Filter;
        return $"{whole},trim=start_frame={part.First}:end_frame={part.First + part.Count},setpts=PTS-STARTPTS";
    }
}
