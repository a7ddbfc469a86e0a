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
/// One independently encoded piece of a final render: a piece of a shot's body (the part no crossfade touches, with
/// its fade from or to black where it meets a fade through black) or a crossfade rendered from the overlap of the two
/// shots it joins. Segments cover the timeline end to end, in order, without gaps or overlaps, each a whole number of frames.
/// </summary>
/// <param name="StartFrame">Where it starts on the episode's timeline, in frames.</param>
/// <param name="Incoming">For a crossfade: the shot it leads into (the outgoing shot is <see cref="Main"/>).</param>
/// <param name="FadeIn">Frames at its start that rise from black (a shot coming out of a fade through black).</param>
/// <param name="FadeOut">Frames at its end that sink to black (a shot going into a fade through black).</param>
public sealed record EpisodeSegment(
    int Index, int StartFrame, int Frames, ShotPart Main, ShotPart? Incoming, ShotTransition Transition, int FadeIn = 0, int FadeOut = 0)
{
    public bool IsTransition => Incoming is not null;

    /// <summary>The shot a failure of this segment is reported against.</summary>
    public int BlameShotIndex => Incoming?.ShotIndex ?? Main.ShotIndex;
}

/// <summary>
/// The frames of a shot's clip that the episode shows, <see cref="First"/> to <see cref="End"/> (exclusive), crossfades
/// included. A fade through black belongs to the two shots it joins: in the first half of their overlap the outgoing
/// shot sinks to black over its last <see cref="FadeOut"/> frames, in the second half the incoming shot rises from black
/// over its first <see cref="FadeIn"/> frames; the frames each hides under the other's half are never rendered.
/// </summary>
public readonly record struct ShotFrames(int First, int End, int FadeIn, int FadeOut, int CrossfadeIn, int CrossfadeOut);

/// <summary>Cuts an episode's timeline into segments and describes each as one ffmpeg command.</summary>
public static class EpisodeSegments
{
    /// <summary>The longest body segment; a longer shot body is split into equal pieces.</summary>
    public const int MaxSegmentSeconds = 5;

    /// <summary>Which frames of shot <paramref name="index"/> the episode shows at <paramref name="fps"/> (see <see cref="ShotFrames"/>).</summary>
    public static ShotFrames Shown(EpisodeTimeline timeline, int index, int fps)
    {
        var shots = timeline.Shots;
        var frames = Frames(shots[index].ClipSeconds, fps);
        var overlapIn = Frames(shots[index].TransitionInSeconds, fps);
        var overlapOut = index + 1 < shots.Count ? Frames(shots[index + 1].TransitionInSeconds, fps) : 0;
        var kindIn = overlapIn > 0 ? shots[index].TransitionIn : ShotTransition.Cut;
        var kindOut = overlapOut > 0 ? shots[index + 1].TransitionIn : ShotTransition.Cut;
        var (first, fadeIn) = kindIn == ShotTransition.FadeThroughBlack ? (overlapIn / 2, overlapIn - overlapIn / 2) : (0, 0);
        var (end, fadeOut) = kindOut == ShotTransition.FadeThroughBlack ? (frames - overlapOut + overlapOut / 2, overlapOut / 2) : (frames, 0);
        return new ShotFrames(first, end, fadeIn, fadeOut,
            kindIn == ShotTransition.Crossfade ? overlapIn : 0, kindOut == ShotTransition.Crossfade ? overlapOut : 0);
    }

