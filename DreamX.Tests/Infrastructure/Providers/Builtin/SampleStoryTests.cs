using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>Writes the demo stories for a person to read (TestResults/artifacts/story).</summary>
public class SampleStoryTests
{
    public const string ChineseDemoIdea = "在上海，珠宝设计师林晚为了替父亲还债，意外成为总裁顾北辰的契约未婚妻。";
    public const string EnglishDemoIdea = "In Seattle, a jewellery designer named Emma Hart signs a one-year contract engagement with the cold CEO Julian Blake to pay off her father's debt.";

    [Theory]
    [InlineData("zh-CN", ChineseDemoIdea)]
    [InlineData("en-US", EnglishDemoIdea)]
    public async Task The_demo_story_is_written_to_the_artifacts(string language, string idea)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, episodes: 3, seconds: 60));

        var directory = Path.Combine(TestEnvironment.ArtifactsDirectory, "story");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"demo.{language}.json");
        await File.WriteAllTextAsync(path, run.ToJson());

        Assert.True(new FileInfo(path).Length > 1000);
    }
}
