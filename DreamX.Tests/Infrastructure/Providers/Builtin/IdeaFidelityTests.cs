using DreamX.Domain.Characters;
using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Providers.Builtin.StoryWriter;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>
/// The built-in writer tells the creator's idea, not its genre's fixed plot: the protagonist's role and the key object
/// reach the logline and the first scene, the protagonist is the first character, and no two ideas share a logline.
/// The ideas here are not the benchmark's (bench/fidelity/ideas.tsv), so the reader is checked on text it was not tuned on.
/// </summary>
public class IdeaFidelityTests(ITestOutputHelper output)
{
    // language, genre (null: detected), role, key object, idea
    public static readonly TheoryData<string, string?, string, string, string> Ideas = new()
    {
        { "zh-CN", null, "骑手", "手机", "一个外卖骑手在暴雨夜捡到一部手机，发现里面是自己十年前失踪的妹妹发来的求救信息" },
        { "zh-CN", null, "教师", "相册", "一位退休教师在旧货市场买到一本相册，照片里的新娘和她长得一模一样" },
        { "zh-CN", "mystery", "记者", "录音笔", "实习记者在采访对象的葬礼上收到一支录音笔，里面是死者生前最后的通话" },
        { "zh-CN", "romance", "花店老板", "明信片", "花店老板每周都会收到一张没有署名的明信片，直到有一天寄件人出现在店门口" },
        { "zh-CN", "scifi", "宇航员", "黑匣子", "宇航员在火星基地的废墟中找到一个黑匣子，里面的录音来自明天" },
        { "zh-CN", "revenge", "千金", "合同", "被赶出家门的千金拿着一份被篡改的合同，回到董事会夺回属于她的公司" },
        { "zh-CN", "family", "儿子", "存折", "一个沉默寡言的父亲去世后，儿子在他的枕头下找到一本存折，每一笔存款都写着女儿的名字" },
        { "zh-CN", "xianxia", "少年", "丹炉", "山村少年在雪夜里捡到一只破旧的丹炉，炉中住着一位被封印千年的仙尊" },
        { "zh-CN", "workplace", "会计", "账本", "新来的会计在公司仓库里发现一本手写账本，记录着老板十年来的每一笔黑钱" },
        { "zh-CN", null, "钢琴师", "乐谱", "酒吧钢琴师周明在凌晨收到一份陌生人寄来的乐谱，弹完之后，城里开始下雪" },
        { "zh-CN", "mystery", "房东", "钥匙", "老房东在出租屋的墙缝里摸到一把生锈的钥匙，它能打开三十年前封死的地下室" },
        { "en-US", null, "rider", "phone", "A delivery rider picks up a phone on a stormy night and finds messages from his missing sister." },
        { "en-US", "mystery", "librarian", "diary", "A small-town librarian discovers a diary in the returns box that describes murders before they happen." },
        { "en-US", "romance", "florist", "postcard", "A florist in Paris receives an unsigned postcard every Monday until the sender walks into her shop." },
        { "en-US", "scifi", "pilot", "recorder", "A cargo pilot finds a flight recorder in the desert whose last message is dated next week." },
        { "en-US", "family", "son", "savings book", "After a quiet father dies, his son finds a savings book under the pillow with every deposit made in his sister's name." },
        { "en-US", "revenge", "chef", "recipe", "A disgraced chef gets back his stolen recipe and returns to the restaurant that fired him." },
        { "en-US", "workplace", "accountant", "ledger", "A new accountant finds a handwritten ledger in the warehouse that records ten years of her boss's bribes." },
        { "en-US", "xianxia", "boy", "furnace", "A village boy finds a broken alchemy furnace in the snow with an immortal sealed inside." },
        { "en-US", null, "pianist", "score", "At midnight a bar pianist named Owen receives a score from a stranger, and when he plays it, snow starts falling over the city." },
        { "en-US", "mystery", "landlord", "key", "An old landlord finds a rusty key behind the wallpaper that opens a basement sealed for thirty years." },
    };

