using System.Globalization;
using DreamX.Domain.Canvas;
using DreamX.Domain.Common;

namespace DreamX.Domain.MusicVideos;

/// <summary>
/// A music video's song map, the node that stands where a drama has its script: the song (or its excerpt) as sections
/// with their time ranges (seconds from the video's start), how loud each is, the lyric lines sung in it and what its
/// pictures show. A scene is made per section and its shots are cut on the section's beats.
/// </summary>
public sealed class SongMap : CanvasNode
{
    public override NodeKind Kind => NodeKind.SongMap;

    /// <summary>The song's tempo (beats per minute), as the analysis found it.</summary>
    public double Tempo { get; set; }

    /// <summary>How long the video runs: the song, or the chosen excerpt.</summary>
    public double DurationSeconds { get; set; }

    /// <summary>The sections in order, each with its lyric lines.</summary>
    public List<SongMapSection> Sections { get; set; } = [];

    /// <summary>Every lyric line on the video's timeline, in order (the subtitles).</summary>
    public IReadOnlyList<TimedLyric> Lyrics() =>
        Sections.SelectMany(s => s.Lyrics.Select(l => new TimedLyric(s.Number, l.Start, l.End, l.Text))).OrderBy(l => l.Start).ToList();
}

/// <summary>One section of the song map: its span, part and energy, what its pictures show and its lyric lines.</summary>
public sealed record SongMapSection(
    int Number, SongSectionKind Kind, double Start, double End, SongEnergy Energy, string Look, IReadOnlyList<SongMapLyric> Lyrics)
{
    public double Duration => End - Start;

    /// <summary>The section as the beat cutter takes it.</summary>
    public SongSection ToSection() => new(Number, Kind, Start, End, Energy, 0);

    /// <summary>"Chorus 0:32–0:48" style label.</summary>
    public string Label(bool chinese) => $"{KindName(Kind, chinese)} {Clock(Start)}–{Clock(End)}";

    public static string KindName(SongSectionKind kind, bool chinese) => (kind, chinese) switch
    {
        (SongSectionKind.Intro, true) => "前奏",
        (SongSectionKind.Verse, true) => "主歌",
        (SongSectionKind.Chorus, true) => "副歌",
        (SongSectionKind.Bridge, true) => "桥段",
        (SongSectionKind.Outro, true) => "尾奏",
        _ => kind.ToString(),
    };

    public static string Clock(double seconds)
    {
        var whole = (int)Math.Floor(seconds + 1e-6);
        return string.Create(CultureInfo.InvariantCulture, $"{whole / 60}:{whole % 60:00}");
    }
}

/// <summary>A lyric line of a section: when it shows and goes (seconds from the video's start) and its words.</summary>
public sealed record SongMapLyric(double Start, double End, string Text);

/// <summary>What a creator may change on a section of the song map: what its pictures show and its lyric lines.</summary>
public sealed record SongMapSectionEdit(int Number, string Look, IReadOnlyList<SongMapLyric> Lyrics);

/// <summary>The record of a song map's content kept in each of its versions.</summary>
public sealed record SongMapSnapshot(double Tempo, double DurationSeconds, IReadOnlyList<SongMapSection> Sections)
{
    public static SongMapSnapshot Of(SongMap map) => new(map.Tempo, map.DurationSeconds, map.Sections);
}

/// <summary>
/// The rules of a song map edit, shared by the canvas and the API: a section's look is required and short enough for a
/// picture's prompt; a lyric line has words, fits on screen, lasts at least a fifth of a second, starts inside its
/// section and ends inside the video (a sung line may run over into the next section); the lines of a section do not
/// overlap. Section times are the song's (they follow its analysis).
/// </summary>
public static class SongMapRules
{
    public const int LookMaxLength = 600;
    public const int LyricMaxLength = LyricsParser.LineMaxLength;
    public const int MaxLyricsPerSection = 60;

    /// <summary>How far a line may reach past its section's edge (the rounding of times shown to the creator).</summary>
    public const double Tolerance = 0.05;

    public const string UnknownSection = "songmap.unknown_section";
    public const string SectionsCount = "songmap.sections_count";
    public const string LookRequired = "songmap.look_required";
    public const string LookTooLong = "songmap.look_too_long";
    public const string TooManyLyrics = "songmap.too_many_lyrics";
    public const string LyricRequired = "songmap.lyric_required";
    public const string LyricTooLong = "songmap.lyric_too_long";
    public const string LyricTimes = "songmap.lyric_times";
    public const string LyricOutside = "songmap.lyric_outside";
    public const string LyricsOverlap = "songmap.lyrics_overlap";

    /// <summary>The first broken rule of an edit of <paramref name="map"/>'s sections (arguments: section number, line number), or none.</summary>
    public static IReadOnlyList<ValidationError> Validate(SongMap map, IReadOnlyList<SongMapSectionEdit> edits)
    {
        var errors = new List<ValidationError>();
        if (edits.Count != map.Sections.Count || edits.Select(e => e.Number).Distinct().Count() != edits.Count)
        {
            errors.Add(new("Sections", SectionsCount, map.Sections.Count));
            return errors;
        }
        foreach (var edit in edits.OrderBy(e => e.Number))
        {
            var section = map.Sections.FirstOrDefault(s => s.Number == edit.Number);
            if (section is null)
            {
                errors.Add(new("Sections", UnknownSection, edit.Number));
                return errors;
            }
            if (string.IsNullOrWhiteSpace(edit.Look))
                errors.Add(new("Look", LookRequired, edit.Number));
            else if (edit.Look.Trim().Length > LookMaxLength)
                errors.Add(new("Look", LookTooLong, edit.Number, LookMaxLength));
            if (edit.Lyrics.Count > MaxLyricsPerSection)
                errors.Add(new("Lyrics", TooManyLyrics, edit.Number, MaxLyricsPerSection));
            var lines = edit.Lyrics.OrderBy(l => l.Start).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                var line = lines[i];
                var number = i + 1;
                if (string.IsNullOrWhiteSpace(line.Text))
                    errors.Add(new("Lyrics", LyricRequired, edit.Number, number));
                else if (new StringInfo(line.Text.Trim()).LengthInTextElements > LyricMaxLength)
                    errors.Add(new("Lyrics", LyricTooLong, edit.Number, number, LyricMaxLength));
                if (!double.IsFinite(line.Start) || !double.IsFinite(line.End) || line.End - line.Start < 0.2)
                    errors.Add(new("Lyrics", LyricTimes, edit.Number, number));
                else if (line.Start < section.Start - Tolerance || line.Start >= section.End || line.End > map.DurationSeconds + Tolerance)
                    errors.Add(new("Lyrics", LyricOutside, edit.Number, number, SongMapSection.Clock(section.Start), SongMapSection.Clock(section.End)));
                else if (i > 0 && line.Start < lines[i - 1].End - Tolerance)
                    errors.Add(new("Lyrics", LyricsOverlap, edit.Number, number));
            }
            if (errors.Count > 0)
                return errors;
        }
        return errors;
    }
}
