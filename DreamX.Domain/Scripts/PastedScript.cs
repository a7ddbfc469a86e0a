using System.Text.RegularExpressions;

namespace DreamX.Domain.Scripts;

/// <summary>A line someone says in a pasted script; no speaker means narration.</summary>
public sealed record PastedLine(string? Speaker, string Text, string? Emotion);

/// <summary>A scene of a pasted script: its heading's parts, its action and its lines in order.</summary>
public sealed record PastedScene(SceneSetting Setting, string Location, TimeOfDay TimeOfDay, IReadOnlyList<string> Actions, IReadOnlyList<PastedLine> Lines);

/// <summary>An episode of a pasted script (a script without episode markers is one episode).</summary>
public sealed record PastedEpisode(int Number, string? Title, IReadOnlyList<PastedScene> Scenes);

/// <summary>
/// A script the creator pasted into a <c>script_based</c> project, read into episodes, scenes, action and lines.
/// Reads what short-drama scripts are written in: headings such as "INT. WARD 7 - NIGHT", "1-2 医院走廊 夜 内" or
/// "内景 天台 日"; dialogue as "LENA (angry): ..." / "林娜（愤怒）：..." or a screenplay's name line above its speech;
/// narration as "旁白：" / "NARRATOR:" / "(V.O.)"; action marked "△" or written plain; episodes as "第2集" / "EPISODE 2".
/// </summary>
public sealed partial record PastedScript(IReadOnlyList<PastedEpisode> Episodes)
{
    /// <summary>Everyone who speaks, most lines first (ties in order of appearance).</summary>
    public IReadOnlyList<string> Speakers => Episodes.SelectMany(e => e.Scenes).SelectMany(s => s.Lines)
        .Where(l => l.Speaker is not null).Select((l, i) => (l.Speaker!, i))
        .GroupBy(x => x.Item1).OrderByDescending(g => g.Count()).ThenBy(g => g.Min(x => x.i)).Select(g => g.Key).ToList();

    public bool HasScenes => Episodes.Any(e => e.Scenes.Count > 0);

