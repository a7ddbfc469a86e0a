using System.Globalization;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Stories;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// A music video's story bible is its visual concept, not a drama's: a mood read from the idea (and, where the idea
/// says nothing about it, from how loud the song is), its palette and light, recurring motifs, and how each section of
/// the song looks (quiet sections wide and slow, loud ones close and cut fast on the beat); a performer only when the
/// idea has one. Written in the project's language, from the idea's own words and the song's analysed sections.
/// </summary>
internal static class MusicVideoConceptWriter
{
    /// <summary>A mood: its words, palette (name and hex), light and motifs, in both languages.</summary>
    private sealed record Mood(
        string Key, string[] Keywords, string NameZh, string NameEn,
        (string Zh, string En, string Hex)[] Palette, string LightZh, string LightEn, string[] MotifsZh, string[] MotifsEn);

    private static readonly Mood[] Moods =
    [
        new("neon", ["霓虹", "夜", "城市", "街", "天台", "neon", "night", "city", "street", "rooftop", "midnight"],
            "霓虹夜色", "neon-lit nocturnal",
            [("深夜蓝", "midnight blue", "#141B3C"), ("霓虹粉", "neon pink", "#FF3FA4"), ("电光青", "electric cyan", "#22D3EE"), ("琥珀灯", "amber", "#F5B041")],
            "路灯和霓虹招牌的侧光，湿润地面的反光", "side light from street lamps and neon signs, reflections on wet ground",
            ["闪烁的霓虹招牌", "车灯拉出的光轨", "玻璃上的倒影"], ["flickering neon signs", "light trails of passing cars", "reflections in glass"]),
        new("sunlit", ["夏", "海", "阳光", "沙滩", "风", "summer", "sea", "sun", "beach", "wind", "ocean"],
            "明亮的夏日", "sunlit summer",
            [("天空蓝", "sky blue", "#5DADE2"), ("浪花白", "foam white", "#F4F6F7"), ("沙金", "sand gold", "#F4D03F"), ("珊瑚橙", "coral", "#FF7F50")],
            "午后的逆光和海面的闪光", "afternoon backlight and glitter on the water",
            ["被风吹起的衣角", "海面上的光斑", "飞过的海鸥"], ["clothes lifted by the wind", "sparkles on the water", "gulls passing over"]),
        new("melancholy", ["雨", "离别", "思念", "孤独", "伤", "回忆", "rain", "goodbye", "lonely", "miss", "memory", "tears"],
            "安静的忧伤", "quiet melancholy",
            [("雨灰", "rain grey", "#5D6D7E"), ("暗青", "deep teal", "#1B4F72"), ("旧纸黄", "faded paper", "#D5C4A1"), ("冷白", "cold white", "#E5E8E8")],
            "阴天的柔光，窗边的冷色调", "soft overcast light, cool tones by a window",
            ["玻璃上的雨滴", "空着的座位", "慢慢熄灭的灯"], ["raindrops on glass", "an empty seat", "a light slowly going out"]),
        new("euphoric", ["跳舞", "派对", "狂欢", "舞", "节日", "dance", "party", "festival", "club", "celebrate"],
            "热烈的狂欢", "euphoric",
            [("热烈红", "hot red", "#E74C3C"), ("电紫", "electric violet", "#8E44AD"), ("金色", "gold", "#F1C40F"), ("夜黑", "night black", "#111111")],
            "跟着节拍闪动的彩色灯光", "coloured lights that flash on the beat",
            ["跟着节拍闪动的灯", "飞舞的彩带", "跳动的人群剪影"], ["lights flashing on the beat", "streamers in the air", "silhouettes of a dancing crowd"]),
        new("dreamy", ["梦", "星", "月", "云", "花", "dream", "star", "moon", "cloud", "flower", "sky"],
            "柔和的梦境", "dreamy",
            [("薰衣草紫", "lavender", "#B39DDB"), ("雾粉", "misty pink", "#F8BBD0"), ("月光白", "moonlight", "#FDFEFE"), ("夜空蓝", "night sky", "#283593")],
            "柔焦的光晕和漂浮的光点", "soft-focus glow and floating specks of light",
            ["漂浮的光点", "缓慢飘动的纱", "星空"], ["floating specks of light", "slowly drifting veils", "a starry sky"]),
        new("warm", [],
            "温暖的怀旧", "warm and nostalgic",
            [("暖橙", "warm orange", "#E67E22"), ("奶油白", "cream", "#FDEBD0"), ("棕木", "wood brown", "#6E2C00"), ("暮光粉", "dusk pink", "#F1948A")],
            "傍晚的金色光线", "golden evening light",
            ["旧照片", "窗外的晚霞", "街角的灯"], ["old photographs", "a sunset through the window", "a street-corner lamp"]),
    ];

