using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using DreamX.Domain.Characters;
using DreamX.Domain.Scripts;
using JiebaNet.Segmenter.PosSeg;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// Reads an idea into <see cref="IdeaFacts"/>. Chinese is segmented by jieba.NET with part-of-speech tags (its dictionaries
/// ship in the output's jieba/ folder, so it works offline); the roles, kin, objects, places and times are then found from the
/// tags, a few function words (在/捡到/收到/回到...) and small lexicons of person nouns. English is read with simple patterns
/// around articles, possessives and discovery verbs. Ideas are read once and remembered.
/// </summary>
internal static partial class IdeaFactsReader
{
    private static readonly ConcurrentDictionary<(string, bool), IdeaFacts> Cache = new();

    public static IdeaFacts Read(string idea, bool chinese)
    {
        var text = (idea ?? "").Trim();
        if (text.Length == 0)
            return IdeaFacts.Empty("");
        if (Cache.Count > 2000)
            Cache.Clear();
        return Cache.GetOrAdd((text, chinese), key => key.Item2 ? ChineseIdea.Read(key.Item1) : EnglishIdea.Read(key.Item1));
    }

    internal static TimeOfDay? TimeOfDayOf(string? time)
    {
        if (string.IsNullOrEmpty(time))
            return null;
        var t = time.ToLowerInvariant();
        if (Regex.IsMatch(t, "夜|晚|凌晨|午夜|半夜|night|midnight|evening|after dark|[0-4] ?a\\.?m"))
            return TimeOfDay.Night;
        if (Regex.IsMatch(t, "黄昏|傍晚|日落|夕阳|dusk|sunset|twilight"))
            return TimeOfDay.Dusk;
        if (Regex.IsMatch(t, "清晨|黎明|拂晓|早晨|日出|dawn|sunrise|morning"))
            return TimeOfDay.Dawn;
        if (Regex.IsMatch(t, "白天|中午|午后|上午|下午|day|noon|afternoon"))
            return TimeOfDay.Day;
        return null;
    }

    internal static bool? OutdoorsOf(string? setting, string? time)
    {
        var s = ((setting ?? "") + " " + (time ?? "")).ToLowerInvariant();
        if (Regex.IsMatch(setting?.ToLowerInvariant() ?? "", "店|馆|室|房|屋|楼|院|厅|宫|殿|公司|医院|学校|车厢|机舱|实验室|办公|病房|酒吧|餐厅|书店|\\b(shop|store|room|house|home|office|hospital|school|bar|restaurant|apartment|lab|library|kitchen|cafe|café|flat|mansion|studio|train|bookshop|bookstore|diner|hotel|clinic|station)\\b"))
            return false;
        if (Regex.IsMatch(s, "雨|雪|街|巷|路|桥|江|河|海|山|村|广场|码头|天台|屋顶|公园|森林|荒|田|沙漠|\\b(rain|storm|snow|street|alley|road|bridge|river|sea|beach|mountain|village|square|park|forest|desert|rooftop|harbor|harbour|field|highway)"))
            return true;
        return null;
    }

    // ---------------------------------------------------------------- Chinese

    /// <summary>Whether a Chinese word is an occupation or a kin word (程序员 starts with the surname 程, but is no name).</summary>
    public static bool IsChinesePersonNoun(string word) => ChineseIdea.IsPersonNoun(word);

    private static class ChineseIdea
    {
        public static bool IsPersonNoun(string word) => Roles.Contains(word) || Kin.Contains(word);

        private static readonly Lazy<PosSegmenter> Segmenter = new(() =>
        {
            JiebaNet.Segmenter.ConfigManager.ConfigFileBaseDir = Path.Combine(AppContext.BaseDirectory, "jieba");
            return new PosSegmenter();
        }, LazyThreadSafetyMode.ExecutionAndPublication);

        private static readonly object SegmenterLock = new();

        // Occupations and person nouns that can be a protagonist (jieba splits some compounds, so heads are listed too).
        private static readonly HashSet<string> Roles =
        [
            "骑手", "快递员", "外卖员", "司机", "医生", "护士", "法医", "警察", "刑警", "警官", "侦探", "律师", "教师", "老师", "校长", "学生",
            "大学生", "高中生", "中学生", "研究生", "程序员", "工程师", "设计师", "厨师", "保安", "保姆", "清洁工", "环卫工", "店主", "老板娘",
            "总裁", "董事长", "秘书", "助理", "实习生", "记者", "主播", "网红", "演员", "歌手", "画家", "作家", "编剧", "导演", "摄影师", "模特",
            "运动员", "拳手", "军人", "士兵", "将军", "皇帝", "公主", "王爷", "皇后", "太子", "宫女", "太监", "郡主", "世子", "丞相", "侠客",
            "剑客", "弟子", "掌门", "道士", "和尚", "书生", "农民", "渔民", "猎人", "木匠", "裁缝", "理发师", "调酒师", "咖啡师", "服务员",
            "收银员", "售货员", "小哥", "飞行员", "空姐", "乘务员", "宇航员", "科学家", "研究员", "博士", "教授", "特工", "卧底", "杀手",
            "小偷", "骗子", "赌徒", "乞丐", "流浪汉", "孤儿", "寡妇", "主妇", "保洁", "修理工", "电工", "矿工", "工人", "代驾", "黑客",
            "主厨", "店员", "房东", "租客", "管家", "女仆", "少爷", "千金", "大小姐", "富二代", "村长", "老人", "老太太", "老头", "少女",
            "少年", "女孩", "男孩", "女人", "男人", "姑娘", "小伙", "女子", "男子", "老奶奶", "老爷爷", "小姐", "员工", "职员", "白领",
            "社畜", "保镖", "司仪", "化妆师", "入殓师", "遗物整理师", "钢琴师", "魔术师", "占卜师", "外科医生", "实习医生", "消防员", "快递小哥",
            "外卖小哥", "网约车司机", "出租车司机", "邮递员", "护林员", "守夜人", "夜班保安", "门卫", "清洁员", "售票员", "导游", "厨娘",
            "弃女", "嫡女", "庶女", "废柴", "赘婿", "上门女婿", "替身", "新娘", "新郎", "少主", "宗主", "师尊", "仙尊", "修士", "魔尊", "圣女",
            "机器人", "仿生人", "克隆人", "会计", "老板", "出纳", "律政", "法官", "检察官", "村医", "兽医", "经纪人", "主编", "编辑", "店长", "经理",
            "儿子", "女儿", "妻子", "丈夫", "孙女", "孙子", "姐姐", "妹妹", "哥哥", "弟弟", "主角", "女主", "男主", "妈妈", "爸爸", "母亲", "父亲", "单亲妈妈", "寡妇", "老兵", "退伍军人",
        ];

