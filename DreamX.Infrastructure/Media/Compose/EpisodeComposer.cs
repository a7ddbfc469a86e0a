using System.Globalization;
using System.Security.Cryptography;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// Turns an episode's ordered shots into the finished video (SPEC §5): shot clips rendered in parallel and
/// cached by content hash, the soundtrack mixed and normalised, then one encode that joins the clips with
/// their transitions, burns the subtitles and copies the soundtrack in. Bad media is a failure naming the shot.
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

        var clips = await RenderShotClipsAsync(timeline, profile, clipFolder, request.WorkFolder, cancellationToken);
        if (clips.IsFailure) return Result.Failure<ComposedEpisode>(clips.Error!);

        var suffix = request.Mode == ComposeMode.Preview ? ".preview" : "";
        var soundtrack = Path.Combine(request.WorkFolder, $"soundtrack{suffix}.m4a");
        var sound = await EpisodeSoundtrack.RenderAsync(timeline, request.MusicPath, profile, soundtrack, request.WorkFolder, cancellationToken);
        if (sound.IsFailure) return Result.Failure<ComposedEpisode>(sound.Error!);

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
            EpisodeVideoJoin.Arguments(timeline, clips.Value.Paths, soundtrack, assName, profile, videoPath), request.WorkFolder, cancellationToken);
        if (joined.IsFailure) return Result.Failure<ComposedEpisode>($"The episode could not be encoded ({joined.Error})");

        var coverPath = output + ".cover.jpg";
        var cover = await FfmpegProcess.RunAsync(
            ["-v", "error", "-ss", CoverTime(timeline).ToString("F3", CultureInfo.InvariantCulture), "-i", videoPath,
             "-frames:v", "1", "-q:v", "3", coverPath], request.WorkFolder, cancellationToken);
        if (cover.IsFailure) return Result.Failure<ComposedEpisode>($"The cover could not be taken ({cover.Error})");

        var timelinePath = output + ".otio";
        await File.WriteAllTextAsync(timelinePath,
            OtioTimelineExport.ToJson(request.Name, timeline, clips.Value.Paths, request.MusicPath, profile.FramesPerSecond), cancellationToken);

        return new ComposedEpisode(videoPath, srtPath, coverPath, timelinePath,
            TimeSpan.FromSeconds(timeline.DurationSeconds), new FileInfo(videoPath).Length, profile.Width, profile.Height,
            clips.Value.Rendered, clips.Value.Paths.Count - clips.Value.Rendered);
    }

    private sealed record ShotClips(IReadOnlyList<string> Paths, int Rendered);

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
        return new ShotClips(paths, missing.Count);
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