    [Theory]
    [MemberData(nameof(Ideas))]
    public async Task The_protagonist_and_the_key_object_reach_the_logline_and_the_first_scene(string language, string? genre, string role, string keyObject, string idea)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, genre: genre));
        var firstScene = run.Scripts[0].Scenes[0];
        var sceneText = string.Join(" ", new[] { firstScene.Location }.Concat(firstScene.ActionLines).Concat(firstScene.Lines.Select(l => l.Text)));
        output.WriteLine($"logline: {run.Bible.Logline}\nscene 1: {sceneText}\nhero: {run.Cast.Characters[0].Name}, {run.Cast.Characters[0].Occupation}");

        Assert.Contains(role, run.Bible.Logline, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(keyObject, run.Bible.Logline, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(role, sceneText, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(keyObject, sceneText, StringComparison.OrdinalIgnoreCase);
        // the protagonist is the first character, playing the idea's role
        Assert.Contains(role, run.Cast.Characters[0].Occupation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(firstScene.CharacterKeys, k => k == run.Cast.Characters[0].Key);
    }

    [Fact]
    public async Task No_two_ideas_share_a_logline_or_a_first_scene()
    {
        var runs = new List<StoryRun>();
        foreach (var row in Ideas)
            runs.Add(await StoryRun.WriteAsync(StoryRun.CheckpointFor((string)row[4], (string)row[0], genre: (string?)row[1])));

        Assert.Equal(runs.Count, runs.Select(r => r.Bible.Logline).Distinct().Count());
        Assert.Equal(runs.Count, runs.Select(r => string.Join("|", r.Scripts[0].Scenes[0].ActionLines)).Distinct().Count());
    }

    [Fact]
    public async Task The_same_genre_tells_different_ideas_differently()
    {
        var rider = await StoryRun.WriteAsync(StoryRun.CheckpointFor("一个外卖骑手在暴雨夜捡到一部手机，发现里面是自己十年前失踪的妹妹发来的求救信息", "zh-CN", genre: "mystery"));
        var nurse = await StoryRun.WriteAsync(StoryRun.CheckpointFor("一名护士在整理病房时发现一本日记，日记的主人是她从未见过面的亲生母亲", "zh-CN", genre: "mystery"));

        Assert.Equal(rider.Bible.Genre, nurse.Bible.Genre);
        Assert.NotEqual(rider.Bible.Title, nurse.Bible.Title);
        Assert.NotEqual(rider.Cast.Characters[0].Occupation, nurse.Cast.Characters[0].Occupation);
        Assert.NotEqual(rider.Scripts[0].Scenes[0].Location, nurse.Scripts[0].Scenes[0].Location);
        Assert.DoesNotContain("尸体", rider.Bible.Logline);
    }

    [Theory]
    [InlineData("一个外卖骑手在暴雨夜捡到一部手机，发现里面是自己十年前失踪的妹妹发来的求救信息", "zh-CN", "骑手", "手机", "妹妹", "暴雨夜")]
    [InlineData("退休老教师林秀梅在上海弄堂里开了一家旧书店，一天收到一封五十年前寄出的情书", "zh-CN", "教师", "情书", null, null)]
    [InlineData("A delivery rider finds a phone in a rainstorm and discovers it holds distress messages from his sister who vanished ten years ago.", "en-US", "rider", "phone", "sister", "in a rainstorm")]
    public void The_reader_finds_role_object_relation_and_time(string idea, string language, string role, string keyObject, string? relation, string? time)
    {
        var facts = IdeaFactsReader.Read(idea, language == "zh-CN");
        output.WriteLine(facts.ToString());

        Assert.Contains(role, facts.Role ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(keyObject, facts.KeyObject);
        if (relation is not null)
            Assert.Contains(relation, facts.Relation ?? "", StringComparison.OrdinalIgnoreCase);
        if (time is not null)
            Assert.Equal(time, facts.Time, ignoreCase: true);
    }

    [Theory]
    [InlineData("程序员发现公司的AI助手每天凌晨三点都在给他已故的父亲发邮件", "zh-CN", "程序员")]
    [InlineData("A programmer finds that the company's AI assistant emails his late father at three every morning.", "en-US", "programmer")]
    public async Task An_unnamed_protagonist_gets_a_name_not_the_role_twice(string idea, string language, string role)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language));
        var hero = run.Cast.Characters[0];
        output.WriteLine($"{hero.Name}: {run.Bible.Logline}");

        Assert.DoesNotContain(role, hero.Name, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(language == "zh-CN" ? role + role : $"{role} {role}", run.Bible.Logline, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("退休老教师林秀梅在上海弄堂里开了一家旧书店，一天收到一封五十年前寄出的情书", "zh-CN", "林秀梅", Gender.Female)]
    [InlineData("A retired teacher named Margaret runs a used bookshop in Boston and one day receives a love letter posted fifty years ago.", "en-US", "Margaret", Gender.Female)]
    public async Task A_named_protagonist_keeps_the_name_and_an_older_age(string idea, string language, string name, Gender gender)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language));
        var hero = run.Cast.Characters[0];

        Assert.StartsWith(name, hero.Name);
        Assert.Equal(gender, hero.Gender);
        Assert.True(hero.Age >= 55, $"a retired teacher of {hero.Age}");
    }

    [Theory]
    [InlineData("一个外卖骑手在暴雨夜捡到一部手机，发现里面是自己十年前失踪的妹妹发来的求救信息", "zh-CN", "骑手", "手机")]
    [InlineData("A delivery rider finds a phone in a rainstorm and discovers it holds distress messages from his sister who vanished ten years ago.", "en-US", "rider", "phone")]
    public async Task Improving_the_idea_keeps_the_protagonist_and_the_premise(string idea, string language, string role, string keyObject)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language));

        Assert.Contains(role, run.Brief.Protagonist, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(role, run.Brief.Idea, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(keyObject, run.Brief.Idea, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(language == "zh-CN" ? "原始设想" : "creator's premise", run.Brief.Idea);
        // written again from the improved idea, the story keeps the same protagonist and object
        var again = await StoryRun.WriteAsync(StoryRun.CheckpointFor(run.Brief.Idea, language));
        Assert.Contains(role, again.Cast.Characters[0].Occupation, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(keyObject, again.Bible.Logline, StringComparison.OrdinalIgnoreCase);
    }
}
