using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>A script-based project: the built-in writer works from the creator's own script instead of inventing one.</summary>
public sealed class ScriptBasedStoryTests
{
    private const string EnglishScript = """
        INT. WARD 7 - NIGHT
        Rain against the windows. Lena checks the chart of the quiet patient.
        LENA (worried): Who are you running from?
        MARK: Nobody you know.
        NARRATOR: She had seen that look before.

        EXT. HOSPITAL ROOF - DAWN
        MARK (quietly): They will come for me before the sun is up.
        LENA: Then we leave now.
        DR. HALE: Nobody leaves my hospital.
        """;

    private const string ChineseScript = """
        第1集 雨夜
        1-1 医院走廊 夜 内
        △林娜推着药车走过走廊。
        林娜（紧张）：你到底在躲谁？
        陈默：你不认识的人。
        第2集 天台
        场景一：天台（黎明/外）
        陈默：天亮之前，他们会来。
        林娜：那我们现在就走。
        """;

    private static StoryCheckpoint Checkpoint(string script, string language, int episodes) =>
        StoryRun.CheckpointFor(script, language, episodes) with { Type = ProjectType.ScriptBased };

    [Fact]
    public async Task The_cast_is_who_speaks_in_the_script_and_the_script_keeps_its_scenes_and_lines()
    {
        var run = await StoryRun.WriteAsync(Checkpoint(EnglishScript, "en-US", episodes: 1));

        Assert.Equal(["Lena", "Mark", "Dr. Hale"], run.Cast.Characters.Select(c => c.Name).ToArray());
        Assert.All(run.Cast.Characters, c => Assert.False(string.IsNullOrWhiteSpace(c.Appearance)));
        var script = Assert.Single(run.Scripts);
        Assert.Equal(2, script.Scenes.Count);
        Assert.Equal("INT. WARD 7 - NIGHT", script.Scenes[0].Heading);
        Assert.Equal((SceneSetting.Exterior, "HOSPITAL ROOF", TimeOfDay.Dawn), (script.Scenes[1].Setting, script.Scenes[1].Location, script.Scenes[1].TimeOfDay));
        var keyOf = run.Cast.Characters.ToDictionary(c => c.Name, c => c.Key);
        Assert.Equal(
            [
                new ScriptLine(ScriptLineKind.Dialogue, keyOf["Lena"], "Who are you running from?", "worried"),
                new ScriptLine(ScriptLineKind.Dialogue, keyOf["Mark"], "Nobody you know.", "neutral"),
                new ScriptLine(ScriptLineKind.Narration, null, "She had seen that look before.", "neutral"),
            ],
            script.Scenes[0].Lines);
        Assert.Equal(["Rain against the windows. Lena checks the chart of the quiet patient."], script.Scenes[0].ActionLines);
        Assert.Contains(keyOf["Dr. Hale"], script.Scenes[1].CharacterKeys);
        Assert.Equal("Who are you running from?", script.Hook);
        Assert.Equal("Nobody leaves my hospital.", script.Cliffhanger);
    }

    [Fact]
    public async Task The_bible_is_read_from_the_script_not_from_the_genres_story()
    {
        var run = await StoryRun.WriteAsync(Checkpoint(EnglishScript, "en-US", episodes: 1));

        Assert.StartsWith("Rain against the windows.", run.Bible.Logline);
        Assert.Contains("\"Who are you running from?\"", run.Bible.Logline);
        Assert.Equal("Set in WARD 7, HOSPITAL ROOF.", run.Bible.World);
        var plan = Assert.Single(run.Bible.EpisodePlan);
        Assert.Equal(("Who are you running from?", "Nobody leaves my hospital."), (plan.Hook, plan.Cliffhanger));
        Assert.DoesNotMatch(@"\{[a-z]+(\.last)?\}", run.ToJson());     // no role placeholder left unfilled
    }

    [Fact]
    public async Task Every_line_of_the_script_is_spoken_in_a_shot()
    {
        var run = await StoryRun.WriteAsync(Checkpoint(EnglishScript, "en-US", episodes: 1));

        var spoken = run.ShotLists.SelectMany(s => s.Shots).Select(s => s.SpokenLine?.Text).OfType<string>().ToList();
        foreach (var line in new[] { "Who are you running from?", "Nobody you know.", "They will come for me before the sun is up.", "Nobody leaves my hospital." })
            Assert.Contains(line, spoken);
    }

    [Fact]
    public async Task A_chinese_script_with_episode_markers_gives_each_episode_its_own_scenes()
    {
        var run = await StoryRun.WriteAsync(Checkpoint(ChineseScript, "zh-CN", episodes: 2));

        Assert.Equal(["林娜", "陈默"], run.Cast.Characters.Select(c => c.Name).ToArray());
        Assert.Equal(2, run.Scripts.Count);
        Assert.Equal("雨夜", run.Scripts[0].Title);
        Assert.Equal("医院走廊", Assert.Single(run.Scripts[0].Scenes).Location);
        Assert.Equal("天台", Assert.Single(run.Scripts[1].Scenes).Location);
        Assert.Equal("那我们现在就走。", run.Scripts[1].Scenes[0].Lines[^1].Text);
    }

    [Fact]
    public async Task A_script_without_episode_markers_is_shared_out_over_the_episodes()
    {
        var run = await StoryRun.WriteAsync(Checkpoint(EnglishScript, "en-US", episodes: 2));

        Assert.Equal("WARD 7", Assert.Single(run.Scripts[0].Scenes).Location);
        Assert.Equal("HOSPITAL ROOF", Assert.Single(run.Scripts[1].Scenes).Location);
    }
}