        private const string RoleSuffixes = "师员手工生警官者匠客医";

        private static readonly HashSet<string> Kin =
        [
            "妹妹", "姐姐", "哥哥", "弟弟", "父亲", "母亲", "爸爸", "妈妈", "丈夫", "妻子", "老公", "老婆", "前妻", "前夫", "女儿", "儿子", "爷爷",
            "奶奶", "外公", "外婆", "姥姥", "孙女", "孙子", "初恋", "未婚妻", "未婚夫", "男友", "女友", "男朋友", "女朋友", "闺蜜", "兄弟", "师父",
            "师傅", "恩师", "双胞胎", "养父", "养母", "生父", "生母", "继母", "继父", "父母", "婆婆", "岳父", "岳母", "前男友", "前女友", "发小",
            "室友", "同桌", "邻居", "上司", "搭档", "徒弟", "师妹", "师兄", "学姐", "学长", "仇人", "恋人", "爱人", "妹", "弟", "姐", "哥",
            "女孩", "男孩", "少女", "少年", "老人", "孩子", "婴儿", "陌生人", "男人", "女人", "姑娘", "总裁", "网友", "笔友", "客人", "乘客",
        ];

        private const string FemaleMarks = "女妻母妈娘姐妹婆嫂姑她媳妇";
        private const string MaleMarks = "男夫父爸哥弟爷他郎婿少爷小伙";

        private static readonly string[] Acquire =
        [
            "捡到", "捡起", "拾到", "收到", "接到", "找到", "发现", "得到", "获得", "继承", "买到", "买下", "拿到", "偷走", "偷到", "挖出", "挖到",
            "翻出", "打开", "带着", "拿着", "握着", "抱着", "捧着", "攥着", "收下", "接过", "捡回", "戴上", "摸到", "撿到", "抽到", "租下", "扫到", "看到", "听到", "遇到", "遇见", "救下", "救了", "绑定", "觉醒",
        ];

        private static readonly string[] Arrive = ["回到", "来到", "走进", "搬进", "搬到", "住进", "穿越到", "穿越回", "重生回", "重生到", "闯入", "困在", "逃到"];

        private static readonly HashSet<string> TimeWords =
        [
            "夜", "深夜", "午夜", "半夜", "凌晨", "清晨", "早晨", "黎明", "黄昏", "傍晚", "除夕", "雨夜", "暴雨", "大雨", "雪夜", "大雪", "台风",
            "今晚", "昨晚", "当晚", "那晚", "夜里", "晚上", "白天", "中午", "午后", "下午", "上午", "每天", "每晚", "一天", "某天", "某夜", "那天",
            "婚礼", "葬礼", "生日", "中秋", "春节", "七夕", "末日", "夜班", "雨天", "雪天", "深秋", "盛夏", "寒冬", "秋天", "冬天", "夏天", "春天",
        ];

        private const string Classifiers = "个部封枚张把只本台块条件辆座间家盒瓶颗支双位名首幅串份片根面扇套杯袋箱口头匹朵粒架艘道盏具段卷则通";

        public static IdeaFacts Read(string idea)
        {
            List<(string Word, string Flag)> tokens;
            lock (SegmenterLock)
                tokens = Segmenter.Value.Cut(idea).Select(p => (p.Word, p.Flag)).ToList();
            // the HMM sometimes leaves "买/x 到/x": a one-character verb and its result complement are one verb
            for (var i = tokens.Count - 1; i > 0; i--)
            {
                if (tokens[i].Word is "到" or "起" or "出" or "走" && tokens[i - 1].Word.Length == 1 && tokens[i - 1].Flag is "v" or "x" && char.IsLetter(tokens[i - 1].Word[0]))
                {
                    tokens[i - 1] = (tokens[i - 1].Word + tokens[i].Word, "v");
                    tokens.RemoveAt(i);
                }
            }

            var names = IdeaReader.Names(idea, chinese: true).ToList();
            foreach (var (word, flag) in tokens)
            {
                if (flag == "nr" && word.Length is 2 or 3 && IdeaReader.IsChineseSurname(word[0]) && !names.Contains(word) && !Roles.Contains(word) && !Kin.Contains(word))
                    names.Add(word);
            }
            names = names.OrderBy(n => idea.IndexOf(n, StringComparison.Ordinal)).ToList();
            var (roleStart, roleEnd, role, head) = FindRole(tokens, idea);
            var name = ProtagonistName(idea, names, role, roleStart, roleEnd);
            var gender = GenderOf(idea, role, name, roleEnd);
            var (time, setting) = TimeAndSetting(tokens);
            var (objectPhrase, keyObject) = FindObject(tokens, head);
            var (relationPhrase, relation) = FindRelation(tokens, head, role);
            var clauses = Clauses(idea);
            var action = ActionOf(idea, roleEnd, name);
            var incident = clauses.FirstOrDefault(c => keyObject is not null && c.Contains(keyObject, StringComparison.Ordinal) && c != clauses[0])
                ?? clauses.Skip(1).FirstOrDefault() ?? action;
            return new IdeaFacts(idea, role, head, name, gender, AgeOf(idea, role), action, keyObject, objectPhrase, relation, relationPhrase,
                setting, time, TimeOfDayOf(time), OutdoorsOf(setting, time), incident);
        }

        private static bool IsPunct(string flag, string word) => flag == "x" && !word.All(char.IsLetterOrDigit);

        private static bool IsRoleWord(string word, string flag) =>
            Roles.Contains(word) || (word.Length >= 3 && flag.StartsWith('n') && Roles.Any(r => r.Length >= 2 && word.EndsWith(r, StringComparison.Ordinal))) || (word.Length >= 2 && flag.StartsWith('n') && flag is not ("nr" or "ns" or "nt") && RoleSuffixes.Contains(word[^1])
                && !word.EndsWith("手机", StringComparison.Ordinal));

