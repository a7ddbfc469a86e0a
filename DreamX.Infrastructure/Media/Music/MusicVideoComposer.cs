using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Media.Compose;

namespace DreamX.Infrastructure.Media.Music;

/// <summary>One picture of a music video: a still shown from one beat to a later one (seconds from the video's start).</summary>
public sealed record MusicVideoShot(string ImagePath, double Start, double End, CameraMove Move);

/// <summary>What to compose: the song (or its excerpt), the shots cut on its beats, the lyric lines, where the files go.</summary>
public sealed record MusicVideoRequest(
    string Name,
    string SongPath,
    double ExcerptStart,
    double ExcerptEnd,
    IReadOnlyList<MusicVideoShot> Shots,
    IReadOnlyList<TimedLyric> Lyrics,
    AspectRatio AspectRatio,
    ComposeMode Mode,
    string OutputFolder,
    int ShortSide = 720,
    bool BurnLyrics = true);

/// <summary>A composed music video: its files, its length, the loudness its soundtrack was measured at and where its cuts fall.</summary>
public sealed record ComposedMusicVideo(string VideoPath, string SubtitlesPath, double DurationSeconds, double IntegratedLufs, IReadOnlyList<double> Cuts, int Width, int Height);

/// <summary>
/// Renders a music video: the song is the whole soundtrack (no voices, no ducking), cut to the excerpt and normalised
/// to <see cref="TargetLufs"/> (two-pass EBU R128 loudnorm, linear when the peaks allow it, true peak ≤ −1 dBTP; a gain
/// into a lookahead limiter makes up what loudnorm's dynamic mode leaves short), with
/// short fades where an excerpt cuts into the song; each shot is its still with a camera move, exactly as many frames as
/// its beat-to-beat span (frame counts come from the rounded cut times, so no error builds up), joined without
/// transitions so every cut lands on its beat; the lyric lines are the subtitles (SRT beside the MP4, burned in by libass).
/// </summary>
public static partial class MusicVideoComposer
{
    /// <summary>What music platforms normalise to.</summary>
    public const double TargetLufs = -14;
    public const double TruePeak = -1;

    public static async Task<Result<ComposedMusicVideo>> ComposeAsync(MusicVideoRequest request, CancellationToken ct)
    {
        if (request.Shots.Count == 0)
            return Result<ComposedMusicVideo>.Failure("a music video needs at least one shot");
        var length = request.ExcerptEnd - request.ExcerptStart;
        if (length <= 0)
            return Result<ComposedMusicVideo>.Failure("the excerpt is empty");
        Directory.CreateDirectory(request.OutputFolder);
        using var scratch = new ScratchFolder();

        var soundtrack = await SoundtrackAsync(request, length, scratch, ct);
        if (soundtrack.IsFailure)
            return Result<ComposedMusicVideo>.Failure(soundtrack.Error!);

        var profile = RenderProfile.For(request.Mode, request.AspectRatio, request.ShortSide);
        var fps = profile.FramesPerSecond;
        var cues = request.Lyrics
            .Where(l => l.End > l.Start && l.Start < length)
            .Select((l, i) => new SubtitleCue(i + 1, l.Start, Math.Min(l.End, length), l.Text, ""))
            .ToList();
        var srt = Path.Combine(request.OutputFolder, request.Name + ".srt");
        await File.WriteAllTextAsync(srt, EpisodeSubtitles.ToSrt(cues), ct);
        await File.WriteAllTextAsync(scratch.File("lyrics.ass"), EpisodeSubtitles.ToAss(cues, profile.Width, profile.Height, karaoke: true), ct);

        // Frames per shot from the rounded cut times: shot k covers frames round(start*fps) .. round(end*fps).
        var shots = request.Shots.OrderBy(s => s.Start).ToList();
        var totalFrames = (int)Math.Round(length * fps);
        var arguments = new List<string>();
        var graph = new List<string>();
        var cuts = new List<double>();
        var inputs = 0;
        for (var i = 0; i < shots.Count; i++)
        {
            var first = (int)Math.Round(Math.Max(0, shots[i].Start) * fps);
            var last = i + 1 < shots.Count ? (int)Math.Round(shots[i + 1].Start * fps) : totalFrames;
            last = Math.Min(last, totalFrames);
            var frames = last - first;
            if (frames <= 0)
                continue;
            if (inputs > 0)
                cuts.Add((double)first / fps);
            arguments.AddRange(["-i", Path.GetFullPath(shots[i].ImagePath)]);
            graph.Add($"[{inputs}:v]{CameraMovement.Filter(shots[i].Move, profile.Width, profile.Height, frames, fps)},trim=end_frame={frames},setpts=N/({fps}*TB)[v{inputs}]");
            inputs++;
        }
        var joined = string.Concat(Enumerable.Range(0, inputs).Select(i => $"[v{i}]"));
        var burn = request.BurnLyrics && cues.Count > 0 ? ",subtitles=lyrics.ass" : "";
        graph.Add($"{joined}concat=n={inputs}:v=1:a=0{burn}[picture]");

        var video = Path.Combine(request.OutputFolder, request.Name + ".mp4");
        arguments.AddRange(["-i", soundtrack.Value, "-filter_complex", string.Join(";", graph), "-map", "[picture]", "-map", $"{inputs}:a:0"]);
        arguments.AddRange(profile.VideoEncoderArguments());
        arguments.AddRange(["-c:a", "copy", "-movflags", "+faststart", "-t", length.ToString("F3", CultureInfo.InvariantCulture), Path.GetFullPath(video)]);
        var rendered = await FfmpegProcess.RunAsync(arguments, scratch.Path, ct);
        if (rendered.IsFailure)
            return Result<ComposedMusicVideo>.Failure(rendered.Error!);

        var loudness = await MeasureAsync(soundtrack.Value, scratch.Path, ct);
        return new ComposedMusicVideo(video, srt, (double)totalFrames / fps, loudness?.IntegratedLufs ?? double.NaN, cuts, profile.Width, profile.Height);
    }

