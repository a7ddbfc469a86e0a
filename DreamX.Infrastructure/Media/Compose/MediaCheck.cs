using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;
using FFMpegCore;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>Checks every shot's media before any rendering, so bad media fails fast with the shot's name;
/// lines without a measured length get it from ffprobe.</summary>
public static class MediaCheck
{
    public static async Task<Result<IReadOnlyList<TimelineShot>>> CheckAsync(IReadOnlyList<TimelineShot> shots, CancellationToken cancellationToken)
    {
        var checkedShots = new List<TimelineShot>(shots.Count);
        foreach (var shot in shots)
        {
            var name = EpisodeTimeline.Describe(shot);
            if (shot.ClipPath is { } clip && !File.Exists(clip))
                return Result.Failure<IReadOnlyList<TimelineShot>>($"{name}: the clip file is missing");
            if (shot.ClipPath is null && (shot.ImagePath is null || !File.Exists(shot.ImagePath)))
                return Result.Failure<IReadOnlyList<TimelineShot>>($"{name}: the image file is missing");

            var probed = shot;
            if (shot.Audio is { } audio)
            {
                if (!File.Exists(audio.Path))
                    return Result.Failure<IReadOnlyList<TimelineShot>>($"{name}: the audio file is missing");
                var duration = await AudioDurationAsync(audio.Path, cancellationToken);
                if (duration is null)
                    return Result.Failure<IReadOnlyList<TimelineShot>>($"{name}: the audio file cannot be read");
                if (audio.DurationSeconds <= 0) probed = shot with { Audio = audio with { DurationSeconds = duration.Value } };
            }

            checkedShots.Add(probed);
        }

        return checkedShots;
    }

    private static async Task<double?> AudioDurationAsync(string path, CancellationToken cancellationToken)
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
