using System.Text.RegularExpressions;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>What the writer takes from the idea's own words: the people it names and the place it is set in.</summary>
internal static partial class IdeaReader
{
    private const string ChineseSurnames = "林顾苏沈陆江许叶温傅秦唐宋周贺程白萧李王张刘陈杨赵黄吴徐孙胡朱高何郭马罗梁谢韩冯邓曹彭曾肖田董袁潘蒋蔡余杜魏夏钟汪任姜范方石姚谭廖邹熊金邱侯邵孟龙万段雷钱汤尹黎易常武乔赖龚文楚慕季简";

    // Words a Chinese name is usually followed by; a candidate must be followed by one to count.
    private static readonly string[] ChineseFollowers =
        ["和", "与", "、", "，", "。", "！", "？", ",", "是", "在", "被", "的", "发现", "决定", "回到", "遇到", "却", "竟", "一直", "为了", "重生", "意外", "得知", "嫁", "娶", "爱", "成为", "带着", "开始", "踏上", "救", "找", "要", "想", "把", "对", "向", "从", "说", "”", "」", "也", "又", "终于", "面对", "揭开", "误", "接", "收到", "打开", "进入", "醒来", "签", "穿越", "拥有", "继承", "设计", "联手", "爱上"];

    // Characters that make "surname + X" a word rather than a name (江边, 王国, 高中, 林家...).
    private const string NotGivenName = "边湖国中上下里面楼天末家氏总董先生老小姐们的是在了和与人市城村镇山河海岸路街区县省州岛";

    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "A", "An", "The", "When", "After", "Before", "In", "On", "At", "She", "He", "They", "Her", "His", "It", "One", "Two", "But", "And",
        "Then", "Now", "Years", "This", "That", "Their", "Our", "We", "I", "As", "While", "During", "Until", "If", "With", "From", "To",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "CEO", "Christmas", "Dr", "Mr", "Mrs", "Ms",
    };

    public static bool IsChineseSurname(char c) => ChineseSurnames.Contains(c);

    /// <summary>Names in order of first mention (at most <paramref name="max"/>).</summary>
    public static IReadOnlyList<string> Names(string idea, bool chinese, int max = 6)
    {
        var names = chinese ? ChineseNames(idea) : EnglishNames(idea);
        return names.Distinct().Take(max).ToList();
    }

    /// <summary>The place the idea is set in ("在上海", "in Seattle"), or null.</summary>
    public static string? Place(string idea, bool chinese)
    {
        var match = chinese ? ChinesePlacePattern().Match(idea) : EnglishPlacePattern().Match(idea);
        return match.Success ? match.Groups["place"].Value : null;
    }

    private static IEnumerable<(int Index, string Name)> ChineseCandidates(string idea)
    {
        foreach (Match quoted in ChineseQuotedNamePattern().Matches(idea))
            yield return (quoted.Index, quoted.Groups["name"].Value);
        for (var i = 0; i < idea.Length; i++)
        {
            if (!ChineseSurnames.Contains(idea[i]) || (i > 0 && IsHan(idea[i - 1]) && !IsNameLead(idea, i)))
                continue;
            foreach (var length in new[] { 3, 2 })
            {
                if (i + length > idea.Length)
                    continue;
                var candidate = idea.Substring(i, length);
                if (!candidate.All(IsHan) || candidate.Skip(1).Any(c => NotGivenName.Contains(c)))
                    continue;
                var rest = idea[(i + length)..];
                if (rest.Length == 0 || ChineseFollowers.Any(f => rest.StartsWith(f, StringComparison.Ordinal)))
                {
                    yield return (i, candidate);
                    i += length - 1;
                    break;
                }
            }
        }
    }

    /// <summary>Whether the idea speaks of the person as a woman or a man (她/他, she/he, 女/男 just before), if it says.</summary>
    public static Domain.Characters.Gender? GenderOf(string idea, string name, bool chinese)
    {
        var at = idea.IndexOf(name, StringComparison.Ordinal);
        if (at < 0)
            return null;
        if (GenderOfName(name, chinese) is { } known)
            return known;
        var before = idea[Math.Max(0, at - 6)..at];
        var after = idea[(at + name.Length)..Math.Min(idea.Length, at + name.Length + 40)];
        if (chinese)
        {
            if (before.Contains('女') || before.Contains("妻")) return Domain.Characters.Gender.Female;
            if (before.Contains('男') || before.Contains("夫")) return Domain.Characters.Gender.Male;
            var she = after.IndexOf('她');
            var he = after.IndexOf('他');
            return she < 0 && he < 0 ? null : he < 0 || (she >= 0 && she < he) ? Domain.Characters.Gender.Female : Domain.Characters.Gender.Male;
        }
        var words = Regex.Split(after.ToLowerInvariant(), @"[^a-z]+");
        var female = Array.FindIndex(words, w => w is "she" or "her" or "hers" or "herself");
        var male = Array.FindIndex(words, w => w is "he" or "his" or "him" or "himself");
        return female < 0 && male < 0 ? null : male < 0 || (female >= 0 && female < male) ? Domain.Characters.Gender.Female : Domain.Characters.Gender.Male;
    }

    private const string FemaleNameChars = "晚婉雪琳娜丽芳欣瑶怡婷晴薇玥念意溪桐夏宁枝柔悦妍曦萱蓉莹静雅娇媛嫣霜月梅兰菲秀珍凤燕玲霞";
    private const string MaleNameChars = "辰深寒泽之砚墨舟白霆瑾衍峰强军伟刚勇龙涛杰浩宇轩磊鹏昊川恒逸骁煜默明华国建军斌彬飞";

    private static readonly HashSet<string> FemaleFirstNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Emma", "Chloe", "Nora", "Ivy", "Grace", "Lena", "Ruby", "Clara", "Maya", "Tessa", "Iris", "June", "Mia", "Olivia", "Ava", "Sophia",
        "Isabella", "Amelia", "Lily", "Zoe", "Anna", "Sarah", "Emily", "Hannah", "Lucy", "Alice", "Kate", "Jane", "Rose", "Eva", "Ella", "Sofia",
        "Charlotte", "Harper", "Violet", "Hazel", "Aria", "Luna", "Stella", "Margaret", "Helen", "Dorothy", "Agnes", "Mary", "Laura", "Julia",
    };

    private static readonly HashSet<string> MaleFirstNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Ethan", "Julian", "Caleb", "Owen", "Adrian", "Miles", "Declan", "Rhys", "Theo", "Luca", "Felix", "Silas", "Liam", "Noah", "Oliver",
        "James", "William", "Henry", "Jack", "Leo", "Lucas", "Daniel", "Michael", "David", "Ryan", "Sam", "Max", "Alex", "Nathan", "Adam",
        "Arthur", "Walter", "Harold", "Frank", "John", "Tom", "Mark", "Chris", "Ben", "Jake", "Kai", "Eli", "Marcus", "Victor", "Sebastian",
    };

    // A known given name settles it before any pronoun does ("to pay off her father's debt" says nothing about Julian).
    private static Domain.Characters.Gender? GenderOfName(string name, bool chinese)
    {
        if (chinese)
        {
            var last = name[^1];
            return FemaleNameChars.Contains(last) ? Domain.Characters.Gender.Female
                : MaleNameChars.Contains(last) ? Domain.Characters.Gender.Male : null;
        }
        var first = name.Split(' ')[0];
        return FemaleFirstNames.Contains(first) ? Domain.Characters.Gender.Female
            : MaleFirstNames.Contains(first) ? Domain.Characters.Gender.Male : null;
    }

    private static IEnumerable<string> ChineseNames(string idea) =>
        ChineseCandidates(idea).Where(c => !IdeaFactsReader.IsChinesePersonNoun(c.Name)).OrderBy(c => c.Index).Select(c => c.Name);

    // A surname inside a run of Han characters still starts a name after words like 女孩/总裁/叫.
    private static bool IsNameLead(string idea, int i)
    {
        string[] leads = ["叫", "名叫", "女孩", "男孩", "少女", "少年", "总裁", "女主", "男主", "主角", "医生", "律师", "警官", "设计师", "妻子", "丈夫", "母亲", "父亲", "闺蜜", "助理", "师兄", "师妹", "弟子", "侦探", "和", "与", "被", "遇见", "遇到", "嫁给", "爱上", "的"];
        return leads.Any(l => i >= l.Length && idea.AsSpan(i - l.Length, l.Length).SequenceEqual(l));
    }

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    private static IEnumerable<string> EnglishNames(string idea)
    {
        var named = EnglishNamedPattern().Matches(idea).Select(m => (m.Index, Name: m.Groups["name"].Value));
        var places = EnglishPlacePattern().Matches(idea).Select(m => m.Groups["place"].Value).ToHashSet();
        // Capitalised words after an article name a thing, not a person ("a Manhattan law firm", "the Azure Sect").
        var things = EnglishThingPattern().Matches(idea).Select(m => (From: m.Index, To: m.Index + m.Length)).ToList();
        var capitalised = EnglishCapitalisedPattern().Matches(idea)
            .Where(m => !things.Any(t => m.Index < t.To && t.From < m.Index + m.Length))
            .Select(m => (m.Index, Name: TrimStopWords(m.Value)))
            .Where(c => c.Name.Length > 1 && !places.Any(p => p.Contains(c.Name, StringComparison.Ordinal)));
        return named.Concat(capitalised).OrderBy(c => c.Index).Select(c => c.Name);
    }

    private static string TrimStopWords(string name) =>
        string.Join(' ', name.Split(' ').Where(w => !EnglishStopWords.Contains(w)));

    [GeneratedRegex(@"[“「""](?<name>[\u4e00-\u9fff]{2,3})[”」""]")]
    private static partial Regex ChineseQuotedNamePattern();

    [GeneratedRegex(@"在(?<place>[\u4e00-\u9fff]{2,8}?(?:市|城|镇|村|山|宫|门|岛|县|国|宗|派|大学|学院|医院|酒店|大厦|集团|公司|总部|基地|站|港))|(?<place>北京|上海|广州|深圳|杭州|南京|成都|重庆|西安|苏州|武汉|长沙|天津|香港|澳门|台北|青岛|厦门|大理|丽江|三亚)")]
    private static partial Regex ChinesePlacePattern();

    [GeneratedRegex(@"\b(?:named|called)\s+(?<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)")]
    private static partial Regex EnglishNamedPattern();

    [GeneratedRegex(@"\b(?:[Ii]n|[Aa]t|[Tt]o|[Ff]rom|[Aa]cross)\s+(?:the\s+)?(?<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})")]
    private static partial Regex EnglishPlacePattern();

    [GeneratedRegex(@"\b[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\b")]
    private static partial Regex EnglishCapitalisedPattern();

    [GeneratedRegex(@"\b(?:[Aa]n?|[Tt]he)\s+[A-Z][a-z]+(?:\s[A-Z][a-z]+)*")]
    private static partial Regex EnglishThingPattern();
}
