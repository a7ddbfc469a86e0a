using DreamX.Domain.MusicVideos;

namespace DreamX.Tests.Domain.MusicVideos;

/// <summary>Lyrics on the song's timeline and shots cut on its beats.</summary>
public sealed class SongMapPlannerTests
{
    /// <summary>A 64-second song at 120 BPM: quiet intro (0-8), verse (8-24), chorus (24-40), verse (40-56), quiet outro (56-64).</summary>
    private static SongAnalysis Song()
    {
        var beats = Enumerable.Range(0, 128).Select(i => i * 0.5).ToList();
        return new SongAnalysis(64, 120, beats,
        [
            new(1, SongSectionKind.Intro, 0, 8, SongEnergy.Low, -30),
            new(2, SongSectionKind.Verse, 8, 24, SongEnergy.Medium, -20),
            new(3, SongSectionKind.Chorus, 24, 40, SongEnergy.High, -12),
            new(4, SongSectionKind.Verse, 40, 56, SongEnergy.Medium, -20),
            new(5, SongSectionKind.Outro, 56, 64, SongEnergy.Low, -30),
        ]);
    }

    [Fact]
    public void Plain_lyrics_are_spread_over_the_vocal_sections_in_order_each_line_starting_on_a_beat()
    {
        var song = Song();
        var lyrics = new Lyrics(Enumerable.Range(1, 12).Select(i => new LyricLine(null, $"line {i}")).ToList(), false);

        var placed = SongMapPlanner.PlaceLyrics(lyrics, song);

        Assert.Equal(lyrics.Lines.Select(l => l.Text), placed.Select(p => p.Text));
        Assert.All(placed, p => Assert.InRange(p.Section, 2, 4));
        Assert.Equal([4, 4, 4], placed.GroupBy(p => p.Section).Select(g => g.Count()).ToArray());
        Assert.All(placed, p => Assert.Contains(p.Start, song.Beats));
        Assert.All(placed.Zip(placed.Skip(1)), pair => Assert.True(pair.First.End <= pair.Second.Start + 1e-9));
    }

    [Fact]
    public void Lrc_lines_keep_their_times_shifted_by_the_excerpt_and_end_at_the_next_line()
    {
        // A line already being sung when the excerpt starts shows until the next one; lines after its end are left out.
        var song = Song().Excerpt(8, 40);
        var lyrics = new Lyrics([new(5, "before"), new(10, "a"), new(13.25, "b"), new(30, "c"), new(45, "after")], true);

        var placed = SongMapPlanner.PlaceLyrics(lyrics, song, excerptStart: 8);

        Assert.Equal([("before", 0.0, 2.0), ("a", 2.0, 5.25), ("b", 5.25, 13.25), ("c", 22.0, 30.0)], placed.Select(p => (p.Text, p.Start, p.End)).ToArray());
        Assert.Equal(32, song.DurationSeconds);
        Assert.Equal([1, 2], song.Sections.Select(s => s.Number).ToArray());
        Assert.Equal(0, song.Beats[0]);
    }

    [Fact]
    public void Shots_are_cut_on_beats_and_faster_in_loud_sections()
    {
        var song = Song();
        var shots = SongMapPlanner.CutAll(song);

        Assert.Equal(0, shots[0].Start);
        Assert.Equal(64, shots[^1].End);
        Assert.All(shots.Zip(shots.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        Assert.All(shots, s => Assert.Contains(s.Start, song.Beats));
        Assert.All(shots, s => Assert.InRange(s.Duration, SongMapPlanner.MinShotSeconds, SongMapPlanner.MaxShotSeconds));

        double Average(int section) => shots.Where(s => s.Section == section).Average(s => s.Duration);
        Assert.Equal(2.0, Average(3));  // chorus: a bar (4 beats at 120 BPM)
        Assert.Equal(4.0, Average(2));  // verse: two bars
        Assert.Equal(8.0, Average(1));  // intro: four bars
        Assert.True(Average(3) < Average(2) && Average(2) < Average(1));
    }

    [Fact]
    public void A_slow_song_still_keeps_shots_within_the_limits()
    {
        var beats = Enumerable.Range(0, 20).Select(i => i * 1.5).ToList(); // 40 BPM
        var section = new SongSection(1, SongSectionKind.Verse, 0, 30, SongEnergy.Low, -20);

        var shots = SongMapPlanner.CutSection(section, beats, 1.5);

        Assert.All(shots, s => Assert.InRange(s.Duration, SongMapPlanner.MinShotSeconds, SongMapPlanner.MaxShotSeconds));
        Assert.All(shots, s => Assert.Contains(s.Start, beats));
    }

    [Fact]
    public void The_plan_has_a_scene_per_section_with_its_lyrics_and_camera_moves_that_follow_the_energy()
    {
        var song = Song();
        var lyrics = SongMapPlanner.PlaceLyrics(new Lyrics(Enumerable.Range(1, 6).Select(i => new LyricLine(null, $"歌词{i}")).ToList(), false), song);

        var scenes = MusicVideoPlanner.Plan(song, lyrics, "夏夜的城市天台", "zh-CN");

        Assert.Equal(song.Sections.Select(s => s.Number), scenes.Select(s => s.Section));
        Assert.Equal(SongMapPlanner.CutAll(song).Select(c => (c.Start, c.End)), scenes.SelectMany(s => s.Shots).Select(s => (s.Start, s.End)));
        Assert.Empty(scenes[0].Lyrics);
        Assert.Equal(6, scenes.Sum(s => s.Lyrics.Count));
        Assert.All(scenes, s => Assert.Contains("夏夜的城市天台", s.Setting));
        var chorus = scenes.Single(s => s.Kind == SongSectionKind.Chorus);
        Assert.All(chorus.Shots, s => Assert.Contains(s.Move, new[] { DreamX.Domain.Scripts.CameraMove.ZoomIn, DreamX.Domain.Scripts.CameraMove.ZoomOut }));
        Assert.All(chorus.Shots.Zip(chorus.Shots.Skip(1)), p => Assert.NotEqual(p.First.Move, p.Second.Move));
        Assert.Contains(chorus.Shots, s => s.Prompt.Contains("歌词", StringComparison.Ordinal));
    }
}
