using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Storage;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// Turns an episode's ordered shots into the finished video (SPEC §5).
/// <para>A final encodes every piece of picture once, in final quality: each shot's body and each transition (from the
/// two shots' overlap) is a segment with its burned subtitles, rendered as many at once as there are cores with
/// identical encoder settings; the segments are joined by the concat demuxer with stream copy, and the soundtrack,
/// mixed and normalised on its own meanwhile, is muxed next to them without touching the video. Segments and
/// soundtracks are cached by content key in object storage (shared by all instances; the work folder is a local copy),
/// so a re-compose encodes only what changed.</para>
/// <para>A preview is one fast pass over every shot (the soundtrack made meanwhile). Bad media is a failure naming the shot.</para>
/// </summary>
public sealed class EpisodeComposer(IObjectStorage? cacheStorage = null)
{
    private const string SegmentsFolder = "segments";

    /// <summary>Audio lengths ffprobe measured, by content digest: a re-compose does not probe unchanged lines again.</summary>
    private readonly ConcurrentDictionary<string, double> _probed = new();

    public async Task<Result<ComposedEpisode>> ComposeAsync(ComposeRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var checkedShots = await MediaCheck.CheckAsync(request.Shots, cancellationToken, ProbeOnceAsync);
        if (checkedShots.IsFailure) return Result.Failure<ComposedEpisode>(checkedShots.Error!);
        if (request.MusicPath is { } music && !File.Exists(music))
            return Result.Failure<ComposedEpisode>("The music file is missing.");

        var built = EpisodeTimeline.Build(checkedShots.Value, request.Timeline);
        if (built.IsFailure) return Result.Failure<ComposedEpisode>(built.Error!);
        var timeline = built.Value;
        var profile = RenderProfile.For(request.Mode, request.AspectRatio, request.ShortSide);

        Directory.CreateDirectory(request.WorkFolder);
        Directory.CreateDirectory(request.OutputFolder);
        var cache = new ComposeCache(Path.Combine(request.WorkFolder, SegmentsFolder), cacheStorage);
        Directory.CreateDirectory(cache.LocalFolder);

        var suffix = request.Mode == ComposeMode.Preview ? ".preview" : "";
        var output = Path.Combine(Path.GetFullPath(request.OutputFolder), request.Name + suffix);
        var srtPath = output + ".srt";
        await File.WriteAllTextAsync(srtPath, EpisodeSubtitles.ToSrt(timeline.Cues), cancellationToken);
        var assName = await WriteAssAsync(request, timeline, profile, cancellationToken);

        var digests = await DigestsAsync(timeline, request.MusicPath, cancellationToken);
        var checkTime = clock.Elapsed;

        // The soundtrack does not depend on the pictures: it is mixed (or found in the cache) meanwhile.
        var shares = new ConcurrentBag<Task>();
        var soundKey = EpisodeSoundtrack.Key(timeline, digests.Audio, digests.Music, profile) + ".m4a";
        var soundTask = SoundtrackAsync(timeline, request, profile, cache, soundKey, shares, cancellationToken);
        // So does the Jianying/CapCut draft (it points at the shots' own media, not at the render).
        var draftPath = output + ".jianying.zip";
        var draftTask = DraftAsync(request, timeline, profile, draftPath, cancellationToken);

        var videoPath = output + ".mp4";
        var work = request.Mode == ComposeMode.Final
            ? await FinalPictureAsync(timeline, digests.Media, profile, cache, assName, request.WorkFolder, shares, request.Progress, cancellationToken)
            : await PreviewPictureAsync(timeline, profile, assName, output, request.WorkFolder, request.Progress, cancellationToken);
        var pictureTime = clock.Elapsed;
        var sound = await soundTask;
        var soundTime = clock.Elapsed;
        if (work.IsFailure)
        {
            await Task.WhenAll([.. shares, draftTask]).ContinueWith(_ => { }, TaskScheduler.Default);
            return Result.Failure<ComposedEpisode>(work.Error!);
        }
        if (sound.IsFailure)
        {
            await draftTask.ContinueWith(_ => { }, TaskScheduler.Default);
            return Result.Failure<ComposedEpisode>(sound.Error!);
        }

        var picture = work.Value;
        // The cover is taken from the picture (the segment that holds its frame) while the episode is joined: the same
        // frame, since the join copies the picture.
        var coverPath = output + ".cover.jpg";
        var covered = FfmpegProcess.RunAsync(
            ["-v", "error", "-ss", picture.CoverSeconds.ToString("F3", CultureInfo.InvariantCulture), "-i", picture.CoverSource,
             "-frames:v", "1", "-q:v", "3", coverPath], request.WorkFolder, cancellationToken);
        var joined = await FfmpegProcess.RunAsync(
            [.. picture.InputArguments, "-i", sound.Value.Path, "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
             "-movflags", "+faststart", videoPath], request.WorkFolder, cancellationToken);
        var cover = await covered;
        if (picture.Temporary is { } temporary) File.Delete(temporary);
        if (joined.IsFailure)
            return Result.Failure<ComposedEpisode>($"The episode could not be joined ({joined.Error})");
        var joinTime = clock.Elapsed;
        if (cover.IsFailure) return Result.Failure<ComposedEpisode>($"The cover could not be taken ({cover.Error})");

        var timelinePath = output + ".otio";
        var inputs = timeline.Shots.Select(s => Path.GetFullPath(s.Shot.ClipPath ?? s.Shot.ImagePath!)).ToList();
        await File.WriteAllTextAsync(timelinePath,
            OtioTimelineExport.ToJson(request.Name, timeline, inputs, request.MusicPath, profile.FramesPerSecond), cancellationToken);
        var draft = await draftTask;
        if (draft.IsFailure) return Result.Failure<ComposedEpisode>($"The Jianying/CapCut draft could not be made ({draft.Error})");

        // Sharing with other instances must not fail an episode that is already made.
        await Task.WhenAll(shares.ToArray()).ContinueWith(_ => { }, TaskScheduler.Default);
        var unshared = shares.Count(t => !t.IsCompletedSuccessfully);

        return new ComposedEpisode(videoPath, srtPath, coverPath, timelinePath,
            TimeSpan.FromSeconds(timeline.DurationSeconds), new FileInfo(videoPath).Length, profile.Width, profile.Height,
            picture.ShotsRendered, timeline.Shots.Count - picture.ShotsRendered,
            new ComposeTimings(checkTime, pictureTime - checkTime, soundTime - pictureTime, joinTime - soundTime, clock.Elapsed - joinTime),
            picture.SegmentsRendered, picture.SegmentsReused, sound.Value.Mixed, unshared, draftPath);
    }

