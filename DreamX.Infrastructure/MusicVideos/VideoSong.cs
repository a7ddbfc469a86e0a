using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;

namespace DreamX.Infrastructure.MusicVideos;

/// <summary>
/// The part of a project's song its video covers: the analysis cut to the excerpt (times from its start), where the
/// excerpt starts in the song and how long the video lasts (the excerpt, or the whole song as ffprobe measured it).
/// </summary>
public sealed record VideoSong(SongAnalysis Analysis, double Start, double Duration)
{
    /// <summary>The checkpoint's song as the video uses it, or null when the project has no analysed song.</summary>
    public static VideoSong? Of(Checkpoint checkpoint)
    {
        if (string.IsNullOrEmpty(checkpoint.SongKey) || SongIntake.ReadAnalysis(checkpoint) is not { } analysis)
            return null;
        var songSeconds = checkpoint.SongSeconds ?? analysis.DurationSeconds;
        var start = Math.Clamp(checkpoint.ExcerptStartSeconds ?? 0, 0, songSeconds);
        var end = Math.Clamp(checkpoint.ExcerptEndSeconds ?? songSeconds, start, songSeconds);
        if (end - start < 1)
            return null;
        var cut = start > 0 || end < analysis.DurationSeconds - 1e-3 ? analysis.Excerpt(start, end) : analysis with { DurationSeconds = end };
        return new VideoSong(cut with { DurationSeconds = end - start }, start, end - start);
    }
}