        private static (int Start, int End, string? Role, string? Head) FindRole(List<(string Word, string Flag)> tokens, string idea)
        {
            // "她是豪门弃女" / "我是一名入殓师": the predicate names the protagonist.
            var predicate = PredicateRolePattern().Match(idea);
            var at = 0;
            var positions = new List<int>();
            foreach (var (word, _) in tokens)
            {
                positions.Add(at);
                at += word.Length;
            }
            var firstClauseEnd = idea.IndexOfAny(['，', '。', ',', '；', '！', '？']);
            for (var i = 0; i < tokens.Count; i++)
            {
                var (word, flag) = tokens[i];
                if (IsPunct(flag, word) && positions[i] > Math.Max(firstClauseEnd, 12))
                    break;
                if (!IsRoleWord(word, flag))
                    continue;
                if (Kin.Contains(word) && i > 0 && tokens[i - 1].Word is "的" or "自己" or "她" or "他" && !Roles.Contains(word))
                    continue;
                if (InTemporalClause(tokens, i) || (i > 0 && tokens[i - 1].Word is "自己" or "她" or "他" or "他的" or "她的"))
                    continue;
                // Up to two modifiers just before the head: nouns, adjectives, distinguishing words, a two-character verb ("外卖骑手", "退休老教师").
                var start = i;
                for (var k = i - 1; k >= 0 && i - k <= 2; k--)
                {
                    var (w, f) = tokens[k];
                    var modifier = f is "n" or "a" or "b" or "nz" or "ag" or "an" or "vn" or "eng" or "ns" || (f == "v" && w.Length == 2 && k == i - 1 && !Acquire.Contains(w) && w != "成为")
                        // a lone character the segmenter split off the head at the idea's start ("花/店老板")
                        || (w.Length == 1 && k == i - 1 && char.IsLetter(w[0]) && w is not ("在" or "是" or "和" or "与" or "被" or "把" or "的") && (k == 0 || IsPunct(tokens[k - 1].Flag, tokens[k - 1].Word)));
                    if (!modifier || w is "的" || Kin.Contains(w) && k < i - 1)
                        break;
                    start = k;
                }
                var phrase = string.Concat(tokens.Skip(start).Take(i - start + 1).Select(t => t.Word));
                return (positions[start], positions[i] + word.Length, phrase, word);
            }
            if (SubjectNoun(tokens, positions) is { Item3: not null } subject)
                return subject;
            if (predicate.Success)
            {
                var phrase = predicate.Groups["role"].Value;
                var headWord = tokens.Where(t => phrase.EndsWith(t.Word, StringComparison.Ordinal)).Select(t => t.Word).LastOrDefault() ?? phrase;
                if (headWord.Length < 2)
                    headWord = phrase.Length > 2 ? phrase[^2..] : phrase;
                return (predicate.Groups["role"].Index, predicate.Groups["role"].Index + phrase.Length, phrase, headWord);
            }
            return (-1, -1, null, null);
        }

        // "一个父亲去世后，儿子……": the subject of a clause that ends in 后/时 is not the protagonist.
        private static bool InTemporalClause(List<(string Word, string Flag)> tokens, int index)
        {
            for (var k = index + 1; k < tokens.Count; k++)
            {
                var (w, f) = tokens[k];
                if (IsPunct(f, w))
                    return k > 0 && tokens[k - 1].Word is "后" or "之后" or "以后" or "时" or "的时候" or "那天";
            }
            return false;
        }

