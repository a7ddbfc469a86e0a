using DreamX.Domain.Common;

namespace DreamX.Domain.MusicVideos;

/// <summary>The limits of a music video's song, shared by the checkpoint form, the services and the API.</summary>
public static class SongRules
{
    /// <summary>The longest song (10 minutes).</summary>
    public const int MaxSeconds = 600;

    /// <summary>Shorter than this is a jingle, not a song to film (and shorter than the shortest episode).</summary>
    public const int MinSeconds = 15;

    /// <summary>The shortest excerpt worth a video (the shortest episode).</summary>
    public const int MinExcerptSeconds = 15;

    /// <summary>The largest song file: a 10-minute 16-bit stereo WAV at 48 kHz, with room for its header.</summary>
    public const long MaxBytes = 120L * 1024 * 1024;

    /// <summary>How long the video runs: the excerpt, or the whole song (whole seconds, as episodes are planned).</summary>
    public static int EpisodeSeconds(double songSeconds, double? start, double? end) =>
        (int)Math.Clamp(Math.Round((end ?? songSeconds) - (start ?? 0)), MinSeconds, MaxSeconds);

    public const string SongRequired = "song.required";
    public const string SongTooLong = "song.too_long";
    public const string SongTooShort = "song.too_short";
    public const string SongUnreadable = "song.unreadable";
    public const string SongFileType = "song.file_type";
    public const string SongFileTooLarge = "song.file_too_large";
    public const string SongFileEmpty = "song.file_empty";
    public const string TrackNotFound = "song.track_not_found";
    public const string ExcerptRange = "song.excerpt_range";
    public const string ExcerptTooShort = "song.excerpt_too_short";
    public const string AnalysisFailed = "song.analysis_failed";

    /// <summary>The chosen excerpt, when one is set: inside the song, start before end, at least <see cref="MinExcerptSeconds"/>.</summary>
    public static ValidationError? ValidateExcerpt(double? start, double? end, double songSeconds)
    {
        if (start is null && end is null)
            return null;
        var from = start ?? 0;
        var to = end ?? songSeconds;
        if (from < 0 || to > songSeconds + 0.05 || from >= to)
            return new("Excerpt", ExcerptRange, Math.Round(songSeconds, 1));
        if (to - from < MinExcerptSeconds)
            return new("Excerpt", ExcerptTooShort, MinExcerptSeconds);
        return null;
    }
}

/// <summary>How loud a section is against the rest of the song.</summary>
public enum SongEnergy
{
    Low,
    Medium,
    High,
}

/// <summary>A section's part in the song, named from where it is and how loud it is.</summary>
public enum SongSectionKind
{
    Intro,
    Verse,
    Chorus,
    Bridge,
    Outro,
}

/// <summary>A stretch of the song between two energy changes, from bar line to bar line (seconds).</summary>
public sealed record SongSection(int Number, SongSectionKind Kind, double Start, double End, SongEnergy Energy, double LoudnessDb)
{
    public double Duration => End - Start;

    /// <summary>Sections where lyrics are sung (plain lyrics are spread over these).</summary>
    public bool IsVocal => Kind is not (SongSectionKind.Intro or SongSectionKind.Outro);
}

/// <summary>What the analysis found in a song: its tempo, where its beats fall and its sections (all in seconds).</summary>
public sealed record SongAnalysis(double DurationSeconds, double Tempo, IReadOnlyList<double> Beats, IReadOnlyList<SongSection> Sections)
{
    /// <summary>Seconds between two beats.</summary>
    public double BeatPeriod => Tempo > 0 ? 60.0 / Tempo : 0.5;

    /// <summary>The part of the analysis inside an excerpt, with times counted from the excerpt's start.</summary>
    public SongAnalysis Excerpt(double start, double end)
    {
        var beats = Beats.Where(b => b >= start - 1e-6 && b < end).Select(b => b - start).ToList();
        var sections = Sections
            .Where(s => s.End > start + 0.5 && s.Start < end - 0.5)
            .Select((s, i) => s with { Number = i + 1, Start = Math.Max(s.Start, start) - start, End = Math.Min(s.End, end) - start })
            .ToList();
        return new(end - start, Tempo, beats, sections);
    }
}
