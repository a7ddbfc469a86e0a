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

        var videoPath = output + ".mp4";
        var work = request.Mode == ComposeMode.Final
            ? await FinalPictureAsync(timeline, digests.Media, profile, cache, assName, request.WorkFolder, shares, request.Progress, cancellationToken)
            : await PreviewPictureAsync(timeline, profile, assName, output, request.WorkFolder, request.Progress, cancellationToken);
        var pictureTime = clock.Elapsed;
        var sound = await soundTask;
        var soundTime = clock.Elapsed;
        if (work.IsFailure)
        {
            await Task.WhenAll(shares.ToArray()).ContinueWith(_ => { }, TaskScheduler.Default);
            return Result.Failure<ComposedEpisode>(work.Error!);
        }
        if (sound.IsFailure)
            return Result.Failure<ComposedEpisode>(sound.Error!);

        var picture = work.Value;
        var joined = await FfmpegProcess.RunAsync(
            [.. picture.InputArguments, "-i", sound.Value.Path, "-map", "0:v:0", "-map", "1:a:0", "-c", "copy",
             "-movflags", "+faststart", videoPath], request.WorkFolder, cancellationToken);
        if (picture.Temporary is { } temporary) File.Delete(temporary);
        if (joined.IsFailure)
            return Result.Failure<ComposedEpisode>($"The episode could not be joined ({joined.Error})");
        var joinTime = clock.Elapsed;

        var coverPath = output + ".cover.jpg";
        var cover = await FfmpegProcess.RunAsync(
            ["-v", "error", "-ss", CoverTime(timeline).ToString("F3", CultureInfo.InvariantCulture), "-i", videoPath,
             "-frames:v", "1", "-q:v", "3", coverPath], request.WorkFolder, cancellationToken);
        if (cover.IsFailure) return Result.Failure<ComposedEpisode>($"The cover could not be taken ({cover.Error})");

        var timelinePath = output + ".otio";
        var inputs = timeline.Shots.Select(s => Path.GetFullPath(s.Shot.ClipPath ?? s.Shot.ImagePath!)).ToList();
        await File.WriteAllTextAsync(timelinePath,
            OtioTimelineExport.ToJson(request.Name, timeline, inputs, request.MusicPath, profile.FramesPerSecond), cancellationToken);

        // Sharing with other instances must not fail an episode that is already made.
        await Task.WhenAll(shares.ToArray()).ContinueWith(_ => { }, TaskScheduler.Default);
        var unshared = shares.Count(t => !t.IsCompletedSuccessfully);

        return new ComposedEpisode(videoPath, srtPath, coverPath, timelinePath,
            TimeSpan.FromSeconds(timeline.DurationSeconds), new FileInfo(videoPath).Length, profile.Width, profile.Height,
            picture.ShotsRendered, timeline.Shots.Count - picture.ShotsRendered,
            new ComposeTimings(checkTime, pictureTime - checkTime, soundTime - pictureTime, joinTime - soundTime, clock.Elapsed - joinTime),
            picture.SegmentsRendered, picture.SegmentsReused, sound.Value.Mixed, unshared);
    }

    private async Task<double?> ProbeOnceAsync(string path, CancellationToken cancellationToken)
    {
        var digest = await DigestAsync(path, cancellationToken);
        if (_probed.TryGetValue(digest, out var known)) return known;
        var measured = await MediaCheck.AudioDurationAsync(path, cancellationToken);
        if (measured is { } seconds)
        {
            if (_probed.Count > 50_000) _probed.Clear();
            _probed[digest] = seconds;
        }

        return measured;
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
    private sealed record Picture(string[] InputArguments, string? Temporary, int ShotsRendered, int SegmentsRendered, int SegmentsReused);

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

        // One ffmpeg per segment, as many at once as there are cores, the longest first so the last to finish are short.
        // (Tried: one process per core writing its share of the segments as separate outputs; in the benchmark on the
        // loaded machine the final took 260 s against 97 s this way, ffmpeg 5.1 serving every output from one thread.)
        var missing = unique.Where(k => !found.ContainsKey(k.Name)).ToList();
        var jobs = missing.OrderByDescending(k => k.Segment.Frames).Select((k, i) => (Index: i, Items: new List<(EpisodeSegment Segment, string Name, bool Burn)> { k })).ToList();
        var encoded = new PictureProgress(jobs.Select(j => j.Items.Sum(k => (double)k.Segment.Frames / fps)).ToList(), progress);
        var failures = new ConcurrentDictionary<int, (int Shot, bool Certain, string Error)>();
        await Parallel.ForEachAsync(jobs,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            async (job, token) =>
            {
                var outputs = job.Items.Select(k => new EpisodeSegments.Output(k.Segment, cache.TemporaryPath(k.Name), k.Burn)).ToList();
                var (arguments, inputShots) = EpisodeSegments.Arguments(outputs, timeline, profile, assName);
                var rendered = await FfmpegProcess.RunAsync(arguments, workFolder, token, seconds => encoded.Report(job.Index, seconds));
                if (rendered.IsFailure)
                {
                    foreach (var output in outputs) File.Delete(output.Path);
                    // Blame the input ffmpeg names; a job reading one picture can only fail on that one.
                    var named = FailedShot(rendered.Error!, timeline, inputShots);
                    failures[job.Index] = (named ?? job.Items[0].Segment.BlameShotIndex, named is not null || inputShots.Count == 1, rendered.Error!);
                    return;
                }

                foreach (var (item, output) in job.Items.Zip(outputs))
                {
                    found[item.Name] = cache.Commit(output.Path, item.Name);
                    shares.Add(cache.ShareAsync(item.Name, "video/mp4", CancellationToken.None));
                }
                encoded.Done(job.Index);
            });
        if (!failures.IsEmpty)
        {
            var (shot, _, error) = failures.Values.OrderBy(f => !f.Certain).ThenBy(f => f.Shot).First();
            return Result.Failure<Picture>($"{EpisodeTimeline.Describe(timeline.Shots[shot].Shot)}: its clip could not be rendered ({error})");
        }

        var list = Path.Combine(workFolder, $"segments.{Guid.NewGuid():N}.txt");
        var lines = keyed.Select(k => $"file '{found[k.Name].Replace("'", @"'\''", StringComparison.Ordinal)}'");
        await File.WriteAllLinesAsync(list, lines, cancellationToken);
        var renderedNames = missing.Select(m => m.Name).ToHashSet();
        var shotsRendered = keyed.Where(k => !k.Segment.IsTransition && renderedNames.Remove(k.Name))
            .Select(k => k.Segment.Main.ShotIndex).Distinct().Count();
        return new Picture(["-f", "concat", "-safe", "0", "-i", list], list, shotsRendered, missing.Count, segments.Count - missing.Count);
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

        return new Picture(["-i", path], path, timeline.Shots.Count, 0, 0);
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