        // The subject when no known role is named: the noun just before the first 在/verb of the first clause ("新来的会计在……").
        private static (int, int, string?, string?) SubjectNoun(List<(string Word, string Flag)> tokens, List<int> positions)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                var (w, f) = tokens[i];
                if (IsPunct(f, w))
                    return (-1, -1, null, null);
                if (!(f is "p" || (f.StartsWith('v') && f != "vn")))
                    continue;
                var k = i - 1;
                while (k > 0 && tokens[k].Flag is "r" or "d" or "t" && tokens[k].Word is not ("他" or "她" or "我"))
                    k--;
                if (k < 0 || tokens[k].Flag is not ("n" or "nz") || tokens[k].Word.Length < 2 || TimeWords.Contains(tokens[k].Word))
                    return (-1, -1, null, null);
                var start = k;
                if (k - 1 >= 0 && tokens[k - 1].Flag is "n" or "a" or "b" or "nz" && tokens[k - 1].Word != "的")
                    start = k - 1;
                var phrase = string.Concat(tokens.Skip(start).Take(k - start + 1).Select(t => t.Word));
                return (positions[start], positions[k] + tokens[k].Word.Length, phrase, tokens[k].Word);
            }
            return (-1, -1, null, null);
        }

        private static string? ProtagonistName(string idea, IReadOnlyList<string> names, string? role, int roleStart, int roleEnd)
        {
            if (names.Count == 0)
                return null;
            if (role is not null)
            {
                var after = names.FirstOrDefault(n => idea.IndexOf(n, StringComparison.Ordinal) is var p && p >= roleEnd && p <= roleEnd + 1);
                if (after is not null)
                    return after;
                var before = names.FirstOrDefault(n => idea.IndexOf(n, StringComparison.Ordinal) is var p && p >= 0 && p < roleStart
                    && !idea[(p + n.Length)..roleStart].Contains('的'));
                return before;
            }
            return names[0];
        }

        private static Gender? GenderOf(string idea, string? role, string? name, int roleEnd)
        {
            if (name is not null && IdeaReader.GenderOf(idea, name, chinese: true) is { } byName)
                return byName;
            if (role is not null)
            {
                if (role.Any(c => FemaleMarks.Contains(c)) || role.Contains("空姐") || role.Contains("千金") || role.Contains("公主"))
                    return Gender.Female;
                if (role.Any(c => MaleMarks.Contains(c)) || role.Contains("少爷") || role.Contains("王爷") || role.Contains("太子"))
                    return Gender.Male;
            }
            var rest = roleEnd > 0 ? idea[roleEnd..] : idea;
            var she = rest.IndexOf('她');
            var he = rest.IndexOf('他');
            if (idea.StartsWith('她')) return Gender.Female;
            if (idea.StartsWith('他')) return Gender.Male;
            return she < 0 && he < 0 ? null : he < 0 || (she >= 0 && she < he) ? Gender.Female : Gender.Male;
        }

        private static int? AgeOf(string idea, string? role)
        {
            var years = AgePattern().Match(idea);
            if (years.Success)
            {
                var value = ChineseNumber(years.Groups["n"].Value);
                if (value is >= 6 and <= 99)
                    return value;
            }
            var r = role ?? "";
            if (Regex.IsMatch(r, "退休|老人|老太|老头|奶奶|爷爷|老兵|年迈") || Regex.IsMatch(idea, "^(?:一位|一个)?(?:退休|年迈|古稀)"))
                return 65;
            if (r.StartsWith('老') && r.Length > 2)
                return 58;
            if (Regex.IsMatch(r, "中年|主妇|单亲妈妈|寡妇|父亲|母亲|妈妈|爸爸"))
                return 42;
            if (Regex.IsMatch(r, "高中生|中学生|少女|少年|弟子"))
                return 17;
            if (Regex.IsMatch(r, "大学生|实习|女孩|男孩|姑娘|小伙|小哥"))
                return 21;
            return null;
        }

        private static int? ChineseNumber(string text)
        {
            if (int.TryParse(text, out var n))
                return n;
            const string digits = "零一二三四五六七八九";
            var value = 0;
            var current = 0;
            foreach (var c in text)
            {
                var d = digits.IndexOf(c);
                if (d >= 0)
                    current = d;
                else if (c == '十')
                {
                    value += (current == 0 ? 1 : current) * 10;
                    current = 0;
                }
                else if (c == '两')
                    current = 2;
                else
                    return null;
            }
            return value + current;
        }

        private static (string? Time, string? Setting) TimeAndSetting(List<(string Word, string Flag)> tokens)
        {
            string? time = null;
            string? setting = null;
            for (var i = 0; i < tokens.Count && time is null; i++)
            {
                var (word, flag) = tokens[i];
                var isTime = flag is "t" or "tg" || TimeWords.Contains(word);
                if (!isTime || word is "现在" or "以前" or "从前" or "当年" or "曾经" or "去世" or "明天" or "未来" or "过去" or "将来" or "后来")
                    continue;
                var start = i;
                if (i > 0 && tokens[i - 1].Flag is "n" or "r" && (tokens[i - 1].Word.Contains('雨') || tokens[i - 1].Word.Contains('雪') || tokens[i - 1].Word.Contains('风') || tokens[i - 1].Word is "每天" or "每晚" or "某个"))
                    start = i - 1;
                var end = i;
                while (end + 1 < tokens.Count && (tokens[end + 1].Flag is "t" or "tg" || TimeWords.Contains(tokens[end + 1].Word) || (tokens[end + 1].Flag == "m" && tokens[end + 1].Word.EndsWith('点'))))
                    end++;
                time = string.Concat(tokens.Skip(start).Take(end - start + 1).Select(t => t.Word));
            }

            for (var i = 0; i < tokens.Count && setting is null; i++)
            {
                var (word, flag) = tokens[i];
                var opens = (word == "在" && flag == "p") || Arrive.Contains(word);
                if (!opens)
                    continue;
                var parts = new List<string>();
                for (var k = i + 1; k < tokens.Count; k++)
                {
                    var (w, f) = tokens[k];
                    if (IsPunct(f, w) || (f.StartsWith('v') && !(f == "vn")) || f is "p" or "d" or "c" or "r" || (f == "m" && parts.Count > 0))
                        break;
                    parts.Add(w);
                    if (f == "f")
                        break;
                }
                var text = string.Concat(parts).TrimEnd('里', '中', '上', '内', '外', '旁', '边');
                if (text.StartsWith("一家", StringComparison.Ordinal) || text.StartsWith("一座", StringComparison.Ordinal) || text.StartsWith("一间", StringComparison.Ordinal))
                    text = text[2..];
                if (text.Length < 2)
                    continue;
                if (time is not null && text == time)
                    continue;
                if (TimeWords.Contains(text) || (time is not null && time.Contains(text, StringComparison.Ordinal)))
                    continue;
                if (time is null && TimeWords.Any(t => text.EndsWith(t, StringComparison.Ordinal)))
                {
                    time = text;
                    continue;
                }
                setting = text;
            }
            if (setting is null && tokens.FirstOrDefault(t => t.Flag == "ns" && t.Word.Length >= 2 && !t.Word.EndsWith('里')) is { Word: { } place })
                setting = place;
            return (time, setting);
        }

        private static bool IsPersonish(string word) => Roles.Contains(word) || Kin.Contains(word) || word.EndsWith("人", StringComparison.Ordinal) || word.Contains('尸');

        private static bool IsObjectNoun(string word, string flag) =>
            (flag is "n" or "nz" or "eng" or "vn" or "nr" && word.Length >= 1) && !IsPersonish(word) && !TimeWords.Contains(word)
            && word is not ("自己" or "里面" or "一切" or "东西" or "事情" or "时候" or "世界" or "人生" or "生活" or "命运" or "真相" or "秘密" or "身份")
            && !word.EndsWith('家');

        private static (string? Phrase, string? Head) FindObject(List<(string Word, string Flag)> tokens, string? roleHead)
        {
            // 1. the complement of a discovery verb: "捡到一部手机", "收到一封五十年前寄出的情书", "发现公司的AI助手".
            for (var i = 0; i < tokens.Count; i++)
            {
                if (!Acquire.Contains(tokens[i].Word) && !(tokens[i].Flag == "v" && tokens[i].Word.Length == 2 && tokens[i].Word[1] is '到' or '起' && !Arrive.Contains(tokens[i].Word)))
                    continue;
                if (NounPhraseAfter(tokens, i + 1, roleHead) is { } found)
                    return found;
            }
            // 2. any counted thing: "一枚玉佩", "一本日记".
            for (var i = 0; i < tokens.Count; i++)
            {
                var counter = (tokens[i].Flag == "m" && tokens[i].Word.Length >= 2 && Classifiers.Contains(tokens[i].Word[^1])) ? i + 1
                    : tokens[i].Flag == "m" && i + 1 < tokens.Count && tokens[i + 1].Flag == "q" ? i + 2 : -1;
                if (counter > 0 && NounPhraseAfter(tokens, counter, roleHead) is { } counted)
                    return counted;
            }
            // 3. the first thing after the first verb.
            var verb = tokens.FindIndex(t => t.Flag.StartsWith('v'));
            return verb >= 0 && NounPhraseAfter(tokens, verb + 1, roleHead) is { } first ? first : (null, null);
        }

        // A noun phrase starting at `from` within the clause: its head is the noun run after the last 的 ("五十年前寄出的情书" → 情书).
        private static (string, string)? NounPhraseAfter(List<(string Word, string Flag)> tokens, int from, string? roleHead)
        {
            var end = from;
            var seenNoun = false;
            while (end < tokens.Count && end - from < 12)
            {
                var (w, f) = tokens[end];
                if (IsPunct(f, w) || w is "是" or "并" or "却" or "竟" or "竟然" or "后" || (seenNoun && w is "和" or "与") || (seenNoun && f.StartsWith('v') && f != "vn" && tokens[end - 1].Word != "的" && !(end + 1 < tokens.Count && tokens[end + 1].Word == "的")))
                    break;
                if (IsObjectNoun(w, f) || (f == "n" && IsPersonish(w)))
                    seenNoun = true;
                end++;
            }
            // the head: the last noun run of the span; a person there means the verb found someone, not something.
            for (var k = end - 1; k >= from; k--)
            {
                var (w, f) = tokens[k];
                if (f == "n" && IsPersonish(w))
                    return null;
                var countedVerb = f == "v" && w.Length >= 2 && k == end - 1 && k > from - 1 && k > 0 && (tokens[k - 1].Flag is "m" or "q" || tokens[k - 1].Word == "的");
                if (countedVerb)
                    f = "n";
                if (!IsObjectNoun(w, f) || w == roleHead)
                    continue;
                var start = k;
                while (start - 1 >= from && IsObjectNoun(tokens[start - 1].Word, tokens[start - 1].Flag) && tokens[start - 1].Flag != "nr" && k - start < 1)
                    start--;
                var head = string.Concat(tokens.Skip(start).Take(k - start + 1).Select(t => t.Word));
                if (head.Length < 2)
                    continue;
                var phraseStart = from;
                while (phraseStart < start && tokens[phraseStart].Flag is "m" or "q" or "uz" or "ul" or "f" or "t" or "p" or "r")
                    phraseStart++;
                var phrase = string.Concat(tokens.Skip(phraseStart).Take(k - phraseStart + 1).Select(t => t.Word));
                return (phrase.Length > 14 ? head : phrase, head);
            }
            return null;
        }

        private static (string? Phrase, string? Short) FindRelation(List<(string Word, string Flag)> tokens, string? roleHead, string? role)
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                var word = tokens[i].Word;
                if (!Kin.Contains(word) || word == roleHead || (role is not null && role.EndsWith(word, StringComparison.Ordinal) && roleHead == word))
                    continue;
                var start = i;
                for (var k = i - 1; k >= 0 && i - k <= 6; k--)
                {
                    var (w, f) = tokens[k];
                    if (IsPunct(f, w) || f is "r" or "p" or "c" or "q" || w is "是" or "和" or "与" || (f == "m" && !w.EndsWith('年')) || Acquire.Contains(w))
                        break;
                    start = k;
                }
                var phrase = string.Concat(tokens.Skip(start).Take(i - start + 1).Select(t => t.Word)).TrimStart('的');
                var lastOf = phrase.LastIndexOf('的');
                var shortForm = lastOf >= 0 ? phrase[(lastOf + 1)..] : phrase;
                if (shortForm.Length > 6)
                    shortForm = word;
                return (phrase.Length > 16 ? shortForm : phrase, shortForm);
            }
            return (null, null);
        }

        private static List<string> Clauses(string idea) =>
            Regex.Split(idea, "[，。；！？,;!?]").Select(c => c.Trim()).Where(c => c.Length > 0).ToList();

        // What the protagonist does: the rest of the clause after their mention ("在暴雨夜捡到一部手机").
        private static string? ActionOf(string idea, int roleEnd, string? name)
        {
            var from = roleEnd;
            if (name is not null && idea.IndexOf(name, StringComparison.Ordinal) is var n and >= 0 && n >= roleEnd - 1)
                from = Math.Max(from, n + name.Length);
            if (from < 0)
                return null;
            var rest = idea[from..];
            var stop = rest.IndexOfAny(['，', '。', '；', '！', '？', ',']);
            var clause = (stop < 0 ? rest : rest[..stop]).Trim();
            if (clause.Length < 2 && stop >= 0)
            {
                var next = rest[(stop + 1)..];
                var stop2 = next.IndexOfAny(['，', '。', '；', '！', '？', ',']);
                clause = (stop2 < 0 ? next : next[..stop2]).Trim();
            }
            return clause.Length >= 2 ? clause : null;
        }
    }

    [GeneratedRegex(@"^(?:她|他|我)(?:是|本是|曾是)(?:一[个名位])?(?<role>[\u4e00-\u9fff]{2,8}?)(?=[，,。]|的|，)")]
    private static partial Regex PredicateRolePattern();

    [GeneratedRegex(@"(?<n>[0-9]{1,2}|[一二三四五六七八九十两]{1,3})岁")]
    private static partial Regex AgePattern();

    // ---------------------------------------------------------------- English

    private static class EnglishIdea
    {
        private static readonly HashSet<string> Determiners = new(StringComparer.OrdinalIgnoreCase) { "a", "an", "the", "one", "this", "that", "some" };

        private static readonly HashSet<string> Possessives = new(StringComparer.OrdinalIgnoreCase) { "her", "his", "their", "my", "its", "our", "your" };

        private static readonly HashSet<string> RoleNouns = new(StringComparer.OrdinalIgnoreCase)
        {
            "rider", "courier", "driver", "doctor", "nurse", "surgeon", "detective", "cop", "officer", "lawyer", "attorney", "teacher", "professor",
            "student", "programmer", "engineer", "designer", "chef", "cook", "guard", "nanny", "cleaner", "janitor", "owner", "ceo", "secretary",
            "assistant", "intern", "journalist", "reporter", "streamer", "actor", "actress", "singer", "painter", "writer", "novelist", "director",
            "photographer", "model", "athlete", "boxer", "soldier", "veteran", "general", "emperor", "princess", "prince", "queen", "king", "knight",
            "swordsman", "swordswoman", "monk", "farmer", "fisherman", "hunter", "carpenter", "tailor", "barber", "bartender", "barista", "waiter",
            "waitress", "cashier", "pilot", "astronaut", "scientist", "researcher", "agent", "spy", "assassin", "thief", "con", "gambler", "orphan",
            "widow", "widower", "housewife", "mechanic", "electrician", "miner", "worker", "hacker", "landlord", "tenant", "butler", "maid", "heiress",
            "heir", "girl", "boy", "woman", "man", "lady", "grandmother", "grandfather", "grandma", "grandpa", "mother", "father", "mom", "dad",
            "teenager", "kid", "child", "librarian", "mortician", "undertaker", "firefighter", "paramedic", "postman", "mailman", "guide", "baker",
            "florist", "pianist", "violinist", "magician", "psychic", "medium", "archaeologist", "historian", "translator", "accountant", "banker",
            "clerk", "salesman", "saleswoman", "shopkeeper", "sailor", "captain", "ranger", "watchman", "android", "robot", "clone", "android",
            "influencer", "coder", "developer", "analyst", "coroner", "examiner", "paralegal", "judge", "mayor", "senator", "priest", "nun",
            "disciple", "apprentice", "cultivator", "swordsmith", "alchemist", "son", "daughter", "wife", "husband", "sister", "brother", "widow", "accountant", "florist", "landlady",
            "dancer", "musician", "drummer", "guitarist", "comedian", "bride", "groom", "fiancée", "fiancee", "stepdaughter", "runaway", "drifter",
        };

        private static readonly HashSet<string> KinNouns = new(StringComparer.OrdinalIgnoreCase)
        {
            "sister", "brother", "father", "mother", "dad", "mom", "husband", "wife", "ex-wife", "ex-husband", "daughter", "son", "grandfather",
            "grandmother", "grandma", "grandpa", "twin", "fiancé", "fiance", "fiancée", "fiancee", "boyfriend", "girlfriend", "ex", "mentor",
            "boss", "partner", "best friend", "friend", "neighbor", "neighbour", "roommate", "uncle", "aunt", "cousin", "stepmother", "stepfather",
            "parents", "child", "baby", "lover", "sweetheart", "rival", "stranger", "girl", "boy", "woman", "man", "ceo", "teacher", "classmate",
        };

        private static readonly HashSet<string> FemaleWords = new(StringComparer.OrdinalIgnoreCase)
        {
            "woman", "girl", "lady", "mother", "mom", "grandmother", "grandma", "widow", "actress", "waitress", "heiress", "princess", "queen",
            "housewife", "nun", "bride", "swordswoman", "saleswoman", "she", "her", "daughter", "wife", "sister", "fiancée",
        };

        private static readonly HashSet<string> MaleWords = new(StringComparer.OrdinalIgnoreCase)
        {
            "man", "boy", "father", "dad", "grandfather", "grandpa", "widower", "actor", "waiter", "heir", "prince", "king", "monk", "groom",
            "swordsman", "fisherman", "salesman", "postman", "mailman", "butler", "he", "his", "him", "son", "husband", "brother",
        };

        private static readonly string[] AcquireVerbs =
        [
            "finds", "found", "discovers", "discovered", "receives", "received", "gets", "got", "inherits", "inherited", "buys", "bought", "steals",
            "stole", "picks up", "picked up", "digs up", "dug up", "opens", "opened", "unearths", "wins", "won", "answers", "is given", "rents",
            "stumbles upon", "stumbles on", "comes across", "gets back", "got back", "takes back", "holds", "is holding", "wakes up with", "carries", "hears", "sees", "notices", "fixes", "repairs", "delivers", "keeps",
        ];

        private static readonly HashSet<string> NotObjects = new(StringComparer.OrdinalIgnoreCase)
        {
            "night", "day", "morning", "evening", "year", "years", "time", "way", "life", "truth", "secret", "world", "city", "town", "thing", "things",
            "something", "nothing", "everything", "someone", "anyone", "himself", "herself", "themselves", "one", "job", "week", "month", "decade",
            "hour", "hours", "minute", "minutes", "moment", "help", "past", "future",
        };

        private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
        {
            "who", "that", "which", "in", "on", "at", "from", "to", "with", "by", "for", "of", "and", "but", "after", "before", "when", "while",
            "during", "into", "inside", "under", "behind", "is", "was", "are", "were", "has", "had", "have", "finds", "discovers", "receives", "gets",
            "named", "called", "where", "as", "until", "since", "because", "then", "than", "about", "across", "through", "left", "sent", "written",
            "hidden", "containing", "buried", "full", "every", "each", "whose",
        };

        public static IdeaFacts Read(string idea)
        {
            var words = Tokenize(idea);
            var (roleStart, roleEnd, role, head) = FindRole(words);
            var name = ProtagonistName(idea, words, roleStart, roleEnd);
            var gender = GenderOf(idea, words, role, name, roleEnd);
            var (objectPhrase, keyObject) = FindObject(words, roleEnd);
            var (relationPhrase, relation) = FindRelation(words, roleEnd);
            var time = TimePattern().Match(idea) is { Success: true } t ? t.Value.Trim() : null;
            var setting = SettingOf(idea, time);
            var sentences = Regex.Split(idea, @"(?<=[.!?;])\s+|,\s+(?:and\s+)?(?=only|but|which|where)").Select(s => s.Trim()).Where(s => s.Length > 0).ToList();
            var action = ActionOf(words, roleEnd, name);
            var incident = sentences.FirstOrDefault(s => keyObject is not null && s.Contains(keyObject, StringComparison.OrdinalIgnoreCase)) ?? sentences.FirstOrDefault();
            return new IdeaFacts(idea, role, head, name, gender, AgeOf(idea, role), action, keyObject, objectPhrase, relation, relationPhrase,
                setting, time, TimeOfDayOf(time), OutdoorsOf(setting, time), incident);
        }

        private sealed record Word(string Text, int Index, bool SentenceStart)
        {
            public string Lower => Text.ToLowerInvariant();
            public bool Capitalised => char.IsUpper(Text[0]);
        }

        private static List<Word> Tokenize(string idea)
        {
            var words = new List<Word>();
            var sentenceStart = true;
            foreach (Match m in WordPattern().Matches(idea))
            {
                if (m.Value is "," or ";" or "." or "!" or "?" or ":" or "—" or "-")
                {
                    words.Add(new Word(m.Value, m.Index, false));
                    sentenceStart = m.Value is "." or "!" or "?";
                    continue;
                }
                words.Add(new Word(m.Value, m.Index, sentenceStart));
                sentenceStart = false;
            }
            return words;
        }

        private static bool IsPunct(Word w) => !char.IsLetterOrDigit(w.Text[0]);

        private static bool LooksLikeRole(string word)
        {
            var lower = word.ToLowerInvariant();
            return RoleNouns.Contains(lower) || (lower.Length > 4 && Regex.IsMatch(lower, "(?:er|or|ist|ian|ant|ent|man|woman)s?$")
                && !NotObjects.Contains(lower) && lower is not ("after" or "never" or "over" or "under" or "other" or "another" or "whether" or "together"
                    or "forever" or "letter" or "mirror" or "paper" or "computer" or "recorder" or "border" or "corner" or "water" or "river"
                    or "summer" or "winter" or "dinner" or "silent" or "moment" or "parent" or "present" or "event" or "apartment"
                    or "restaurant" or "elevator" or "locker" or "center" or "theater" or "tower" or "chapter" or "number" or "poster" or "counter"
                    or "sweater" or "pendant" or "present" or "pennant" or "flower" or "ledger" or "trailer" or "diner" or "container" or "answer" or "register" or "thunder"));
        }

        private static (int Start, int End, string? Role, string? Head) FindRole(List<Word> words)
        {
            // "A retired teacher ...", "In Seattle, a jewellery designer named ...", "Emma, a nurse, ...": the first
            // determiner phrase whose head is a person noun, before the first discovery verb.
            for (var i = -1; i < words.Count; i++)
            {
                var sentenceStart = i + 1 < words.Count && words[i + 1].SentenceStart && !Determiners.Contains(words[i + 1].Text);
                if (!sentenceStart && (i < 0 || (!Determiners.Contains(words[i].Text) && !Possessives.Contains(words[i].Text) && !(i > 0 && words[i - 1].Lower is "as"))))
                    continue;
                if (i >= 0 && InTemporalClause(words, i))
                    continue;
                var j = i + 1;
                var last = -1;
                while (j < words.Count && j - i <= 4 && !IsPunct(words[j]) && !Stop.Contains(words[j].Lower))
                {
                    if (LooksLikeRole(words[j].Text))
                        last = j;
                    j++;
                }
                if (last < 0)
                    continue;
                if (j < words.Count && j - 1 != last && !Stop.Contains(words[j - 1].Lower))
                {
                    // the phrase continues past the person noun ("a girl scout", "a taxi driver's") — keep the noun
                }
                var phrase = string.Join(' ', words.Skip(i + 1).Take(last - i).Select(w => w.Text)).Trim(',', '\'');
                phrase = Regex.Replace(phrase, "'s$", "");
                var head = words[last].Text.TrimEnd('s').Length > 2 && RoleNouns.Contains(words[last].Text.TrimEnd('s')) ? words[last].Text.TrimEnd('s') : words[last].Text;
                return (i, last + 1, phrase, head.ToLowerInvariant());
            }
            return (-1, -1, null, null);
        }

        // "After a quiet father dies, his son ...": a clause opened by after/when/before/while is not the main subject.
        private static bool InTemporalClause(List<Word> words, int index)
        {
            for (var k = index; k >= 0; k--)
            {
                if (IsPunct(words[k]))
                    return false;
                if (words[k].Lower is "after" or "when" or "before" or "while" or "once" or "since" or "until" or "as")
                    return k == 0 || IsPunct(words[k - 1]) || words[k].SentenceStart;
            }
            return false;
        }

        private static string? ProtagonistName(string idea, List<Word> words, int roleStart, int roleEnd)
        {
            var named = NamedPattern().Match(idea);
            if (named.Success && (roleEnd < 0 || named.Index <= words[Math.Min(words.Count - 1, roleEnd)].Index + 2))
                return named.Groups["name"].Value;
            var names = IdeaReader.Names(idea, chinese: false);
            if (names.Count == 0)
                return null;
            // "Emma, a nurse, ..." or "Nurse Emma Hart ...": a name right before the role's determiner or right after the role.
            if (roleStart > 0 && roleStart - 2 >= 0 && words[roleStart - 1].Text == "," && names.FirstOrDefault(n => words[roleStart - 2].Text == n.Split(' ')[^1]) is { } before)
                return before;
            if (roleEnd > 0 && roleEnd < words.Count && names.FirstOrDefault(n => n.StartsWith(words[roleEnd].Text, StringComparison.Ordinal)) is { } after)
                return after;
            if (roleStart < 0 && words.Count > 0 && words[0].Capitalised && names.FirstOrDefault(n => n.StartsWith(words[0].Text, StringComparison.Ordinal)) is { } subject)
                return subject;
            return null;
        }

        private static Gender? GenderOf(string idea, List<Word> words, string? role, string? name, int roleEnd)
        {
            if (name is not null && IdeaReader.GenderOf(idea, name, chinese: false) is { } byName)
                return byName;
            if (role is not null)
            {
                var parts = role.Split(' ');
                if (parts.Any(FemaleWords.Contains)) return Gender.Female;
                if (parts.Any(MaleWords.Contains)) return Gender.Male;
            }
            foreach (var w in words.Skip(Math.Max(0, roleEnd)))
            {
                if (w.Lower is "she" or "her" or "herself") return Gender.Female;
                if (w.Lower is "he" or "his" or "him" or "himself") return Gender.Male;
            }
            return null;
        }

        private static int? AgeOf(string idea, string? role)
        {
            var years = Regex.Match(idea, @"\b(?<n>\d{1,2})[- ]year[- ]old\b");
            if (years.Success)
                return int.Parse(years.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var r = (role ?? "").ToLowerInvariant();
            if (Regex.IsMatch(r, "retired|old|elderly|grandmother|grandfather|grandma|grandpa|widow|veteran"))
                return 66;
            if (Regex.IsMatch(r, "middle-aged|mother|father|housewife"))
                return 44;
            if (Regex.IsMatch(r, "teen|high school|schoolgirl|schoolboy|\\bkid\\b|\\bboy\\b"))
                return 16;
            if (Regex.IsMatch(r, "student|intern|young|girl|boy"))
                return 21;
            return null;
        }

        private static (string? Phrase, string? Head) FindObject(List<Word> words, int roleEnd)
        {
            // the earliest discovery verb wins (the longest at a position: "gets back" before "gets")
            var hits = new List<(int At, int Length)>();
            foreach (var verb in AcquireVerbs)
            {
                var parts = verb.Split(' ');
                for (var i = 0; i + parts.Length <= words.Count; i++)
                {
                    if (parts.Select((p, k) => words[i + k].Lower == p).All(b => b))
                        hits.Add((i, parts.Length));
                }
            }
            // "returns to the estate with her grandfather's will": what a traveller brings along
            for (var i = 1; i < words.Count; i++)
            {
                if (words[i].Lower == "with" && words.Take(i).Reverse().TakeWhile(w => w.Text is not ("." or "!" or "?")).Any(w => w.Lower is "returns" or "returned" or "comes" or "came" or "arrives" or "arrived" or "walks" or "shows"))
                    hits.Add((i, 1));
            }
            foreach (var (at, length) in hits.OrderBy(h => h.At).ThenByDescending(h => h.Length))
            {
                if (NounPhrase(words, at + length) is { } found)
                    return found;
            }
            // else the first determiner phrase after the protagonist that is not a person or a time
            for (var i = Math.Max(0, roleEnd); i < words.Count; i++)
            {
                if ((Determiners.Contains(words[i].Text) || Possessives.Contains(words[i].Text)) && NounPhrase(words, i) is { } any)
                    return any;
            }
            return (null, null);
        }

        private static (string, string)? NounPhrase(List<Word> words, int from)
        {
            var i = from;
            if (i < words.Count && (Determiners.Contains(words[i].Text) || Possessives.Contains(words[i].Text)))
                i++;
            var start = i;
            // possessives ("her grandfather's secret will") belong to the phrase; the head is the last noun
            while (i < words.Count && i - start < 5 && !IsPunct(words[i]) && !Stop.Contains(words[i].Lower)
                   && (i == start || (!words[i].Lower.EndsWith("ing", StringComparison.Ordinal) && !(words[i].Lower.EndsWith("ed", StringComparison.Ordinal) && words[i].Lower.Length > 4) && !NumberWord().IsMatch(words[i].Lower))))
                i++;
            if (i == start)
                return null;
            var run = words.Skip(start).Take(i - start).Select(w => w.Text).ToList();
            var owner = run.FindLastIndex(w => w.EndsWith("'s", StringComparison.Ordinal) || w.EndsWith("s'", StringComparison.Ordinal));
            if (owner >= 0 && owner < run.Count - 1)
                run = run.Skip(owner + 1).ToList();
            if (run.Count > 0 && Possessives.Contains(run[0]))
                run = run.Skip(1).ToList();
            if (run.Count == 0)
                return null;
            // a possessive ends the modifier ("her sister's diary" → diary)
            var head = run[^1].Trim('\'');
            if (head.EndsWith("'s", StringComparison.Ordinal) || Determiners.Contains(head))
                return null;
            var headLower = head.ToLowerInvariant();
            if (NotObjects.Contains(headLower) || KinNouns.Contains(headLower) || RoleNouns.Contains(headLower) || char.IsUpper(head[0]) && !words[start].SentenceStart && run.Count == 1)
                return null;
            if (Regex.IsMatch(headLower, "^(ago|old|new|later|again|alone|away|back|home|out|up|down)$"))
                return null;
            return (string.Join(' ', run), headLower);
        }

        private static (string? Phrase, string? Short) FindRelation(List<Word> words, int roleEnd)
        {
            for (var i = Math.Max(0, roleEnd); i < words.Count; i++)
            {
                var w = words[i].Lower.TrimEnd('\'', 's');
                var exact = words[i].Lower;
                if (!KinNouns.Contains(exact) && !KinNouns.Contains(w))
                    continue;
                // the phrase back to its possessive or determiner: "her long-lost sister", "a blind girl"
                var start = i;
                for (var k = i - 1; k >= 0 && i - k <= 3; k--)
                {
                    if (IsPunct(words[k]) || Stop.Contains(words[k].Lower))
                        break;
                    start = k;
                    if (Possessives.Contains(words[k].Text) || Determiners.Contains(words[k].Text))
                        break;
                }
                var phrase = string.Join(' ', words.Skip(start).Take(i - start + 1).Select(x => x.Text));
                var shortForm = string.Join(' ', words.Skip(start).Take(i - start + 1).Select(x => x.Text)
                    .Where(x => !Determiners.Contains(x) && !Possessives.Contains(x)));
                return (phrase, shortForm.Replace("'s", "", StringComparison.Ordinal));
            }
            return (null, null);
        }

        private static string? SettingOf(string idea, string? time)
        {
            foreach (Match m in SettingPattern().Matches(idea))
            {
                var value = m.Groups["place"].Value.Trim();
                if (time is not null && time.Contains(value, StringComparison.OrdinalIgnoreCase))
                    continue;
                if (Regex.IsMatch(value, "^(night|day|morning|evening|time|years?|the middle|a storm|the rain)$", RegexOptions.IgnoreCase))
                    continue;
                return value;
            }
            return IdeaReader.Place(idea, chinese: false);
        }

        private static string? ActionOf(List<Word> words, int roleEnd, string? name)
        {
            var from = roleEnd;
            if (name is not null)
            {
                var last = name.Split(' ')[^1];
                var at = words.FindIndex(Math.Max(0, roleEnd - 1 < 0 ? 0 : roleEnd - 1), w => w.Text == last);
                if (at >= 0 && at <= roleEnd + 3)
                    from = at + 1;
            }
            if (from < 0)
                return null;
            var parts = new List<string>();
            for (var i = from; i < words.Count; i++)
            {
                if (words[i].Text is "." or ";" or "!" or "?" || (words[i].Text == "," && parts.Count > 2))
                    break;
                if (words[i].Text == ",")
                    continue;
                parts.Add(words[i].Text);
            }
            return parts.Count >= 2 ? string.Join(' ', parts) : null;
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9À-ÿ]+(?:['’\-][A-Za-z0-9À-ÿ]+)*|[,;.!?:—]")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand)$")]
    private static partial Regex NumberWord();

    [GeneratedRegex(@"\b(?:named|called)\s+(?<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")]
    private static partial Regex NamedPattern();

    [GeneratedRegex(@"(?:\b(?:on|one|during|in|every|each|at)\s+(?:a\s+|an\s+|the\s+)?(?:(?:rainy|stormy|snowy|foggy|cold|hot|quiet|dark|moonless|late|long|winter|summer|christmas|new year's|wedding|first)\s+)*(?:night|nights|evening|morning|dawn|dusk|midnight|afternoon|day|eve|storm|rainstorm|snowstorm|blizzard|typhoon|wedding|funeral)\b(?:\s+at\s+\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?))?)|\bat\s+\d{1,2}(?::\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)|\bat\s+(?:midnight|dawn|dusk|noon)\b|\bthe night (?:of|before)\b[^,.]*", RegexOptions.IgnoreCase)]
    private static partial Regex TimePattern();

    [GeneratedRegex(@"\b(?:in|at|inside|outside|behind|on)\s+(?<place>(?:(?:a|an|the|her|his|their)\s+)?(?:[\w'-]+\s+){0,3}?(?:alley|street|village|town|city|shop|store|bookshop|bookstore|restaurant|cafe|café|diner|bar|kitchen|hospital|school|library|station|train|office|apartment|house|mansion|castle|palace|temple|island|ship|lab|laboratory|farm|mountain|forest|desert|market|museum|hotel|motel|clinic|church|prison|warehouse|factory|studio|harbor|harbour|bridge|rooftop|subway|bus|tower|morgue|courtroom|casino|park|camp|academy|sect|court|ward|lighthouse|firm|company|agency|garage|attic|basement|bakery|salon|theater|theatre|stadium|gym|port|dock|docks|river|lake|sea|coast|valley|suburb|neighbourhood|neighborhood|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?))\b")]
    private static partial Regex SettingPattern();
}