    /// <summary>Words that put a person in the picture (the video then has a performer): Chinese ones anywhere, English ones as words.</summary>
    private static readonly string[] PersonWordsZh = ["一个人", "我", "她", "他", "女孩", "男孩", "歌手", "舞者", "少年", "少女"];

    private static readonly HashSet<string> PersonWordsEn =
        new(["i", "i'm", "me", "she", "he", "her", "him", "girl", "boy", "singer", "dancer", "woman", "man", "someone", "performer"], StringComparer.Ordinal);

    public static StoryBibleDraft Write(StoryBibleContext context)
    {
        var checkpoint = context.Checkpoint;
        var zh = checkpoint.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var idea = Idea(checkpoint.Idea, zh);
        var song = context.Song;
        var mood = MoodOf(checkpoint.Idea, song);
        var performer = HasPerson(checkpoint.Idea);
        var title = string.IsNullOrWhiteSpace(checkpoint.Title) ? Cut(idea, 20) : checkpoint.Title.Trim();
        var palette = string.Join(zh ? "、" : ", ", mood.Palette.Select(c => zh ? $"{c.Zh} {c.Hex}" : $"{c.En} {c.Hex}"));
        var motifs = (zh ? mood.MotifsZh : mood.MotifsEn).ToList();
        var sections = SectionsOf(song);
        var looks = sections.Select(s => Look(s, idea, mood, motifs, performer, zh)).ToList();
        var pace = song is { Tempo: > 0 } ? Pace(song, zh) : zh ? "剪辑跟着音乐的起伏" : "cutting that follows the music's rise and fall";

        var logline = zh
            ? $"一支{mood.NameZh}的音乐视频：{idea}。"
            : $"A {mood.NameEn} music video: {idea}.";
        var world = zh
            ? $"{idea}。色板：{palette}。光线：{mood.LightZh}。"
            : $"{Capital(idea)}. Palette: {palette}. Light: {mood.LightEn}.";
        var performerLine = performer
            ? zh ? "表演者：想法里的主角，在近景里唱或跳，远景里是风景的一部分。" : "Performer: the idea's lead, singing or dancing in the close shots and part of the scenery in the wide ones."
            : zh ? "没有表演者：画面本身讲述这首歌。" : "No performer: the pictures carry the song.";
        var synopsis = string.Join(zh ? "" : " ", looks.Append(performerLine));
        var tone = zh ? $"{mood.NameZh}；{pace}" : $"{Capital(mood.NameEn)}; {pace}";
        var opening = looks.FirstOrDefault() ?? idea;
        var closing = zh
            ? $"最后的画面：{motifs[^1]}，{idea}，慢慢淡出。"
            : $"The last image: {motifs[^1]}, {idea}, fading out.";
        var plan = new EpisodePlanEntry(1, title, zh ? $"从安静到高潮再回落：{idea}。" : $"From stillness to the peak and back: {idea}.", Cut(opening, 120), closing);
        var themes = motifs.Prepend(zh ? $"{mood.Palette[1].Zh}的光" : $"{mood.Palette[1].En} light").Take(4).ToList();
        return new StoryBibleDraft(title, zh ? "音乐视频" : "Music video", logline, synopsis, world, themes, tone,
            Enumerable.Range(1, Math.Max(1, checkpoint.EpisodeCount)).Select(n => n == 1 ? plan : plan with { Number = n }).ToList());
    }

    /// <summary>The mood the idea names (most keywords); else the song's: loud for a third of it or more is euphoric, mostly quiet is dreamy.</summary>
    private static Mood MoodOf(string idea, SongBrief? song)
    {
        var text = idea.ToLowerInvariant();
        var best = Moods.Select(m => (Mood: m, Score: m.Keywords.Count(k => text.Contains(k, StringComparison.Ordinal))))
            .Where(m => m.Score > 0).OrderByDescending(m => m.Score).Select(m => m.Mood).FirstOrDefault();
        if (best is not null)
            return best;
        if (song is { Sections.Count: > 0, DurationSeconds: > 0 })
        {
            double Share(SongEnergy energy) => song.Sections.Where(s => s.Energy == energy).Sum(s => s.End - s.Start) / song.DurationSeconds;
            if (Share(SongEnergy.High) >= 1.0 / 3)
                return Moods.Single(m => m.Key == "euphoric");
            if (Share(SongEnergy.Low) >= 0.5)
                return Moods.Single(m => m.Key == "dreamy");
        }
        return Moods.Single(m => m.Key == "warm");
    }