    /// <summary>The song cut to the excerpt, faded where the cut falls inside it, normalised to −14 LUFS, as AAC.</summary>
    private static async Task<Result<string>> SoundtrackAsync(MusicVideoRequest request, double length, ScratchFolder scratch, CancellationToken ct)
    {
        var song = Path.GetFullPath(request.SongPath);
        var start = request.ExcerptStart.ToString("F3", CultureInfo.InvariantCulture);
        var duration = length.ToString("F3", CultureInfo.InvariantCulture);
        var fades = new List<string>();
        if (request.ExcerptStart > 0.05)
            fades.Add("afade=t=in:d=0.4");
        fades.Add(FormattableString.Invariant($"afade=t=out:st={Math.Max(0, length - 1.5):F3}:d=1.5"));
        var shaping = string.Join(",", fades);

        // Pass 1 measures the cut, faded song; pass 2 applies the measured values (linear gain when possible).
        var cut = scratch.File("cut.wav");
        var trimmed = await FfmpegProcess.RunAsync(
            ["-ss", start, "-t", duration, "-i", song, "-vn", "-af", shaping, "-ac", "2", "-ar", "48000", "-c:a", "pcm_s16le", cut], scratch.Path, ct);
        if (trimmed.IsFailure)
            return Result<string>.Failure(SongRules.SongUnreadable);
        var measured = await MeasureAsync(cut, scratch.Path, ct);
        var target = FormattableString.Invariant($"loudnorm=I={TargetLufs}:TP={TruePeak}:LRA=11");
        var normalise = measured is null
            ? target
            : target + FormattableString.Invariant(
                $":measured_I={measured.IntegratedLufs:F2}:measured_TP={measured.TruePeak:F2}:measured_LRA={measured.Range:F2}:measured_thresh={measured.Threshold:F2}:offset={measured.Offset:F2}:linear=true");
        var levelled = scratch.File("levelled.wav");
        var normalised = await FfmpegProcess.RunAsync(
            // A WAV may carry no channel layout: name it (stereo) or the encoder cannot be linked after loudnorm.
            ["-i", cut, "-af", normalise + ",aresample=48000,aformat=sample_rates=48000:channel_layouts=stereo", "-ac", "2", "-c:a", "pcm_s16le", levelled],
            scratch.Path, ct);
        if (normalised.IsFailure)
            return Result<string>.Failure(normalised.Error!);

        // When the peaks do not allow a linear gain, loudnorm falls back to its dynamic mode, which can stop short of the
        // target on a short or very spiky song (a click track ends near −15 LUFS): the rest is made up with a gain in
        // front of a lookahead limiter at the true-peak ceiling (delay compensated, so the beats do not move).
        var source = levelled;
        var reached = await MeasureAsync(levelled, scratch.Path, ct);
        if (reached is not null && Math.Abs(reached.IntegratedLufs - TargetLufs) > CorrectionThreshold)
        {
            var corrected = scratch.File("corrected.wav");
            var ceiling = Math.Pow(10, (TruePeak - 0.5) / 20);
            var gain = FormattableString.Invariant(
                $"volume={TargetLufs - reached.IntegratedLufs:F2}dB,alimiter=limit={ceiling:F4}:attack=2:release=50:level=false:latency=true");
            var made = await FfmpegProcess.RunAsync(["-i", levelled, "-af", gain, "-c:a", "pcm_s16le", corrected], scratch.Path, ct);
            if (made.IsSuccess)
                source = corrected;
        }
        var output = scratch.File("soundtrack.m4a");
        var encoded = await FfmpegProcess.RunAsync(["-i", source, "-c:a", "aac", "-b:a", "192k", output], scratch.Path, ct);
        return encoded.IsFailure ? Result<string>.Failure(encoded.Error!) : output;
    }

    /// <summary>How far (LU) the levelled song may be from the target before a correction gain is applied.</summary>
    private const double CorrectionThreshold = 0.3;