    public static IReadOnlyList<EpisodeSegment> Plan(EpisodeTimeline timeline, int fps)
    {
        var shots = timeline.Shots;
        var frames = shots.Select(s => Frames(s.ClipSeconds, fps)).ToList();
        var segments = new List<EpisodeSegment>();
        for (var i = 0; i < shots.Count; i++)
        {
            var start = Frames(shots[i].StartSeconds, fps);
            var shown = Shown(timeline, i, fps);
            if (shown.CrossfadeIn > 0)
            {
                var overlap = shown.CrossfadeIn;
                segments.Add(new EpisodeSegment(segments.Count, start, overlap,
                    new ShotPart(i - 1, frames[i - 1], frames[i - 1] - overlap, overlap),
                    new ShotPart(i, frames[i], 0, overlap), shots[i].TransitionIn));
            }

            var first = shown.First + shown.CrossfadeIn;
            var body = shown.End - shown.CrossfadeOut - first;
            // A long body is cut into pieces of about equal length, so a re-compose of one shot keeps every core busy.
            // (Pieces are at least half the longest, longer than any fade, so a fade lies in the first or last piece.)
            var pieces = (body + MaxSegmentSeconds * fps - 1) / (MaxSegmentSeconds * fps);
            for (var piece = 0; piece < pieces; piece++)
            {
                var count = body * (piece + 1) / pieces - body * piece / pieces;
                segments.Add(new EpisodeSegment(segments.Count, start + first, count, new ShotPart(i, frames[i], first, count), null, ShotTransition.Cut,
                    piece == 0 ? Math.Min(shown.FadeIn, count) : 0, piece == pieces - 1 ? Math.Min(shown.FadeOut, count) : 0));
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
        if (segment.FadeIn > 0 || segment.FadeOut > 0)
            key.Append(CultureInfo.InvariantCulture, $"|fade:{segment.FadeIn}:{segment.FadeOut}");
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

    /// <summary>A segment to render: <paramref name="Burn"/> when subtitles show during it. <paramref name="Path"/> is
    /// informative only: a run's segments are written where its file pattern says.</summary>
    public sealed record Output(EpisodeSegment Segment, string Path, bool Burn);

    /// <summary>
    /// The ffmpeg arguments that render a run of segments in one process: the frames of their shot parts (blended for
    /// a transition exactly as a continuous render blends them, the subtitles burned at their episode times) as one
    /// stream through one encoder with the profile's shared settings, an IDR keyframe forced where each segment starts,
    /// and the segment muxer cutting the stream there, so every segment is its own file that starts on a keyframe and
    /// joins the others by stream copy. The segments need not be neighbours on the timeline. One process per run pays
    /// ffmpeg's start, the inputs' decoding and the encoder's warm-up once for the whole run instead of per segment.
    /// </summary>
    /// <param name="filePattern">Where the segments go: a path with one <c>%d</c>-style number (the segment's position in
    /// <paramref name="outputs"/>, from 0). Each finished segment's file name is written on standard output as a line.</param>
    /// <param name="continuousPath">When set, the segments are not cut but written as one continuous encode to this file
    /// (without forced keyframes): the reference a seam is measured against.</param>
    /// <param name="encoderThreads">The encoder's threads, when several runs share the cores (by default x264 takes
    /// one and a half per core, and runs side by side then spend time switching between them).</param>
    /// <returns>The arguments, and the shot index of every input in order (to name the shot whose input failed).</returns>
    public static (List<string> Arguments, List<int> InputShots) Arguments(
        IReadOnlyList<Output> outputs, EpisodeTimeline timeline, RenderProfile profile, string? assFileName,
        string? continuousPath = null, string? filePattern = null, int? encoderThreads = null)
    {
        if ((continuousPath is null) == (filePattern is null))
            throw new ArgumentException("Exactly one of the continuous path and the file pattern is needed.");
        var arguments = new List<string> { "-v", "error" };
        var graph = new List<string>();
        var inputShots = new List<int>();

        // A still is read once and split between its uses (one decoded frame); a video clip is opened once per use, so
        // that a later use never queues the frames an earlier one is still playing.
        var parts = outputs.SelectMany(o => o.Segment.Incoming is { } incoming ? new[] { o.Segment.Main, incoming } : [o.Segment.Main]).ToList();
        var labels = new Dictionary<int, Queue<string>>();
        string Input(int shotIndex)
        {
            var shot = timeline.Shots[shotIndex].Shot;
            arguments.AddRange(["-i", System.IO.Path.GetFullPath(shot.ClipPath ?? shot.ImagePath!)]);
            inputShots.Add(shotIndex);
            return $"{inputShots.Count - 1}:v";
        }

        // A still is scaled to cover the frame once, then split.
        foreach (var shotIndex in parts.Where(p => timeline.Shots[p.ShotIndex].Shot.ClipPath is null).Select(p => p.ShotIndex).Distinct())
        {
            var uses = parts.Count(p => p.ShotIndex == shotIndex);
            var input = Input(shotIndex);
            var names = Enumerable.Range(0, uses).Select(u => $"s{shotIndex}u{u}").ToList();
            labels[shotIndex] = new Queue<string>(names);
            var cover = CameraMovement.Cover(timeline.Shots[shotIndex].Shot.CameraMove, profile.Width, profile.Height);
            graph.Add(uses == 1 ? $"[{input}]{cover}[{names[0]}]" : $"[{input}]{cover},split={uses}{string.Concat(names.Select(n => $"[{n}]"))}");
        }

        string Use(int shotIndex)
        {
            if (labels.TryGetValue(shotIndex, out var queue)) return queue.Dequeue();
            var name = $"c{inputShots.Count}";
            graph.Add($"[{Input(shotIndex)}]null[{name}]");
            return name;
        }

        for (var o = 0; o < outputs.Count; o++)
        {
            var segment = outputs[o].Segment;
            graph.Add($"[{Use(segment.Main.ShotIndex)}]{PartFilter(timeline, segment.Main, profile)},settb=AVTB,setpts=PTS-STARTPTS{Fades(segment)}[o{o}a]");
            var last = $"o{o}a";
            if (segment.Incoming is { } incoming)
            {
                // One frame more of the incoming shot, as in a continuous render where it goes on: xfade drops the
                // last blended frame when both inputs end with the transition.
                var head = incoming with { Count = incoming.Count + 1 };
                graph.Add($"[{Use(incoming.ShotIndex)}]{PartFilter(timeline, head, profile)},settb=AVTB,setpts=PTS-STARTPTS[o{o}b]");
                var seconds = (segment.Frames / (double)profile.FramesPerSecond).ToString("F4", CultureInfo.InvariantCulture);
                graph.Add($"[o{o}a][o{o}b]xfade=transition=fade:duration={seconds}:offset=0[o{o}x]");
                last = $"o{o}x";
            }

            // No fps filter here: at the end of the input it drops the last frame zoompan made.
            graph.Add($"[{last}]trim=end_frame={segment.Frames},format=yuv420p[v{o}]");
        }

        // The segments as one stream, frames numbered from their order: concat places each part after the last frame's
        // guessed duration, and a gap there would make the encoder's constant rate repeat a frame and shift the rest.
        // When subtitles are burned, one libass for the whole run reads each frame at its time in the episode (the run's
        // segments are in episode order, perhaps with gaps between them), then the frames are numbered again.
        var fps = profile.FramesPerSecond;
        var joined = outputs.Count == 1 ? "[v0]null" : $"{string.Concat(Enumerable.Range(0, outputs.Count).Select(o => $"[v{o}]"))}concat=n={outputs.Count}:v=1:a=0";
        var subtitles = assFileName is not null && outputs.Any(o => o.Burn)
            ? $"setpts='({EpisodeFrame(outputs)})/({fps}*TB)',ass={assFileName},"
            : "";
        graph.Add($"{joined},{subtitles}setpts=N/({fps}*TB)[video]");
        arguments.AddRange(["-filter_complex", string.Join(';', graph), "-map", "[video]"]);
        arguments.AddRange(profile.VideoEncoderArguments(muxerOptions: filePattern is null));
        if (encoderThreads is { } threads)
            arguments.AddRange(["-threads", threads.ToString(CultureInfo.InvariantCulture)]);
        arguments.AddRange(["-frames:v", outputs.Sum(x => x.Segment.Frames).ToString(CultureInfo.InvariantCulture), "-an"]);
        if (continuousPath is not null)
        {
            arguments.AddRange(["-f", "mp4", continuousPath]);
            return (arguments, inputShots);
        }

        var starts = new List<int>();
        for (int o = 0, frame = 0; o < outputs.Count; frame += outputs[o].Segment.Frames, o++) starts.Add(frame);
        arguments.AddRange(["-force_key_frames", "expr:" + string.Join('+', starts.Select(f => $"eq(n,{f})")), "-forced-idr", "1",
            "-f", "segment", "-segment_format", "mp4", "-segment_format_options", profile.MuxerOptions, "-reset_timestamps", "1",
            "-segment_list", "pipe:1", "-segment_list_type", "flat"]);
        if (starts.Count > 1)
            arguments.AddRange(["-segment_frames", string.Join(',', starts.Skip(1))]);
        arguments.Add(filePattern!);
        return (arguments, inputShots);
    }

    /// <summary>The episode frame number of frame N of a run of <paramref name="outputs"/> joined one after the other.</summary>
    private static string EpisodeFrame(IReadOnlyList<Output> outputs)
    {
        // Where each output starts in the run and how far its frames are from their place in the episode; neighbours
        // on the timeline share one offset.
        var steps = new List<(int From, int Offset)>();
        var at = 0;
        foreach (var output in outputs)
        {
            var offset = output.Segment.StartFrame - at;
            if (steps.Count == 0 || steps[^1].Offset != offset) steps.Add((at, offset));
            at += output.Segment.Frames;
        }

        var expression = $"N+{steps[^1].Offset}";
        for (var i = steps.Count - 2; i >= 0; i--)
            expression = $"if(lt(N,{steps[i + 1].From}),N+{steps[i].Offset},{expression})";
        return expression;
    }

    /// <summary>The fade filters of a shot's piece: from black over its first frames, to black over its last (counted by frame).</summary>
    public static string Fades(EpisodeSegment segment) => Fades(segment.Frames, segment.FadeIn, segment.FadeOut);

    /// <summary>Fades over a run of <paramref name="frames"/> frames: in from black over the first <paramref name="fadeIn"/>
    /// (the first frame black), out to black over the last <paramref name="fadeOut"/> (the last frame nearly black).</summary>
    public static string Fades(int frames, int fadeIn, int fadeOut) =>
        (fadeIn > 0 ? string.Create(CultureInfo.InvariantCulture, $",fade=t=in:start_frame=0:nb_frames={fadeIn}") : "")
        + (fadeOut > 0 ? string.Create(CultureInfo.InvariantCulture, $",fade=t=out:start_frame={frames - fadeOut}:nb_frames={fadeOut}") : "");

    /// <summary>Frames First..First+Count of the shot's normalised clip (see <see cref="ShotClipSource"/>).</summary>
    private static string PartFilter(EpisodeTimeline timeline, ShotPart part, RenderProfile profile)
    {
        var shot = timeline.Shots[part.ShotIndex].Shot;
        if (shot.ClipPath is null)
            // The still arrives covered (see the inputs in Arguments): only the move is left.
            return CameraMovement.Motion(shot.CameraMove, profile.Width, profile.Height, part.Frames, profile.FramesPerSecond, part.First, part.Count);
        var whole = ShotClipSource.Source(timeline.Shots[part.ShotIndex], profile).Filter;
        return $"{whole},trim=start_frame={part.First}:end_frame={part.First + part.Count},setpts=PTS-STARTPTS";
    }
}