    private static bool HasPerson(string idea)
    {
        var text = idea.ToLowerInvariant();
        var chinese = text.Replace("其他", "", StringComparison.Ordinal);
        return PersonWordsZh.Any(w => chinese.Contains(w, StringComparison.Ordinal))
               || text.Split([' ', ',', '.', '!', '?', ';', ':', '"', '(', ')', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Any(PersonWordsEn.Contains);
    }

    /// <summary>The song's sections, or an opening, a build, a peak and a fade over an unknown song.</summary>
    private static IReadOnlyList<SongBriefSection> SectionsOf(SongBrief? song) =>
        song is { Sections.Count: > 0 }
            ? song.Sections
            : [new(1, SongSectionKind.Intro, SongEnergy.Low, 0, 0), new(2, SongSectionKind.Verse, SongEnergy.Medium, 0, 0),
               new(3, SongSectionKind.Chorus, SongEnergy.High, 0, 0), new(4, SongSectionKind.Outro, SongEnergy.Low, 0, 0)];

    /// <summary>How a section looks: named with its times, framed and cut by its energy, a motif of the concept in it.</summary>
    private static string Look(SongBriefSection section, string idea, Mood mood, IReadOnlyList<string> motifs, bool performer, bool zh)
    {
        var motif = motifs[(section.Number - 1) % motifs.Count];
        var times = section.End > section.Start ? $" {Clock(section.Start)}–{Clock(section.End)}" : "";
        var part = zh ? KindZh(section.Kind) : section.Kind.ToString();
        var colour = zh ? mood.Palette[Math.Min(mood.Palette.Length - 1, (int)section.Energy + 1)].Zh : mood.Palette[Math.Min(mood.Palette.Length - 1, (int)section.Energy + 1)].En;
        var who = performer ? zh ? "，表演者在画面里" : ", the performer in frame" : "";
        return (section.Energy, zh) switch
        {
            (SongEnergy.High, true) => $"{part}{times}（强）：近景和特写，跟着每个节拍快切，{colour}最亮，{motif}在动{who}。",
            (SongEnergy.High, false) => $"{part}{times} (loud): close-ups cut fast on every beat, {colour} at its brightest, {motif} in motion{who}.",
            (SongEnergy.Medium, true) => $"{part}{times}（中）：中景缓慢横移，{idea}，{motif}{who}。",
            (SongEnergy.Medium, false) => $"{part}{times} (medium): medium shots panning slowly, {idea}, {motif}{who}.",
            (_, true) => $"{part}{times}（弱）：远景慢慢推近，{colour}为主，{motif}，留白。",
            _ => $"{part}{times} (quiet): wide shots with a slow push in, mostly {colour}, {motif}, room to breathe.",
        };
    }

    private static string Pace(SongBrief song, bool zh)
    {
        var tempo = song.Tempo.ToString("0", CultureInfo.InvariantCulture);
        return zh ? $"{tempo} BPM，镜头切在节拍上，响亮的段落切得更快" : $"{tempo} BPM, cuts on the beat, faster in the loud sections";
    }

    private static string KindZh(SongSectionKind kind) => kind switch
    {
        SongSectionKind.Intro => "前奏",
        SongSectionKind.Chorus => "副歌",
        SongSectionKind.Bridge => "桥段",
        SongSectionKind.Outro => "尾声",
        _ => "主歌",
    };

    /// <summary>The idea as one clause: its first sentence, without end punctuation, at most 60 characters.</summary>
    private static string Idea(string idea, bool zh)
    {
        var text = idea.ReplaceLineEndings(" ").Trim();
        var end = text.IndexOfAny(zh ? ['。', '！', '？', '.', '!', '?'] : ['.', '!', '?', '。']);
        if (end > 0)
            text = text[..end];
        text = text.TrimEnd('，', ',', '；', ';', ' ');
        return text.Length == 0 ? (zh ? "一首歌的画面" : "the pictures of a song") : Cut(text, 60);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd();

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Clock(double seconds)
    {
        var whole = (int)Math.Round(seconds);
        return $"{whole / 60}:{whole % 60:00}";
    }
}
