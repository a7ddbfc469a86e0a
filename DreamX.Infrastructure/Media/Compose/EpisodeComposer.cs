using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// Turns an episode's ordered shots into the finished video (SPEC §5). A final render first renders the shots its
/// clip cache (keyed by content hash) lacks, in parallel, then joins the cached clips in one encode; a preview
/// renders every shot inside its one small encode. Each shot is joined with its transition, subtitles burned, the
/// soundtrack (mixed and measured meanwhile) normalised. Bad media is a failure naming the shot.
/// </summary>
public sealed class EpisodeComposer
{
    public async Task<Result<ComposedEpisode>> ComposeAsync(ComposeRequest request, CancellationToken cancellationToken)
    {
        var checkedShots = await MediaCheck.CheckAsync(request.Shots, cancellationToken);
        if (checkedShots.IsFailure) return Result.Failure<ComposedEpisode>(checkedShots.Error!);
        if (request.MusicPath is { } music && !File.Exists(music))
            return Result.Failure<ComposedEpisode>("The music file is missing.");

        var built = EpisodeTimeline.Build(checkedShots.Value, request.Timeline);
        if (built.IsFailure) return Result.Failure<ComposedEpisode>(built.Error!);
        var timeline = built.Value;
        var profile = RenderProfile.For(request.Mode, request.AspectRatio, request.ShortSide);

        var clipFolder = Path.Combine(request.WorkFolder, "shot-clips");
        Directory.CreateDirectory(clipFolder);
        Directory.CreateDirectory(request.OutputFolder);

        var clock = Stopwatch.StartNew();
        var suffix = request.Mode == ComposeMode.Preview ? ".preview" : "";
        var premix = Path.Combine(request.WorkFolder, $"premix{suffix}.wav");
        // The soundtrack does not depend on the pictures: mix it while the shots are hashed and looked up.
        var soundTask = EpisodeSoundtrack.MixAsync(timeline, request.MusicPath, premix, request.WorkFolder, cancellationToken);
        var sources = request.Mode == ComposeMode.Final
            ? await CachedSourcesAsync(timeline, profile, clipFolder, cancellationToken)
            : timeline.Shots.Select(s => ShotClipSource.Source(s, profile)).ToList();
        var rendered = request.Mode == ComposeMode.Preview ? sources.Count : sources.Count(x => x.CacheTo is not null);
        if (request.Mode == ComposeMode.Final)
        {
            var clips = await RenderMissingClipsAsync(timeline, sources, profile, request.WorkFolder, cancellationToken);
            if (clips.IsFailure)
            {
                await soundTask;
                File.Delete(premix);
                return Result.Failure<ComposedEpisode>(clips.Error!);
            }
        }
        var clipsTime = clock.Elapsed;
        var gain = await soundTask;
        if (gain.IsFailure) return Result.Failure<ComposedEpisode>(gain.Error!);
        var soundTime = clock.Elapsed;

        var output = Path.Combine(Path.GetFullPath(request.OutputFolder), request.Name + suffix);
        var srtPath = output + ".srt";
        await File.WriteAllTextAsync(srtPath, EpisodeSubtitles.ToSrt(timeline.Cues), cancellationToken);
        string? assName = null;
        if (request.BurnSubtitles && timeline.Cues.Count > 0)
        {
            assName = $"subtitles{suffix}.ass";
            await File.WriteAllTextAsync(Path.Combine(request.WorkFolder, assName),
                EpisodeSubtitles.ToAss(timeline.Cues, profile.Width, profile.Height), cancellationToken);
        }

        var videoPath = output + ".mp4";
        var joined = await FfmpegProcess.RunAsync(
            EpisodeVideoJoin.Arguments(timeline, sources, premix, gain.Value, assName, profile, videoPath), request.WorkFolder, cancellationToken);
        File.Delete(premix);
        if (joined.IsFailure)
        {
            foreach (var cache in sources.Select(x => x.CacheTo).OfType<string>()) File.Delete(cache);
            return Result.Failure<ComposedEpisode>(EncodeFailure(joined.Error!, timeline, sources));
        }


        var encodeTime = clock.Elapsed;
        var coverPath = output + ".cover.jpg";
        var cover = await FfmpegProcess.RunAsync(
            ["-v", "error", "-ss", CoverTime(timeline).ToString("F3", CultureInfo.InvariantCulture), "-i", videoPath,
             "-frames:v", "1", "-q:v", "3", coverPath], request.WorkFolder, cancellationToken);
        if (cover.IsFailure) return Result.Failure<ComposedEpisode>($"The cover could not be taken ({cover.Error})");

        var timelinePath = output + ".otio";
        await File.WriteAllTextAsync(timelinePath,
            OtioTimelineExport.ToJson(request.Name, timeline, sources.Select(x => x.InputPath).ToList(), request.MusicPath, profile.FramesPerSecond), cancellationToken);

        return new ComposedEpisode(videoPath, srtPath, coverPath, timelinePath,
            TimeSpan.FromSeconds(timeline.DurationSeconds), new FileInfo(videoPath).Length, profile.Width, profile.Height,
            rendered, sources.Count - rendered,
            new ComposeTimings(clipsTime, soundTime - clipsTime, encodeTime - soundTime, clock.Elapsed - encodeTime));
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

    /// <summary>The shots as cached clips where the cache has them; the others rendered from their media in the
    /// episode encode, which also writes them to the cache (first as .part files, renamed on success).</summary>
    private static async Task<List<ShotSource>> CachedSourcesAsync(
        EpisodeTimeline timeline, RenderProfile profile, string clipFolder, CancellationToken cancellationToken)
    {
        var sources = new List<ShotSource>(timeline.Shots.Count);
        foreach (var shot in timeline.Shots)
        {
            var digest = await DigestAsync(shot.Shot.ClipPath ?? shot.Shot.ImagePath!, cancellationToken);
            var cached = Path.GetFullPath(Path.Combine(clipFolder, shot.ClipContentHash(digest, profile.ShotClipKey) + ".mp4"));
            sources.Add(File.Exists(cached)
                ? new ShotSource(cached, "null")
                : ShotClipSource.Source(shot, profile) with { CacheTo = cached + PartSuffix });
        }

        return sources;
    }

    /// <summary>
    /// A final render's shots that the cache lacks, rendered into it first, as many at once as there are cores: each
    /// camera move in its own ffmpeg instead of one after another inside the episode's (single-threaded) filter
    /// graph. The episode encode then joins cached clips only, as a re-compose does. A shot that cannot be
    /// rendered fails the compose, named.
    /// </summary>
    private static async Task<Result> RenderMissingClipsAsync(
        EpisodeTimeline timeline, List<ShotSource> sources, RenderProfile profile, string workFolder, CancellationToken cancellationToken)
    {
        var missing = sources.Select((source, index) => (Source: source, Index: index)).Where(x => x.Source.CacheTo is not null).ToList();
        var fps = profile.FramesPerSecond.ToString(CultureInfo.InvariantCulture);
        var crf = profile.ShotClipCrf.ToString(CultureInfo.InvariantCulture);
        var failures = new System.Collections.Concurrent.ConcurrentDictionary<int, string>();
        await Parallel.ForEachAsync(missing,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            async (item, token) =>
            {
                var part = item.Source.CacheTo!;
                var rendered = await FfmpegProcess.RunAsync(
                    ["-v", "error", "-i", item.Source.InputPath, "-vf", item.Source.Filter,
                     "-c:v", "libx264", "-preset", "ultrafast", "-crf", crf, "-pix_fmt", "yuv420p", "-r", fps, "-an", part],
                    workFolder, token);
                if (rendered.IsFailure)
                {
                    File.Delete(part);
                    failures[item.Index] = $"{EpisodeTimeline.Describe(timeline.Shots[item.Index].Shot)}: its clip could not be rendered ({rendered.Error})";
                    return;
                }
                var cached = CachedClipPath(part);
                File.Move(part, cached, overwrite: true);
                sources[item.Index] = new ShotSource(cached, "null");
            });
        return failures.IsEmpty ? Result.Success() : Result.Failure(failures.OrderBy(f => f.Key).First().Value);
    }

    private const string PartSuffix = ".part.mp4";

    private static string CachedClipPath(string partPath) => partPath[..^PartSuffix.Length];

    private static async Task<string> DigestAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>The middle of the most representative shot: the longest one with a line, else the longest.</summary>
    private static double CoverTime(EpisodeTimeline timeline)
    {
        var shot = timeline.Shots.Where(s => s.Shot.Audio is not null).MaxBy(s => s.ClipSeconds)
                   ?? timeline.Shots.MaxBy(s => s.ClipSeconds)!;
        return shot.StartSeconds + shot.ClipSeconds / 2;
    }
}
