namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>
/// The idea is not only the first scene's: in every scene of every episode the built-in writer brings back the idea's
/// protagonist (by name, or speaking) or its key object, so later episodes do not drift into the genre template's own plot.
/// </summary>
public class IdeaCarryTests
{
    [Theory]
    [InlineData("zh-CN", "一个外卖骑手在暴雨夜捡到一部手机，发现里面是自己十年前失踪的妹妹发来的求救信息", "手机")]
    [InlineData("zh-CN", "退休老教师林秀梅在上海弄堂里开了一家旧书店，一天收到一封五十年前寄出的情书", "情书")]
    [InlineData("zh-CN", "夜班保安在商场监控室里翻出一盘二十年前的录像带，画面里的人竟然是他自己", "录像带")]
    [InlineData("en-US", "A delivery rider finds a phone in a rainstorm and discovers it holds distress messages from his sister who vanished ten years ago.", "phone")]
    [InlineData("en-US", "On a foggy night in London, a detective finds a music box at a crime scene that plays her mother's lullaby.", "music box")]
    [InlineData("en-US", "A small-town baker finds a notebook of love poems hidden inside an old oven and sets out to find the man who wrote them.", "notebook")]
    public async Task Every_scene_of_every_episode_carries_the_protagonist_or_the_key_object(string language, string idea, string keyObject)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, episodes: 3, seconds: 60));
        var hero = run.Cast.Characters.First(c => c.Key == "hero");
        var names = new[] { hero.Name, hero.Name.Split(' ')[0], hero.Name.Length == 3 && language == "zh-CN" ? hero.Name[1..] : hero.Name }.Distinct().ToList();

        Assert.Equal(3, run.Scripts.Count);
        foreach (var script in run.Scripts)
        {
            foreach (var scene in script.Scenes)
            {
                var text = string.Join(" ", scene.ActionLines.Concat(scene.Lines.Select(l => l.Text)));
                var carried = names.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase))
                              || scene.Lines.Any(l => l.CharacterKey == "hero")
                              || text.Contains(keyObject, StringComparison.OrdinalIgnoreCase);
                Assert.True(carried, $"episode {script.EpisodeNumber}, scene {scene.Number} has neither {hero.Name} nor the {keyObject}: {text}");
            }
            // and the key object itself comes back in every episode, not only the first
            var episode = string.Join(" ", script.Scenes.SelectMany(s => s.ActionLines.Concat(s.Lines.Select(l => l.Text))));
            Assert.Contains(keyObject, episode, StringComparison.OrdinalIgnoreCase);
        }
    }
}