    /// <summary>
    /// The music video as an OpenTimelineIO timeline to finish in an editor: a video track of the stills on their
    /// beat-to-beat spans (as many frames as the render gave each), a "Song" audio track (the excerpt of the song file)
    /// and the lyric lines as markers.
    /// </summary>
    public static string TimelineJson(string name, string songPath, double excerptStart, IReadOnlyList<MusicVideoShot> shots,
        IReadOnlyList<TimedLyric> lyrics, ComposedMusicVideo composed, int rate)
    {
        static JsonObject Time(double seconds, int rate) => new()
        {
            ["OTIO_SCHEMA"] = "RationalTime.1", ["rate"] = rate, ["value"] = Math.Round(seconds * rate),
        };
        static JsonObject Range(double start, double duration, int rate) => new()
        {
            ["OTIO_SCHEMA"] = "TimeRange.1", ["start_time"] = Time(start, rate), ["duration"] = Time(duration, rate),
        };
        static JsonObject Clip(string clipName, string path, double start, double duration, int rate) => new()
        {
            ["OTIO_SCHEMA"] = "Clip.2", ["name"] = clipName, ["source_range"] = Range(start, duration, rate),
            ["media_references"] = new JsonObject
            {
                ["DEFAULT_MEDIA"] = new JsonObject { ["OTIO_SCHEMA"] = "ExternalReference.1", ["target_url"] = new Uri(Path.GetFullPath(path)).AbsoluteUri },
            },
            ["active_media_reference_key"] = "DEFAULT_MEDIA", ["metadata"] = new JsonObject(), ["effects"] = new JsonArray(), ["markers"] = new JsonArray(),
        };
        static JsonObject Track(string trackName, string kind, JsonArray children) => new()
        {
            ["OTIO_SCHEMA"] = "Track.1", ["name"] = trackName, ["kind"] = kind, ["source_range"] = null, ["enabled"] = true,
            ["effects"] = new JsonArray(), ["markers"] = new JsonArray(), ["metadata"] = new JsonObject(), ["children"] = children,
        };

        var ordered = shots.OrderBy(s => s.Start).ToList();
        var bounds = ordered.Select(s => Math.Round(Math.Max(0, s.Start) * rate)).Append(Math.Round(composed.DurationSeconds * rate)).ToList();
        var pictures = new JsonArray();
        for (var i = 0; i < ordered.Count; i++)
        {
            var frames = bounds[i + 1] - bounds[i];
            if (frames > 0)
                pictures.Add(Clip($"shot {i + 1}", ordered[i].ImagePath, 0, frames / rate, rate));
        }
        var markers = new JsonArray();
        foreach (var line in lyrics.Where(l => l.Start < composed.DurationSeconds))
        {
            markers.Add(new JsonObject
            {
                ["OTIO_SCHEMA"] = "Marker.2", ["name"] = line.Text, ["color"] = "YELLOW", ["comment"] = "lyric",
                ["marked_range"] = Range(line.Start, Math.Min(line.End, composed.DurationSeconds) - line.Start, rate),
                ["metadata"] = new JsonObject { ["dreamx"] = new JsonObject { ["section"] = line.Section } },
            });
        }
        var root = new JsonObject
        {
            ["OTIO_SCHEMA"] = "Timeline.1", ["name"] = name, ["global_start_time"] = null, ["metadata"] = new JsonObject(),
            ["tracks"] = new JsonObject
            {
                ["OTIO_SCHEMA"] = "Stack.1", ["name"] = "tracks", ["source_range"] = null, ["enabled"] = true, ["effects"] = new JsonArray(),
                ["markers"] = markers, ["metadata"] = new JsonObject(),
                ["children"] = new JsonArray
                {
                    Track("Picture", "Video", pictures),
                    Track("Song", "Audio", new JsonArray { Clip("Song", songPath, excerptStart, composed.DurationSeconds, rate) }),
                },
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>What loudnorm measured of a file (integrated loudness, true peak, range, gate), or null when it said nothing readable.</summary>
    internal static async Task<Loudness?> MeasureAsync(string path, string folder, CancellationToken ct)
    {
        var run = await FfmpegProcess.RunAsync(
            ["-i", Path.GetFullPath(path), "-vn", "-af", FormattableString.Invariant($"loudnorm=I={TargetLufs}:TP={TruePeak}:LRA=11:print_format=json"), "-f", "null", "-"],
            folder, ct);
        if (run.IsFailure)
            return null;
        var json = LoudnormJson().Match(run.Value);
        if (!json.Success)
            return null;
        using var document = JsonDocument.Parse(json.Value);
        double Read(string name) =>
            double.TryParse(document.RootElement.GetProperty(name).GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        var measured = new Loudness(Read("input_i"), Read("input_tp"), Read("input_lra"), Read("input_thresh"), Read("target_offset"));
        return double.IsFinite(measured.IntegratedLufs) ? measured : null;
    }

    internal sealed record Loudness(double IntegratedLufs, double TruePeak, double Range, double Threshold, double Offset);

    [GeneratedRegex(@"\{[^{}]*""input_i""[^{}]*\}", RegexOptions.Singleline)]
    private static partial Regex LoudnormJson();
}