    private async Task<double?> ProbeOnceAsync(string path, CancellationToken cancellationToken)
    {
        var digest = await DigestAsync(path, cancellationToken);
        if (_probed.TryGetValue(digest, out var known)) return known;
        // A WAV (what the built-in voices write) is measured from its header; anything else, or a header that does not
        // read, by ffprobe, which also tells an unreadable file.
        var measured = await WavSecondsAsync(path, cancellationToken) ?? await MediaCheck.AudioDurationAsync(path, cancellationToken);
        if (measured is { } seconds)
        {
            if (_probed.Count > 50_000) _probed.Clear();
            _probed[digest] = seconds;
        }

        return measured;
    }

    private static async Task<double?> WavSecondsAsync(string path, CancellationToken cancellationToken)
    {
        const long largest = 64L * 1024 * 1024;
        var length = new FileInfo(path).Length;
        if (length is < 44 or > largest) return null;
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return WavFile.Duration(bytes) is { TotalSeconds: > 0 } duration ? duration.TotalSeconds : null;
    }

    /// <summary>
    /// How much of a picture's encoding is done: the seconds each ffmpeg run has written against what it has to write,
    /// told as one share of the whole that only grows (parallel runs report out of order).
    /// </summary>
    private sealed class PictureProgress
    {
        private readonly IReadOnlyList<double> _seconds;
        private readonly double[] _done;
        private readonly double _total;
        private readonly IProgress<double>? _progress;
        private double _told = -1;

