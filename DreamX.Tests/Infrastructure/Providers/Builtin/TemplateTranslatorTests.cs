using System.Text.RegularExpressions;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Infrastructure.Providers.Builtin.StoryWriter;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>The built-in translator translates the lines the built-in writer wrote, line for line, and names the rest.</summary>
public sealed partial class TemplateTranslatorTests
{
    private static readonly Dictionary<string, string> Names = new()
    {
        ["hero"] = "林晓", ["partner"] = "顾北辰", ["rival"] = "苏曼", ["ally"] = "唐小雨", ["elder"] = "陈伯", ["extra"] = "王强",
    };

    private static readonly IReadOnlyList<TranslateCastMember> Cast = Names.Select(n => new TranslateCastMember(n.Key, n.Value, "female")).ToList();

    [Theory]
    [InlineData("romance")]
    [InlineData("revenge")]
    [InlineData("mystery")]
    [InlineData("family")]
    public void Every_chinese_template_line_becomes_its_english_line_with_the_same_names(string genre)
    {
        var zh = GenreTemplates.Get(genre, "zh-CN");
        var en = GenreTemplates.Get(genre, "en-US");
        var source = zh.Sections.SelectMany(s => s.Lines).Select(l => Fill(l.Text, "上海")).ToList();
        var expected = en.Sections.SelectMany(s => s.Lines).Select(l => Fill(l.Text, en.Place)).ToList();
        source.Add("这句台词不是内置写作器写的。");

        var draft = TemplateTranslator.Translate(Context("zh-CN", "en-US", zh.Genre, source));

        Assert.Equal([source.Count - 1], draft.Untranslated.ToArray());
        var answers = draft.Lines.ToDictionary(l => l.Index, l => l.Text);
        // Lines with the same Chinese words may have been written twice in English: either is a right answer.
        for (var i = 0; i < expected.Count; i++)
        {
            var twins = Enumerable.Range(0, expected.Count).Where(j => source[j] == source[i]).Select(j => expected[j]).ToList();
            Assert.Contains(answers[i], twins);
        }
        Assert.All(draft.Lines, l => Assert.DoesNotContain("{", l.Text));
    }

    [Fact]
    public void English_lines_become_chinese_and_a_line_of_no_template_is_named()
    {
        var en = GenreTemplates.Get("workplace", "en-US");
        var names = new Dictionary<string, string> { ["hero"] = "Lena", ["partner"] = "Julian", ["rival"] = "Vivian", ["ally"] = "Mia", ["elder"] = "Walter", ["extra"] = "Sam" };
        var source = en.Sections.SelectMany(s => s.Lines).Select(l => Placeholder().Replace(l.Text, m =>
            m.Groups[2].Success ? "Blake" : m.Groups[1].Value == "place" ? en.Place : names[m.Groups[1].Value])).ToList();
        source.Add("A line the creator wrote herself.");

        var draft = TemplateTranslator.Translate(Context("en-US", "zh-CN", "workplace", source));

        Assert.Equal([source.Count - 1], draft.Untranslated.ToArray());
        Assert.Equal(source.Count - 1, draft.Lines.Count);
        Assert.All(draft.Lines, l => Assert.Matches(@"[\u4e00-\u9fff]", l.Text));
    }

    [Theory]
    [InlineData("zh-CN", "en-US", "我不能当作什么都没发生。", "I can't pretend nothing happened.")]
    [InlineData("en-US", "zh-CN", "Everything they took, I'll take back.", "欠我的，我会一样一样拿回来。")]
    public void Lines_the_idea_story_writes_without_the_ideas_words_are_translated(string from, string to, string line, string expected)
    {
        var draft = TemplateTranslator.Translate(Context(from, to, "", [line]));

        Assert.Equal(expected, Assert.Single(draft.Lines).Text);
        Assert.Empty(draft.Untranslated);
    }

    [Fact]
    public async Task The_built_in_text_provider_answers_a_translation_that_fits_its_schema()
    {
        var zh = GenreTemplates.Get("romance", "zh-CN");
        var context = Context("zh-CN", "en-US", "甜宠", [Fill(zh.Sections[1].Lines[0].Text, "上海"), "随便说一句。"]);
        var answer = await new BuiltinTextProvider().CompleteJsonAsync(new TextRequest(GenerationTaskType.TranslateScript, "en-US", "", "",
            StageJson.Serialize(context), StageSchemas.For(GenerationTaskType.TranslateScript)), CancellationToken.None);

        Assert.Empty(StageSchemaCheck.Problems(answer.Json, StageSchemas.For(GenerationTaskType.TranslateScript)));
        var draft = StageJson.Deserialize<TranslationDraft>(answer.Json).Value;
        Assert.Equal([1], draft.Untranslated.ToArray());
        Assert.Equal(0, Assert.Single(draft.Lines).Index);
    }

    private static TranslateScriptContext Context(string from, string to, string genre, IReadOnlyList<string> lines) =>
        new(from, to, genre, Cast, lines.Select((text, i) => new TranslateLineInput(i, null, "", text)).ToList());

    private static string Fill(string text, string place) => Placeholder().Replace(text, m =>
        m.Groups[1].Value == "place" ? place : m.Groups[2].Success ? Names[m.Groups[1].Value][..1] : Names[m.Groups[1].Value]);

    [GeneratedRegex(@"\{([a-z]+)(\.last)?\}")]
    private static partial Regex Placeholder();
}
