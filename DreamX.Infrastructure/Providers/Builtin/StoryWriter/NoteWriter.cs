using System.Text;
using System.Text.RegularExpressions;
using DreamX.Domain.Common;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Notes;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// The built-in writer of image-text notes: an outline (hook, one point per page) and a post (title, body, hashtags)
/// from the creator's topic, in the chosen tone and language. It reuses the idea's own phrases: each of its clauses
/// becomes a page's point, and the page plan (why, what you need, steps, tips, mistakes, summary) fills the rest.
/// </summary>
internal static partial class NoteWriter
{
    private sealed record Beat(string ZhHeading, string EnHeading, string ZhText, string EnText, string ZhScene, string EnScene);

    // The plan of a how-to / sharing note; a note of N pages takes the first N-1 beats and always ends on the summary.
    private static readonly Beat[] Beats =
    [
        new("为什么值得试", "Why it's worth it", "{0}，其实比想象中简单", "{0} is easier than you think", "明亮的窗边，自然光，生活感", "bright window light, cosy everyday scene"),
        new("准备清单", "What you need", "提前备好这些，省一半时间", "Get these ready and save half the time", "俯拍桌面，整齐摆放的物品", "flat lay of neatly arranged items on a table"),
        new("第一步", "Step one", "{0}", "{0}", "双手特写，正在动手", "close-up of hands at work"),
        new("关键技巧", "The key trick", "记住这一点：{0}", "Remember this: {0}", "细节特写，柔和光线", "detail close-up in soft light"),
        new("常见误区", "Common mistakes", "别踩这些坑，{0}", "Avoid these traps: {0}", "对比画面，简洁背景", "before-and-after comparison on a clean background"),
        new("进阶玩法", "Level up", "熟练之后可以这样玩：{0}", "Once it clicks, try this: {0}", "有创意的搭配，色彩丰富", "creative arrangement, rich colours"),
        new("真实感受", "How it went", "坚持一周后，{0}", "After one week: {0}", "温暖的生活场景，人物背影", "warm lifestyle scene, person seen from behind"),
        new("省时小窍门", "Time-saving tip", "{0}，十分钟就够", "{0}, ten minutes is enough", "时钟与桌面，干净构图", "clock on a tidy desk, clean composition"),
    ];

    private static readonly Beat Summary = new("一图总结", "The recap", "收藏这页，照着做就行", "Save this page and just follow it",
        "清爽的总结画面，留白多", "airy summary scene with lots of white space");

    public static NoteOutlineDraft Outline(NoteOutlineContext context)
    {
        var brief = context.Brief;
        var zh = brief.Language == StoryLanguage.Chinese;
        var topic = Topic(brief.Idea, zh);
        var clauses = Clauses(brief.Idea);
        var count = Math.Clamp(brief.PageCount, NoteRules.MinPages, NoteRules.MaxPages);
        var beats = count == 1 ? [Summary] : Beats.Take(count - 1).Append(Summary).ToList();
        var pages = new List<NotePageDraft>();
        for (var i = 0; i < beats.Count; i++)
        {
            var beat = beats[i];
            var clause = clauses.Count == 0 ? topic : clauses[i % clauses.Count];
            var text = string.Format(zh ? beat.ZhText : beat.EnText, clause);
            var heading = zh ? $"{i + 1}. {beat.ZhHeading}" : $"{i + 1}. {beat.EnHeading}";
            var line = zh ? $"{beat.ZhHeading}：{clause}" : $"{beat.EnHeading}: {clause}";
            var scene = zh ? $"{topic}，{beat.ZhScene}" : $"{topic}, {beat.EnScene}";
            pages.Add(new NotePageDraft(NoteRules.Cut(line, NoteRules.LineMaxLength), NoteRules.Cut(heading, NoteRules.HeadingMaxLength),
                NoteRules.Cut(Tone(text, brief.Tone, zh), NoteRules.TextMaxLength), scene));
        }
        var hook = NoteRules.Cut(Hook(topic, brief.Tone, zh), NoteRules.TitleMaxLength);
        var cover = zh ? $"{count}个要点 · 建议收藏" : $"{count} points worth saving";
        var coverScene = zh ? $"{topic}，吸睛的封面主图，色彩明快" : $"{topic}, eye-catching cover picture, bright colours";
        return new NoteOutlineDraft(hook, cover, coverScene, pages);
    }