        public PictureProgress(IReadOnlyList<double> seconds, IProgress<double>? progress)
        {
            _seconds = seconds;
            _done = new double[seconds.Count];
            _total = seconds.Sum();
            _progress = progress;
            if (_total <= 0)
                Tell(1);
            else
                Tell(0);
        }

        public void Report(int run, double seconds) => Set(run, Math.Clamp(seconds, 0, _seconds[run]));

        public void Done(int run) => Set(run, _seconds[run]);

        private void Set(int run, double seconds)
        {
            double share;
            lock (_done)
            {
                if (seconds <= _done[run])
                    return;
                _done[run] = seconds;
                share = _total <= 0 ? 1 : Math.Min(1, _done.Sum() / _total);
            }
            Tell(share);
        }

        // Under the lock so that two runs finishing together cannot tell their shares out of order.
        private void Tell(double share)
        {
            lock (_done)
            {
                if (share <= _told)
                    return;
                _told = share;
                _progress?.Report(share);
            }
        }
    }

    /// <summary>The picture, ready to mux: ffmpeg input arguments (a concat list or a file) and what it took.</summary>
    /// <param name="CoverSource">The video file that holds the cover's frame, at <paramref name="CoverSeconds"/> into it.</param>
    private sealed record Picture(
        string[] InputArguments, string? Temporary, int ShotsRendered, int SegmentsRendered, int SegmentsReused, string CoverSource, double CoverSeconds);

    private sealed record Soundtrack(string Path, bool Mixed);

    private sealed record Digests(IReadOnlyList<string> Media, IReadOnlyDictionary<int, string> Audio, string? Music);

