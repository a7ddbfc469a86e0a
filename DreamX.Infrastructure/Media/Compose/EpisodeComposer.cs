using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// Turns an episode's ordered shots into the finished video (SPEC §5): for a final render, shot clips rendered
/// in parallel and cached by content hash (a preview renders the stills inside its single pass instead); the
/// soundtrack mixed and measured meanwhile; then one encode that joins the clips with their transitions,
/// burns the subtitles and normalises the sound. Bad media is a failure naming the shot.
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
        // The soundtrack does not depend on the pictures: mix it while the shot clips render.
        var soundTask = EpisodeSoundtrack.MixAsync(timeline, request.MusicPath, premix, request.WorkFolder, cancellationToken);
        var clips = request.Mode == ComposeMode.Final
            ? await RenderShotClipsAsync(timeline, profile, clipFolder, request.WorkFolder, cancellationToken)
            : new ShotClips(timeline.Shots.Select(s => ShotClipRenderer.Source(s, profile)).ToList(), timeline.Shots.Count);
        var clipsTime = clock.Elapsed;
        var gain = await soundTask;
        if (clips.IsFailure) return Result.Failure<ComposedEpisode>(clips.Error!);
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
        var sources = clips.Value.Sources;
        var joined = await FfmpegProcess.RunAsync(
            EpisodeVideoJoin.Arguments(timeline, sources, premix, gain.Value, assName, profile, videoPath), request.WorkFolder, cancellationToken);
        File.Delete(premix);
        if (joined.IsFailure) return Result.Failure<ComposedEpisode>(EncodeFailure(joined.Error!, timeline, sources));

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
            clips.Value.Rendered, sources.Count - clips.Value.Rendered,
            new ComposeTimings(clipsTime, soundTime - clipsTime, encodeTime - soundTime, clock.Elapsed - encodeTime));
    }

    private sealed record ShotClips(IReadOnlyList<ShotSource> Sources, int Rendered);

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

    /// <summary>Renders the shots whose clip is not cached yet, as many at once as there are cores
    /// (zoompan is single-threaded, so one ffmpeg per core keeps them busy).</summary>
    private static async Task<Result<ShotClips>> RenderShotClipsAsync(
        EpisodeTimeline timeline, RenderProfile profile, string clipFolder, string workFolder, CancellationToken cancellationToken)
    {
        var paths = new string[timeline.Shots.Count];
        var missing = new List<int>();
        for (var i = 0; i < timeline.Shots.Count; i++)
        {
            var shot = timeline.Shots[i];
            var digest = await DigestAsync(shot.Shot.ClipPath ?? shot.Shot.ImagePath!, cancellationToken);
            paths[i] = Path.GetFullPath(Path.Combine(clipFolder, shot.ClipContentHash(digest, profile.ShotClipKey) + ".mp4"));
            if (!File.Exists(paths[i])) missing.Add(i);
        }

        var failures = new System.Collections.Concurrent.ConcurrentBag<(int Index, string Error)>();
        await Parallel.ForEachAsync(missing,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var rendered = await ShotClipRenderer.RenderAsync(timeline.Shots[i], profile, paths[i], workFolder, ct);
                if (rendered.IsFailure) failures.Add((i, rendered.Error!));
            });
        if (!failures.IsEmpty) return Result.Failure<ShotClips>(failures.MinBy(f => f.Index).Error);
        return new ShotClips(paths.Select((path, i) => new ShotSource(path, "null", 0)).ToList(), missing.Count);
    }

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