    public static PastedScript Parse(string text)
    {
        var reader = new Reader();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
                continue;
            if (EpisodeMarker().Match(line) is { Success: true } episode)
            {
                reader.StartEpisode(episode.Groups["title"].Value.Trim(' ', ':', '：', '-', '—'));
                continue;
            }
            if (Heading.TryRead(line) is { } heading)
            {
                reader.StartScene(heading);
                continue;
            }
            if (Inline().Match(line) is { Success: true } said && !LooksLikeSentence(said.Groups["name"].Value))
            {
                reader.Say(said.Groups["name"].Value, said.Groups["text"].Value, said.Groups["emotion"].Value);
                continue;
            }
            if (NameLine().Match(line) is { Success: true } name && NextSpeech(lines, i) is { } speech)
            {
                reader.Say(name.Groups["name"].Value, speech.Text, speech.Emotion);
                i = speech.LastIndex;
                continue;
            }
            reader.Act(line.TrimStart('△', '▲', '*', ' ').Trim('【', '】', '[', ']'));
        }
        return new PastedScript(reader.Finish());
    }

    // "Then she said: no" is a sentence with a colon, not a speaker: speakers are short names without spaces in
    // Chinese and at most three words in English.
    private static bool LooksLikeSentence(string name) =>
        name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > 3 || name.EndsWith('.');

    /// <summary>The speech below a screenplay name line: an optional "(parenthetical)", then lines up to a blank one.</summary>
    private static (string Text, string? Emotion, int LastIndex)? NextSpeech(string[] lines, int nameIndex)
    {
        string? emotion = null;
        var parts = new List<string>();
        var i = nameIndex + 1;
        for (; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || Heading.TryRead(line) is not null || (NameLine().IsMatch(line) && parts.Count > 0))
                break;
            if (parts.Count == 0 && emotion is null && Parenthetical().Match(line) is { Success: true } p)
                emotion = p.Groups[1].Value.Trim();
            else
                parts.Add(line);
        }
        return parts.Count == 0 ? null : (string.Join(" ", parts), emotion, i - 1);
    }

    private sealed class Reader
    {
        private readonly List<PastedEpisode> _episodes = [];
        private List<PastedScene> _scenes = [];
        private string? _title;
        private Heading? _heading;
        private List<string> _actions = [];
        private List<PastedLine> _lines = [];

        public void StartEpisode(string title)
        {
            EndScene();
            if (_scenes.Count > 0 || _title is not null)
                _episodes.Add(new PastedEpisode(_episodes.Count + 1, _title, _scenes));
            _scenes = [];
            _title = title.Length > 0 ? title : null;
        }

        public void StartScene(Heading heading)
        {
            EndScene();
            _heading = heading;
        }

        public void Act(string text)
        {
            if (text.Length > 0)
                _actions.Add(text);
        }

        public void Say(string name, string text, string? emotion)
        {
            var speaker = Speaker(name);
            text = text.Trim();
            // "(V.O.)" where an emotion would be says how the line is heard, not how it is said.
            if (emotion is not null && VoiceMark().IsMatch($"({emotion.Trim()})"))
                emotion = null;
            if (text.Length > 0)
                _lines.Add(new PastedLine(speaker, text, string.IsNullOrWhiteSpace(emotion) ? null : emotion.Trim()));
        }

        public IReadOnlyList<PastedEpisode> Finish()
        {
            StartEpisode("");
            return _episodes.Where(e => e.Scenes.Count > 0)
                .Select((e, i) => e with { Number = i + 1 }).ToList();
        }

        private void EndScene()
        {
            if (_actions.Count == 0 && _lines.Count == 0)
                return;
            var heading = _heading ?? new Heading(SceneSetting.Interior, "", TimeOfDay.Day);
            _scenes.Add(new PastedScene(heading.Setting, heading.Location, heading.Time, _actions, _lines));
            _actions = [];
            _lines = [];
            _heading = null;
        }

        // A name with its voice marks ("LENA (V.O.)", "林娜（画外音）") is the name; the narrator is nobody. A screenplay's
        // capitals are a cue, not the name: "DR. CHEN" is Dr. Chen.
        private static string? Speaker(string name)
        {
            var clean = VoiceMark().Replace(name, "").Trim();
            if (Narrators.Contains(clean))
                return null;
            return clean.Any(char.IsLower) || !clean.Any(char.IsAsciiLetterUpper)
                ? clean
                : System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(clean.ToLowerInvariant());
        }
    }

    private static readonly HashSet<string> Narrators = new(StringComparer.OrdinalIgnoreCase)
    {
        "旁白", "画外音", "独白", "NARRATOR", "NARRATION", "V.O.", "VO",
    };

    /// <summary>A scene heading's parts.</summary>
    private sealed partial record Heading(SceneSetting Setting, string Location, TimeOfDay Time)
    {
        public static Heading? TryRead(string line)
        {
            if (EnglishHeading().Match(line) is { Success: true } en)
            {
                var setting = en.Groups["io"].Value.StartsWith("EXT", StringComparison.OrdinalIgnoreCase) ? SceneSetting.Exterior : SceneSetting.Interior;
                var (location, time) = SplitTime(en.Groups["rest"].Value);
                return new Heading(setting, location, time);
            }
            if (ChineseHeading().Match(line) is { Success: true } zh)
            {
                var rest = zh.Groups["rest"].Value;
                var setting = zh.Groups["io"].Value.StartsWith('外') || Regex.IsMatch(rest, @"(^|[\s/（(·])外(景)?([\s/）)·]|$)")
                    ? SceneSetting.Exterior : SceneSetting.Interior;
                rest = Regex.Replace(rest, @"(^|[\s/（(·])(内|外)(景)?(?=[\s/）)·]|$)", " ");
                var (location, time) = SplitTime(rest);
                return new Heading(setting, location, time);
            }
            return null;
        }

        private static (string Location, TimeOfDay Time) SplitTime(string rest)
        {
            var time = TimeOfDay.Day;
            var location = rest;
            foreach (var (pattern, value) in TimeWords)
            {
                var match = Regex.Match(location, pattern, RegexOptions.IgnoreCase);
                if (!match.Success)
                    continue;
                time = value;
                location = location.Remove(match.Index, match.Length);
                break;
            }
            location = Regex.Replace(location, @"[\s\-–—/·,，（）()]+$|^[\s\-–—/·,，（）()：:.]+", "");
            location = Regex.Replace(location, @"\s*[\-–—]\s*$", "").Trim();
            return (location, time);
        }

        // Longer words first, so "黄昏" is not read as "昏" and "深夜" not as "夜".
        private static readonly (string Pattern, TimeOfDay Time)[] TimeWords =
        [
            (@"\b(DAWN|SUNRISE|EARLY MORNING)\b", TimeOfDay.Dawn),
            (@"\b(DUSK|SUNSET|EVENING|TWILIGHT)\b", TimeOfDay.Dusk),
            (@"\b(NIGHT|MIDNIGHT|LATE NIGHT)\b", TimeOfDay.Night),
            (@"\b(DAY|MORNING|AFTERNOON|NOON|CONTINUOUS|LATER)\b", TimeOfDay.Day),
            ("(黎明|清晨|拂晓|凌晨)", TimeOfDay.Dawn),
            ("(黄昏|傍晚|日落)", TimeOfDay.Dusk),
            ("(深夜|夜晚|晚上|午夜|夜)", TimeOfDay.Night),
            ("(白天|上午|下午|中午|早上|日)", TimeOfDay.Day),
        ];

        [GeneratedRegex(@"^(?:\d+[A-Z]?[.)]?\s+)?(?<io>INT\.?\s*/\s*EXT|EXT\.?\s*/\s*INT|I/E|INT|EXT)[.\s]\s*(?<rest>.+)$", RegexOptions.IgnoreCase)]
        private static partial Regex EnglishHeading();

        // "1-2 医院走廊 夜 内", "场景三：天台（日/外）", "第3场 内景 病房 夜", "内景 病房 夜".
        [GeneratedRegex(@"^(?:(?:第\s*[0-9一二三四五六七八九十百]+\s*场|场景?\s*[0-9一二三四五六七八九十百]+)\s*[:：、.]?\s*|场景?\s*[:：]\s*|\d+\s*[-–.、]\s*\d+\s+)(?<io>内景|外景)?\s*(?<rest>.+)$|^(?<io>内景|外景)[\s.。、·：:]*(?<rest>.+)$")]
        private static partial Regex ChineseHeading();
    }

    [GeneratedRegex(@"^(?:第\s*(?<n>[0-9一二三四五六七八九十百]+)\s*集|EPISODE\s+(?<n>\d+)|EP\.?\s*(?<n>\d+))\s*(?<title>.*)$", RegexOptions.IgnoreCase)]
    private static partial Regex EpisodeMarker();

    // "LENA (angry): text", "林娜（愤怒）：text", "旁白：text".
    [GeneratedRegex(@"^(?<name>[^:：()（）\[\]【】""“”]{1,24}?)\s*(?:[（(](?<emotion>[^)）]{1,20})[)）])?\s*[:：]\s*(?<text>.+)$")]
    private static partial Regex Inline();

    // A screenplay's character cue: a name in capitals on its own line, maybe with (V.O.) or (CONT'D).
    [GeneratedRegex(@"^(?<name>[A-Z][A-Z .'\-]{0,28}?)\s*(?:\((?:V\.O\.|O\.S\.|O\.C\.|CONT'D)\))?$")]
    private static partial Regex NameLine();

    [GeneratedRegex(@"^[（(]([^)）]{1,30})[)）]$")]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"\s*[（(](V\.O\.|O\.S\.|O\.C\.|CONT'D|画外音|内心独白|独白|电话)[)）]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex VoiceMark();
}