    /// <summary>
    /// A final's segments: looked up in the cache (a segment shared by identical shots is one entry), the missing ones
    /// rendered as many at once as there are cores, each then uploaded to the shared cache in the background.
    /// </summary>
    private static async Task<Result<Picture>> FinalPictureAsync(
        EpisodeTimeline timeline, IReadOnlyList<string> digests, RenderProfile profile, ComposeCache cache, string? assName,
        string workFolder, ConcurrentBag<Task> shares, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var fps = profile.FramesPerSecond;
        var segments = EpisodeSegments.Plan(timeline, fps);
        var keyed = segments.Select(s =>
        {
            var cues = assName is null ? [] : EpisodeSegments.CuesDuring(s, timeline.Cues, fps);
            return (Segment: s, Name: EpisodeSegments.Key(s, timeline, digests, cues, profile) + ".mp4", Burn: cues.Count > 0);
        }).ToList();

        var unique = keyed.DistinctBy(k => k.Name).ToList();
        var found = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(unique, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (item, token) =>
            {
                if (await cache.TryGetAsync(item.Name, token) is { } path) found[item.Name] = path;
            });

        // The missing segments in episode order, cut into as many runs as there are cores (neighbours stay together, so
        // a shot's still is decoded once for its body and its transitions); each run is one ffmpeg that encodes its
        // segments as one stream and cuts it into segment files at forced keyframes.
        var missing = unique.Where(k => !found.ContainsKey(k.Name)).ToList();
        var runs = Runs(missing.Select(k => Cost(k.Segment)).ToList(), Math.Max(1, Environment.ProcessorCount))
            .Select(range => missing.GetRange(range.Start, range.Count)).ToList();
        // Runs side by side share the cores: each encoder gets its share instead of x264's default of 1.5 threads a core.
        int? threads = runs.Count > 1 ? Math.Max(1, Environment.ProcessorCount / runs.Count) : null;
        var positions = missing.Select((k, i) => (k.Name, i)).ToDictionary(x => x.Name, x => x.i);
        var encoded = new PictureProgress(missing.Select(k => (double)k.Segment.Frames / fps).ToList(), progress);
        var failures = new ConcurrentDictionary<int, (int Shot, bool Certain, string Error)>();
        await Parallel.ForEachAsync(runs.Select((items, i) => (Index: i, Items: items)),
            new ParallelOptions { MaxDegreeOfParallelism = runs.Count == 0 ? 1 : runs.Count, CancellationToken = cancellationToken },
            async (run, token) =>
            {
                var outputs = run.Items.Select(k => new EpisodeSegments.Output(k.Segment, "", k.Burn)).ToList();
                var pattern = Path.Combine(cache.LocalFolder, $"run{run.Index}.{Guid.NewGuid():N}.%04d.part");
                var files = run.Items.Select((_, i) => pattern.Replace("%04d", i.ToString("D4", CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
                var (arguments, inputShots) = EpisodeSegments.Arguments(outputs, timeline, profile, assName, filePattern: pattern, encoderThreads: threads);
                // Where each segment starts in the run's stream, in seconds.
                var starts = new double[run.Items.Count];
                for (var i = 1; i < starts.Length; i++) starts[i] = starts[i - 1] + run.Items[i - 1].Segment.Frames / (double)fps;
                void Written(double seconds)
                {
                    for (var i = 0; i < starts.Length; i++)
                        encoded.Report(positions[run.Items[i].Name], seconds - starts[i]);
                }

                // Each segment is committed to the cache (and shared) the moment ffmpeg has closed its file.
                var committed = new ConcurrentDictionary<int, bool>();
                void Commit(int i)
                {
                    if (!committed.TryAdd(i, true)) return;
                    var item = run.Items[i];
                    found[item.Name] = cache.Commit(files[i], item.Name);
                    shares.Add(cache.ShareAsync(item.Name, "video/mp4", CancellationToken.None));
                    encoded.Done(positions[item.Name]);
                }

                void Listed(string line)
                {
                    var i = files.FindIndex(f => string.Equals(Path.GetFileName(f), Path.GetFileName(line.Trim()), StringComparison.Ordinal));
                    if (i >= 0) Commit(i);
                }

                var rendered = await FfmpegProcess.RunAsync(arguments, workFolder, token, Written, Listed);
                if (rendered.IsFailure)
                {
                    foreach (var (file, i) in files.Select((f, i) => (f, i)).Where(x => !committed.ContainsKey(x.i))) File.Delete(file);
                    // Blame the input ffmpeg names; a run reading one picture can only fail on that one.
                    var named = FailedShot(rendered.Error!, timeline, inputShots);
                    failures[run.Index] = (named ?? run.Items[0].Segment.BlameShotIndex, named is not null || inputShots.Distinct().Count() == 1, rendered.Error!);
                    return;
                }

                // The list is written as each file closes; commit any whose line was not seen (it is complete now).
                for (var i = 0; i < files.Count; i++)
                {
                    if (!committed.ContainsKey(i) && File.Exists(files[i])) Commit(i);
                }

                if (committed.Count != files.Count)
                    failures[run.Index] = (run.Items[committed.Count].Segment.BlameShotIndex, false, "ffmpeg wrote fewer segments than asked");
            });
        if (!failures.IsEmpty)
        {
            var (shot, _, error) = failures.Values.OrderBy(f => !f.Certain).ThenBy(f => f.Shot).First();
            return Result.Failure<Picture>($"{EpisodeTimeline.Describe(timeline.Shots[shot].Shot)}: its clip could not be rendered ({error})");
        }

        // The concat demuxer places each file after the one before by the duration given here: exact frame counts (a
        // file's own duration can include its first frames' decoding delay and leave a gap).
        var list = Path.Combine(workFolder, $"segments.{Guid.NewGuid():N}.txt");
        var lines = keyed.SelectMany(k => new[]
        {
            $"file '{found[k.Name].Replace("'", @"'\''", StringComparison.Ordinal)}'",
            string.Create(CultureInfo.InvariantCulture, $"duration {k.Segment.Frames / (double)fps:F6}"),
        });
        await File.WriteAllLinesAsync(list, lines, cancellationToken);
        var renderedNames = missing.Select(m => m.Name).ToHashSet();
        var shotsRendered = keyed.Where(k => !k.Segment.IsTransition && renderedNames.Remove(k.Name))
            .Select(k => k.Segment.Main.ShotIndex).Distinct().Count();
        var coverFrame = Math.Min(EpisodeSegments.Frames(CoverTime(timeline), fps), segments[^1].StartFrame + segments[^1].Frames - 1);
        var holder = keyed.Last(k => k.Segment.StartFrame <= coverFrame);
        return new Picture(["-f", "concat", "-safe", "0", "-i", list], list, shotsRendered, missing.Count, segments.Count - missing.Count,
            found[holder.Name], (coverFrame - holder.Segment.StartFrame) / (double)fps);
    }

    private static async Task<Result> DraftAsync(
        ComposeRequest request, EpisodeTimeline timeline, RenderProfile profile, string draftPath, CancellationToken cancellationToken)
    {
        var draft = await JianyingDraftExport.BuildAsync(request.Name, timeline, request.MusicPath, profile, DateTimeOffset.UtcNow, cancellationToken);
        if (draft.IsFailure) return Result.Failure(draft.Error!);
        await JianyingDraftExport.WriteZipAsync(draft.Value, draftPath, cancellationToken);
        return Result.Success();
    }

    /// <summary>What a segment costs to render, in shot frames: a transition renders two shots for each of its frames.</summary>
    private static double Cost(EpisodeSegment segment) => segment.Frames * (segment.IsTransition ? 1.8 : 1.0);

    /// <summary>
    /// Cuts a sequence of costs into at most <paramref name="count"/> consecutive runs of about equal cost: each run ends
    /// at the boundary nearest to its share of the total.
    /// </summary>
    internal static List<(int Start, int Count)> Runs(IReadOnlyList<double> costs, int count)
    {
        var runs = new List<(int Start, int Count)>();
        var total = costs.Sum();
        var start = 0;
        double done = 0;
        for (var run = 1; run <= count && start < costs.Count; run++)
        {
            var target = total * run / count;
            var end = start + 1;
            var sum = done + costs[start];
            // Take the next segment while that brings the run's end closer to its target.
            while (end < costs.Count && (run == count || Math.Abs(sum + costs[end] - target) < Math.Abs(sum - target)))
                sum += costs[end++];
            runs.Add((start, end - start));
            done = sum;
            start = end;
        }

        return runs;
    }

    /// <summary>A preview's picture: every shot in one small, fast encode.</summary>
    private static async Task<Result<Picture>> PreviewPictureAsync(
        EpisodeTimeline timeline, RenderProfile profile, string? assName, string output, string workFolder, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        var sources = timeline.Shots.Select(s => ShotClipSource.Source(s, profile)).ToList();
        var path = output + $".{Guid.NewGuid():N}.video.mp4";
        var pass = new PictureProgress([timeline.DurationSeconds], progress);
        var encoded = await FfmpegProcess.RunAsync(EpisodeVideoJoin.Arguments(timeline, sources, assName, profile, path), workFolder, cancellationToken,
            seconds => pass.Report(0, seconds));
        if (encoded.IsSuccess)
            pass.Done(0);
        if (encoded.IsFailure)
        {
            File.Delete(path);
            return Result.Failure<Picture>(EncodeFailure(encoded.Error!, timeline, sources));
        }

        return new Picture(["-i", path], path, timeline.Shots.Count, 0, 0, path, CoverTime(timeline));
    }

    private static async Task<Result<Soundtrack>> SoundtrackAsync(
        EpisodeTimeline timeline, ComposeRequest request, RenderProfile profile, ComposeCache cache, string name,
        ConcurrentBag<Task> shares, CancellationToken cancellationToken)
    {
        if (await cache.TryGetAsync(name, cancellationToken) is { } cached)
            return new Soundtrack(cached, Mixed: false);
        var part = cache.TemporaryPath(name);
        var rendered = await EpisodeSoundtrack.RenderAsync(timeline, request.MusicPath, profile, part, request.WorkFolder, cancellationToken);
        if (rendered.IsFailure)
        {
            File.Delete(part);
            return Result.Failure<Soundtrack>(rendered.Error!);
        }

        var path = cache.Commit(part, name);
        shares.Add(cache.ShareAsync(name, "audio/mp4", CancellationToken.None));
        return new Soundtrack(path, Mixed: true);
    }

    /// <summary>The burned subtitles as an ASS file named by its content (so concurrent composes never overwrite each
    /// other's), relative to the work folder; null when nothing is burned.</summary>
    private static async Task<string?> WriteAssAsync(
        ComposeRequest request, EpisodeTimeline timeline, RenderProfile profile, CancellationToken cancellationToken)
    {
        if (!request.BurnSubtitles || timeline.Cues.Count == 0) return null;
        var ass = EpisodeSubtitles.ToAss(timeline.Cues, profile.Width, profile.Height);
        var name = $"subtitles-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ass)))[..16]}.ass";
        var path = Path.Combine(request.WorkFolder, name);
        if (!File.Exists(path))
        {
            var part = path + $".{Guid.NewGuid():N}.part";
            await File.WriteAllTextAsync(part, ass, cancellationToken);
            File.Move(part, path, overwrite: true);
        }

        return name;
    }

    /// <summary>SHA-256 of every shot's picture source, line and the music, hashed in parallel.</summary>
    private static async Task<Digests> DigestsAsync(EpisodeTimeline timeline, string? musicPath, CancellationToken cancellationToken)
    {
        var media = timeline.Shots.Select(s => DigestAsync(s.Shot.ClipPath ?? s.Shot.ImagePath!, cancellationToken)).ToList();
        var audio = timeline.Shots.Select((s, i) => (i, s.Shot.Audio)).Where(x => x.Audio is not null)
            .Select(async x => (x.i, Digest: await DigestAsync(x.Audio!.Path, cancellationToken))).ToList();
        var music = musicPath is null ? null : await DigestAsync(musicPath, cancellationToken);
        return new Digests(await Task.WhenAll(media), (await Task.WhenAll(audio)).ToDictionary(x => x.i, x => x.Digest), music);
    }

    private static async Task<string> DigestAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>The shot whose input ffmpeg complained about (by its file or its input index), when it says.</summary>
    private static int? FailedShot(string error, EpisodeTimeline timeline, IReadOnlyList<int> inputShots)
    {
        for (var i = 0; i < inputShots.Count; i++)
        {
            var shot = timeline.Shots[inputShots[i]].Shot;
            if (error.Contains(Path.GetFullPath(shot.ClipPath ?? shot.ImagePath!), StringComparison.Ordinal)
                || error.Contains($"#{i}:", StringComparison.Ordinal) || error.Contains($"input stream {i}:", StringComparison.Ordinal))
                return inputShots[i];
        }

        return null;
    }

    /// <summary>Names the shot whose input ffmpeg complained about (by its file or its input index), when it did.</summary>
    private static string EncodeFailure(string error, EpisodeTimeline timeline, IReadOnlyList<ShotSource> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (error.Contains(sources[i].InputPath, StringComparison.Ordinal) || error.Contains($"#{i}:", StringComparison.Ordinal))
                return $"{EpisodeTimeline.Describe(timeline.Shots[i].Shot)}: its clip could not be rendered ({error})";
        }

        return $"The episode could not be encoded ({error})";
    }

    /// <summary>The middle of the most representative shot: the longest one with a line, else the longest.</summary>
    private static double CoverTime(EpisodeTimeline timeline)
    {
        var shot = timeline.Shots.Where(s => s.Shot.Audio is not null).MaxBy(s => s.ClipSeconds)
                   ?? timeline.Shots.MaxBy(s => s.ClipSeconds)!;
        return shot.StartSeconds + shot.ClipSeconds / 2;
    }
}
