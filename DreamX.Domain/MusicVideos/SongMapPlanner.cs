namespace DreamX.Domain.MusicVideos;

/// <summary>A lyric line placed on the song: when it shows and when it goes (seconds from the video's start).</summary>
public sealed record TimedLyric(int Section, double Start, double End, string Text);

/// <summary>A shot's place in the song: from one beat to a later one (seconds from the video's start).</summary>
public sealed record BeatShot(int Section, int Number, double Start, double End)
{
    public double Duration => End - Start;
}

/// <summary>
/// Lays a song out for the picture: lyric lines on the timeline (LRC lines keep their times; plain lines are spread
/// over the vocal sections, each starting on a beat) and shots cut on beats (short in loud sections, long in quiet ones).
/// </summary>
public static class SongMapPlanner
{
    /// <summary>A subtitle stays up at most this long when the next line is far away.</summary>
    public const double MaxLyricSeconds = 8;

    /// <summary>Shots never shorter than this (a flash is not a shot) nor longer than <see cref="MaxShotSeconds"/>.</summary>
    public const double MinShotSeconds = 1.2;
    public const double MaxShotSeconds = 8;

    /// <summary>Beats per shot by energy: a bar in a chorus, two in a verse, four in an intro.</summary>
    public static int BeatsPerShot(SongEnergy energy) => energy switch
    {
        SongEnergy.High => 4,
        SongEnergy.Medium => 8,
        _ => 16,
    };

    /// <summary>
    /// The lyric lines on the song's timeline (<paramref name="song"/> already cut to the excerpt, times from its start;
    /// <paramref name="excerptStart"/> shifts LRC times the same way). Lines outside the excerpt are left out.
    /// </summary>
    public static IReadOnlyList<TimedLyric> PlaceLyrics(Lyrics lyrics, SongAnalysis song, double excerptStart = 0)
    {
        if (lyrics.IsEmpty || song.Sections.Count == 0)
            return [];
        return lyrics.IsTimed ? PlaceTimed(lyrics, song, excerptStart) : SpreadPlain(lyrics, song);
    }

    private static List<TimedLyric> PlaceTimed(Lyrics lyrics, SongAnalysis song, double excerptStart)
    {
        var placed = new List<TimedLyric>();
        var lines = lyrics.Lines.Select(l => l with { Start = l.Start!.Value - excerptStart }).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var start = line.Start!.Value;
            if (line.Text.Length == 0 || start >= song.DurationSeconds)
                continue;
            var next = i + 1 < lines.Count ? lines[i + 1].Start!.Value : song.DurationSeconds;
            var end = Math.Min(Math.Min(next, start + MaxLyricSeconds), song.DurationSeconds);
            if (end <= 0)
                continue;
            start = Math.Max(0, start);
            if (end - start < 0.2)
                continue;
            placed.Add(new(SectionAt(song, start), start, end, line.Text));
        }
        return placed;
    }

    private static List<TimedLyric> SpreadPlain(Lyrics lyrics, SongAnalysis song)
    {
        var vocal = song.Sections.Where(s => s.IsVocal).ToList();
        if (vocal.Count == 0)
            vocal = [.. song.Sections];
        var total = vocal.Sum(s => s.Duration);
        var lines = lyrics.Lines.Select(l => l.Text).ToList();

        // Each vocal section gets lines in proportion to its length (largest remainders first), at least one while
        // lines last; the lines stay in order.
        var shares = vocal.Select(s => lines.Count * s.Duration / total).ToList();
        var counts = shares.Select(s => (int)Math.Floor(s)).ToList();
        foreach (var index in shares.Select((s, i) => (Remainder: s - Math.Floor(s), i)).OrderByDescending(x => x.Remainder).Select(x => x.i))
        {
            if (counts.Sum() >= lines.Count)
                break;
            counts[index]++;
        }

        var placed = new List<TimedLyric>();
        var next = 0;
        for (var s = 0; s < vocal.Count; s++)
        {
            var section = vocal[s];
            var count = counts[s];
            if (count == 0)
                continue;
            var slot = section.Duration / count;
            for (var k = 0; k < count && next < lines.Count; k++, next++)
            {
                var start = SnapToBeat(song.Beats, section.Start + k * slot, section.Start, section.End);
                var end = k + 1 < count ? SnapToBeat(song.Beats, section.Start + (k + 1) * slot, section.Start, section.End) : section.End;
                if (end - start < 0.5)
                    end = Math.Min(section.End, start + slot);
                placed.Add(new(section.Number, start, Math.Min(end, start + MaxLyricSeconds * 2), lines[next]));
            }
        }
        return placed;
    }

    /// <summary>
    /// The shots of one section, boundaries on beats: <see cref="BeatsPerShot"/> beats each, kept between
    /// <see cref="MinShotSeconds"/> and <see cref="MaxShotSeconds"/>; the last shot runs to the section's end.
    /// </summary>
    public static IReadOnlyList<BeatShot> CutSection(SongSection section, IReadOnlyList<double> beats, double beatPeriod)
    {
        var period = beatPeriod > 0 ? beatPeriod : 0.5;
        var perShot = BeatsPerShot(section.Energy);
        while (perShot * period > MaxShotSeconds && perShot > 1)
            perShot /= 2;
        while (perShot * period < MinShotSeconds)
            perShot *= 2;

        var inside = beats.Where(b => b > section.Start + 1e-3 && b < section.End - 1e-3).ToList();
        var cuts = new List<double> { section.Start };
        for (var i = perShot - 1; i < inside.Count; i += perShot)
        {
            // Cut on the beat that starts the next group (beat perShot after the section's first one).
            var cut = inside[i];
            if (cut - cuts[^1] >= MinShotSeconds * 0.99 && section.End - cut >= MinShotSeconds * 0.99)
                cuts.Add(cut);
        }
        // Without beats (a free-time passage) cut evenly so no shot outstays its welcome.
        if (inside.Count == 0 && section.Duration > MaxShotSeconds)
        {
            var pieces = (int)Math.Ceiling(section.Duration / MaxShotSeconds);
            for (var p = 1; p < pieces; p++)
                cuts.Add(section.Start + p * section.Duration / pieces);
        }
        cuts.Add(section.End);
        return cuts.Zip(cuts.Skip(1), (a, b) => (a, b)).Select((c, i) => new BeatShot(section.Number, i + 1, c.a, c.b)).ToList();
    }

    /// <summary>Every section's shots, in order.</summary>
    public static IReadOnlyList<BeatShot> CutAll(SongAnalysis song) =>
        song.Sections.SelectMany(s => CutSection(s, song.Beats, song.BeatPeriod)).ToList();

    /// <summary>The beat nearest <paramref name="time"/> inside [from, to), or the time itself when there is none within half a second.</summary>
    public static double SnapToBeat(IReadOnlyList<double> beats, double time, double from, double to)
    {
        var best = time;
        var distance = 0.5;
        foreach (var beat in beats)
        {
            if (beat < from || beat >= to)
                continue;
            var d = Math.Abs(beat - time);
            if (d < distance)
            {
                distance = d;
                best = beat;
            }
        }
        return best;
    }

    private static int SectionAt(SongAnalysis song, double time) =>
        (song.Sections.FirstOrDefault(s => time >= s.Start && time < s.End) ?? song.Sections[^1]).Number;
}