    public static NotePostDraft Post(NotePostContext context)
    {
        var brief = context.Brief;
        var zh = brief.Language == StoryLanguage.Chinese;
        var topic = Topic(brief.Idea, zh);
        var title = NoteRules.Cut(context.Hook.Length > 0 ? context.Hook : Hook(topic, brief.Tone, zh), NoteRules.TitleMaxLength);
        var body = new StringBuilder();
        body.AppendLine(zh ? Opening(brief.Tone, topic, true) : Opening(brief.Tone, topic, false));
        body.AppendLine();
        string[] marks = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨"];
        for (var i = 0; i < context.Lines.Count; i++)
            body.AppendLine($"{marks[Math.Min(i, marks.Length - 1)]} {context.Lines[i].Trim()}");
        body.AppendLine();
        body.Append(zh ? "你们还有什么好方法？评论区聊聊 👇" : "What works for you? Tell me in the comments 👇");
        var tags = Hashtags(brief.Idea, topic, zh);
        return new NotePostDraft(title, NoteRules.Cut(body.ToString(), NoteRules.BodyMaxLength), tags);
    }

    private static string Hook(string topic, string tone, bool zh) => (tone, zh) switch
    {
        ("expert", true) => $"{topic}｜一篇讲透",
        ("playful", true) => $"{topic}？笑着就学会了",
        ("heartfelt", true) => $"关于{topic}，想对你说",
        (_, true) => $"{topic}｜亲测好用！",
        ("expert", false) => $"{topic}, explained",
        ("playful", false) => $"{topic}? Easy mode",
        ("heartfelt", false) => $"On {topic}, honestly",
        _ => $"{topic}: tried and loved",
    };

    private static string Opening(string tone, string topic, bool zh) => (tone, zh) switch
    {
        ("expert", true) => $"做了很久的{topic}，把最有用的经验整理成了这一篇。",
        ("playful", true) => $"谁懂啊！{topic}原来这么好玩 😆",
        ("heartfelt", true) => $"想认真聊聊{topic}，这些是我一路走来的真实体会。",
        (_, true) => $"姐妹们！{topic}真的被我摸索明白了 ✨",
        ("expert", false) => $"After a lot of practice with {topic}, here is what actually matters.",
        ("playful", false) => $"Okay, {topic} turned out to be way more fun than expected 😆",
        ("heartfelt", false) => $"I want to talk honestly about {topic} and what it taught me.",
        _ => $"Friends! I finally figured out {topic} ✨",
    };

    /// <summary>The text printed on a picture in the tone (no emoji: the page font has none, the post's readers' fonts do).</summary>
    private static string Tone(string text, string tone, bool zh) => (tone, zh) switch
    {
        ("playful", true) => text + "～",
        ("heartfelt", true) => text + "。",
        ("playful", false) => text + "!",
        ("heartfelt", false) => text + ".",
        _ => text,
    };

    /// <summary>The note's subject in a few words: the idea's first clause, shortened.</summary>
    private static string Topic(string idea, bool zh)
    {
        var first = Clauses(idea).FirstOrDefault() ?? idea.Trim();
        if (zh)
            return NoteRules.Cut(first, 10);
        var words = first.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Take(5));
    }

    private static List<string> Clauses(string idea) =>
        ClauseBreak().Split(idea.ReplaceLineEndings(" "))
            .Select(c => c.Trim().Trim('"', '“', '”', '\''))
            .Where(c => c.Length >= 2)
            .Select(c => NoteRules.Cut(c, 40))
            .ToList();

    private static IReadOnlyList<string> Hashtags(string idea, string topic, bool zh)
    {
        var tags = new List<string> { NoteRules.Cut(topic.Replace(" ", "", StringComparison.Ordinal), NoteRules.HashtagMaxLength) };
        var words = zh
            ? new[] { "生活小技巧", "干货分享", "建议收藏", "日常分享" }
            : new[] { "lifehacks", "tips", "howto", "dailylife" };
        tags.AddRange(words);
        if (!zh)
        {
            tags.AddRange(idea.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => Regex.Replace(w, "[^A-Za-z]", "").ToLowerInvariant())
                .Where(w => w.Length >= 6).Take(2));
        }
        return tags.Where(t => t.Length > 0).Distinct().Take(NoteRules.MaxHashtags).ToList();
    }

    [GeneratedRegex(@"[，。！？；、,.!?;:：\n]+")]
    private static partial Regex ClauseBreak();
}
