using DreamX.Domain.Scripts;

namespace DreamX.Domain.MusicVideos;

/// <summary>A shot of a music video: its beat-to-beat span, framing, camera move and what the picture shows.</summary>
public sealed record MusicVideoShotPlan(int Section, int Number, double Start, double End, ShotType ShotType, CameraMove Move, string Prompt)
{
    public double Duration => End - Start;
}

/// <summary>A scene of a music video: one per section of the song, with its lyric lines and its shots.</summary>
public sealed record MusicVideoScenePlan(
    int Section, SongSectionKind Kind, SongEnergy Energy, double Start, double End, string Setting,
    IReadOnlyList<TimedLyric> Lyrics, IReadOnlyList<MusicVideoShotPlan> Shots);

/// <summary>
/// The offline plan of a music video from the song map: a scene per section (its setting from the idea and the
/// section's part in the song), its shots cut on beats by <see cref="SongMapPlanner"/>, framed and moved by the
/// section's energy (loud: close and punchy zooms that alternate direction with each cut; medium: medium shots panning;
/// quiet: wide shots with a slow push in), and each shot's picture described from the idea and the lyric line sung over it.
/// </summary>
public static class MusicVideoPlanner
{
    public static IReadOnlyList<MusicVideoScenePlan> Plan(SongAnalysis song, IReadOnlyList<TimedLyric> lyrics, string idea, string language)
    {
        var chinese = language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var concept = idea.Trim();
        var scenes = new List<MusicVideoScenePlan>();
        foreach (var section in song.Sections)
        {
            var sung = lyrics.Where(l => l.Section == section.Number).ToList();
            var setting = Setting(section, concept, chinese);
            var shots = SongMapPlanner.CutSection(section, song.Beats, song.BeatPeriod)
                .Select(cut =>
                {
                    var line = sung.LastOrDefault(l => l.Start <= cut.Start + 0.05) ?? sung.FirstOrDefault(l => l.Start < cut.End);
                    var (type, move) = Framing(section.Energy, cut.Number);
                    return new MusicVideoShotPlan(section.Number, cut.Number, cut.Start, cut.End, type, move, Prompt(setting, line?.Text, type, chinese));
                })
                .ToList();
            scenes.Add(new(section.Number, section.Kind, section.Energy, section.Start, section.End, setting, sung, shots));
        }
        return scenes;
    }

    /// <summary>
    /// The song map's sections: each analysed section with its lyric lines and what its pictures show (from the
    /// visual concept, <paramref name="concept"/>, and the section's part in the song).
    /// </summary>
    public static IReadOnlyList<SongMapSection> SongMap(SongAnalysis song, IReadOnlyList<TimedLyric> lyrics, string concept, string language)
    {
        var chinese = IsChinese(language);
        return song.Sections.Select(section => new SongMapSection(
                section.Number, section.Kind, Math.Round(section.Start, 3), Math.Round(section.End, 3), section.Energy,
                Setting(section, concept.Trim(), chinese),
                lyrics.Where(l => l.Section == section.Number)
                    .Select(l => new SongMapLyric(Math.Round(l.Start, 3), Math.Round(l.End, 3), l.Text)).ToList()))
            .ToList();
    }

    /// <summary>
    /// The shots of one song-map section: cut on its beats (<see cref="SongMapPlanner.CutSection"/>), framed and moved
    /// by its energy, each picture described from the section's look and the lyric line sung over it.
    /// </summary>
    public static IReadOnlyList<MusicVideoShotPlan> Shots(SongMapSection section, IReadOnlyList<double> beats, double beatPeriod, string language)
    {
        var chinese = IsChinese(language);
        return SongMapPlanner.CutSection(section.ToSection(), beats, beatPeriod)
            .Select(cut =>
            {
                var line = section.Lyrics.LastOrDefault(l => l.Start <= cut.Start + 0.05) ?? section.Lyrics.FirstOrDefault(l => l.Start < cut.End);
                var (type, move) = Framing(section.Energy, cut.Number);
                return new MusicVideoShotPlan(section.Number, cut.Number, cut.Start, cut.End, type, move, Prompt(section.Look, line?.Text, type, chinese));
            })
            .ToList();
    }

    private static bool IsChinese(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    /// <summary>The framing and camera move of the <paramref name="number"/>th shot of a section of this energy.</summary>
    public static (ShotType Type, CameraMove Move) Framing(SongEnergy energy, int number) => energy switch
    {
        SongEnergy.High => (number % 2 == 1 ? ShotType.CloseUp : ShotType.MediumCloseUp, number % 2 == 1 ? CameraMove.ZoomIn : CameraMove.ZoomOut),
        SongEnergy.Medium => (number % 3 == 0 ? ShotType.MediumWide : ShotType.Medium, number % 2 == 1 ? CameraMove.PanRight : CameraMove.PanLeft),
        _ => (number == 1 ? ShotType.Establishing : ShotType.Wide, number % 2 == 1 ? CameraMove.ZoomIn : CameraMove.PanUp),
    };

    private static string Setting(SongSection section, string idea, bool chinese) => (section.Kind, chinese) switch
    {
        (SongSectionKind.Intro, true) => $"开场：{idea}，安静的远景，光线渐起",
        (SongSectionKind.Intro, false) => $"Opening: {idea}, a quiet wide view as the light comes up",
        (SongSectionKind.Chorus, true) => $"副歌：{idea}，情绪最高处，强烈的色彩和动作",
        (SongSectionKind.Chorus, false) => $"Chorus: {idea}, at its peak, bold colour and movement",
        (SongSectionKind.Bridge, true) => $"过渡：{idea}，安静的片刻，留白",
        (SongSectionKind.Bridge, false) => $"Bridge: {idea}, a still moment with room to breathe",
        (SongSectionKind.Outro, true) => $"尾声：{idea}，画面慢慢远去",
        (SongSectionKind.Outro, false) => $"Outro: {idea}, the picture drifting away",
        (_, true) => $"主歌：{idea}，故事在展开",
        _ => $"Verse: {idea}, the story unfolding",
    };

    private static string Prompt(string setting, string? line, ShotType type, bool chinese) =>
        string.IsNullOrWhiteSpace(line)
            ? $"{setting} ({type})"
            : chinese ? $"{setting}；歌词：“{line}”（{type}）" : $"{setting}; lyric: \"{line}\" ({type})";
}
