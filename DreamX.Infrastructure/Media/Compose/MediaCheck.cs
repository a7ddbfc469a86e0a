using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;
using FFMpegCore;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>Checks every shot's media before any rendering, so bad media fails fast with the shot's name;
/// lines without a measured length get it from ffprobe.</summary>
public static class MediaCheck
{
    /// <param name="probe">Reads an audio file's length (null: unreadable); by default ffprobe.</param>
    public static async Task<Result<IReadOnlyList<TimelineShot>>> CheckAsync(
        IReadOnlyList<TimelineShot> shots, CancellationToken cancellationToken, Func<string, CancellationToken, Task<double?>>? probe = null)
    {
        probe ??= AudioDurationAsync;
        // The probes run at once (a process each); the first failing shot in episode order is the one reported.
        var checkedShots = await Task.WhenAll(shots.Select(shot => CheckAsync(shot, probe, cancellationToken)));
        return checkedShots.FirstOrDefault(c => c.IsFailure) is { } failed
            ? Result.Failure<IReadOnlyList<TimelineShot>>(failed.Error!)
            : checkedShots.Select(c => c.Value).ToList();
    }

    private static async Task<Result<TimelineShot>> CheckAsync(
        TimelineShot shot, Func<string, CancellationToken, Task<double?>> probe, CancellationToken cancellationToken)
    {
        var name = EpisodeTimeline.Describe(shot);
        if (shot.ClipPath is { } clip && !File.Exists(clip))
            return Result.Failure<TimelineShot>($"{name}: the clip file is missing");
        if (shot.ClipPath is null && (shot.ImagePath is null || !File.Exists(shot.ImagePath)))
            return Result.Failure<TimelineShot>($"{name}: the image file is missing");
        if (shot.Audio is not { } audio)
            return shot;

        if (!File.Exists(audio.Path))
            return Result.Failure<TimelineShot>($"{name}: the audio file is missing");
        var duration = await probe(audio.Path, cancellationToken);
        if (duration is null)
            return Result.Failure<TimelineShot>($"{name}: the audio file cannot be read");
        return audio.DurationSeconds <= 0 ? shot with { Audio = audio with { DurationSeconds = duration.Value } } : shot;
    }

    public static async Task<double?> AudioDurationAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, cancellationToken: cancellationToken);
            return analysis.PrimaryAudioStream is null ? null : analysis.Duration.TotalSeconds;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
