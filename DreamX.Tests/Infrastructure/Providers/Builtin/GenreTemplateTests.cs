using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Providers.Builtin.StoryWriter;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

public class GenreTemplateTests
{
    public static TheoryData<string, string> EveryGenreInEveryLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var genre in GenreTemplates.Keys)
        {
            data.Add(genre, "zh-CN");
            data.Add(genre, "en-US");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryGenreInEveryLanguage))]
    public async Task Every_genre_writes_a_complete_story_that_fits_the_schemas_and_the_duration(string genre, string language)
    {
        var idea = language == "zh-CN" ? "一个普通人的生活在某一天被彻底改变。" : "An ordinary life changes completely in a single day.";
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, episodes: 2, seconds: 60, genre: genre));

        var problems = run.Answers.SelectMany(stage => stage.Value.SelectMany(json => StageSchemaCheck.Problems(json, StageSchemas.For(stage.Key))));
        await SampleStoryTests.SaveAsync(run, $"genre.{genre}.{language}.json");

        Assert.Empty(problems);
        Assert.All([run.EpisodeSeconds(1), run.EpisodeSeconds(2)], length => Assert.InRange(length, 51m, 69m));
    }

    [Theory]
    [InlineData("霸道总裁爱上了倔强的实习设计师，一纸契约婚约让两人心动不已。", "romance")]
    [InlineData("她被丈夫和闺蜜陷害致死，重生归来，要让背叛她的人付出代价。", "revenge")]
    [InlineData("刑警在老宅里发现一具尸体，线索指向二十年前的悬案。", "mystery")]
    [InlineData("废灵根少女拜入仙门，师尊是千年前封印魔尊的剑仙。", "xianxia")]
    [InlineData("实习生的方案被上司抢走，她要在公司的提案会上夺回署名。", "workplace")]
    [InlineData("七年没回家的女儿过年回家，发现父亲生病，弟弟要卖老房子。", "family")]
    [InlineData("工程师被困在时间循环里，城市的记忆每到午夜就被人工智能删除。", "scifi")]
    [InlineData("A cold CEO falls in love with the barista who spilled coffee on him.", "romance")]
    [InlineData("Betrayed and framed by her husband, she comes back for revenge.", "revenge")]
    [InlineData("A detective finds a body posed like a victim from a cold case.", "mystery")]
    [InlineData("A disciple with a broken spirit root wakes an ancient sword in her sect.", "xianxia")]
    [InlineData("An intern fights her boss, who stole her pitch, for a job at the agency.", "workplace")]
    [InlineData("A daughter comes home for Christmas and finds her father ill.", "family")]
    [InlineData("An engineer is trapped in a time loop run by a rogue AI.", "scifi")]
    [InlineData("She said again that the rain would wash away her love for him.", "romance")]
    public void The_genre_is_detected_from_the_words_of_the_idea(string idea, string genre)
    {
        Assert.Equal(genre, GenreTemplates.Detect(idea));
    }

    [Fact]
    public void A_genre_named_at_the_checkpoint_wins_over_the_idea()
    {
        var template = GenreTemplates.For("悬疑", "霸道总裁爱上了倔强的实习设计师。", "en-US");

        Assert.Equal(("mystery", "en-US"), (template.Key, template.Language));
    }

    [Theory]
    [InlineData("在上海，珠宝设计师林晚为了替父亲还债，意外成为总裁顾北辰的契约未婚妻。", "林晚|顾北辰", "上海")]
    [InlineData("重生后的苏念安决定和沈景深联手，揭开江边那场大火的真相。", "苏念安|沈景深", null)]
    [InlineData("In Seattle, a barista named Mia Chen keeps meeting the same stranger, Owen.", "Mia Chen|Owen", "Seattle")]
    [InlineData("When Clara returns to New York, her ex Daniel Reyes is engaged to her sister.", "Clara|Daniel Reyes", "New York")]
    public void Names_and_the_place_are_read_from_the_idea(string idea, string names, string? place)
    {
        var chinese = idea.Any(c => c >= '\u4e00' && c <= '\u9fff');

        Assert.Equal(names.Split('|'), IdeaReader.Names(idea, chinese));
        Assert.Equal(place, IdeaReader.Place(idea, chinese));
    }

    [Theory]
    [InlineData("An intern at a Manhattan law firm picks up the wrong laptop and discovers her boss is laundering money.")]
    [InlineData("A lowly disciple of the Azure Sect inherits a cracked jade pendant that holds the soul of an ancient sword master.")]
    [InlineData("The Grand Hotel hires a night porter who hears the guests' dreams.")]
    public void A_capitalised_word_after_an_article_is_not_a_persons_name(string idea)
    {
        Assert.Empty(IdeaReader.Names(idea, chinese: false));
    }
}
