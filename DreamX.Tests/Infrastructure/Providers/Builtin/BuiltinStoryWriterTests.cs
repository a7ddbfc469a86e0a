using System.Text.RegularExpressions;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

public partial class BuiltinStoryWriterTests
{
    private const string ChineseIdea = SampleStoryTests.ChineseDemoIdea;
    private const string EnglishIdea = SampleStoryTests.EnglishDemoIdea;

    [Fact]
    public async Task The_same_checkpoint_gives_byte_identical_answers()
    {
        var checkpoint = StoryRun.CheckpointFor(ChineseIdea, "zh-CN", episodes: 2);

        var first = await StoryRun.WriteAsync(checkpoint);
        var second = await StoryRun.WriteAsync(checkpoint);

        Assert.Equal(first.ToJson(), second.ToJson());
    }

    [Fact]
    public async Task Different_ideas_give_different_stories()
    {
        var romance = await StoryRun.WriteAsync(StoryRun.CheckpointFor(ChineseIdea, "zh-CN"));
        var mystery = await StoryRun.WriteAsync(StoryRun.CheckpointFor("雨夜，刑警沈默在一座老宅里发现了一具无名尸体，线索指向二十年前的悬案。", "zh-CN"));

        Assert.NotEqual(romance.Bible.Logline, mystery.Bible.Logline);
        Assert.NotEqual(romance.Scripts[0].Scenes[0].Lines[1].Text, mystery.Scripts[0].Scenes[0].Lines[1].Text);
    }

    [Theory]
    [InlineData("zh-CN", ChineseIdea)]
    [InlineData("en-US", EnglishIdea)]
    public async Task Every_stage_answer_fits_its_schema(string language, string idea)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, episodes: 2));

        var problems = run.Answers.SelectMany(stage => stage.Value.SelectMany(json => StageSchemaCheck.Problems(json, StageSchemas.For(stage.Key))));

        Assert.Empty(problems);
        // Every drama stage (a note's outline and post are written by the note writer: NoteWriterTests; a translation
        // by the template translator: TemplateTranslatorTests).
        Assert.Equal(StageSchemas.TextStages.Where(s => s is not (GenerationTaskType.NoteOutline or GenerationTaskType.NotePost or GenerationTaskType.TranslateScript)).OrderBy(s => s),
            run.Answers.Keys.OrderBy(s => s));
    }

    [Theory]
    [InlineData("zh-CN", ChineseIdea, 3, 60)]
    [InlineData("zh-CN", ChineseIdea, 1, 120)]
    [InlineData("en-US", EnglishIdea, 3, 60)]
    [InlineData("en-US", EnglishIdea, 1, 120)]
    public async Task Each_episode_lasts_its_target_duration_within_15_percent(string language, string idea, int episodes, int seconds)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, episodes, seconds));

        var lengths = Enumerable.Range(1, episodes).Select(run.EpisodeSeconds).ToList();

        Assert.All(lengths, length => Assert.InRange(length, seconds * 0.85m, seconds * 1.15m));
    }

    [Theory]
    [InlineData("zh-CN", ChineseIdea)]
    [InlineData("en-US", EnglishIdea)]
    public async Task A_spoken_shot_lasts_its_line_plus_one_to_two_seconds(string language, string idea)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, episodes: 2));

        var spoken = run.ShotLists.SelectMany(s => s.Shots).Where(s => s.SpokenLine is not null).ToList();

        Assert.NotEmpty(spoken);
        Assert.All(spoken, shot =>
        {
            var speech = SpeechSeconds(shot.SpokenLine!.Text, language == "zh-CN");
            Assert.InRange(shot.DurationSeconds - speech, 0.95m, 2.05m);
        });
    }

    [Theory]
    [InlineData("zh-CN", ChineseIdea, "林晚", "顾北辰")]
    [InlineData("en-US", EnglishIdea, "Emma Hart", "Julian Blake")]
    public async Task Names_in_the_idea_become_the_leading_characters(string language, string idea, string heroine, string partner)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language));

        var names = run.Cast.Characters.Select(c => c.Name).ToList();

        Assert.Equal([heroine, partner], names.Take(2));
        Assert.Equal(names.Count, names.Distinct().Count());
    }

    [Fact]
    public async Task A_Chinese_project_is_written_in_Chinese()
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(ChineseIdea, "zh-CN"));

        var lines = run.Scripts.SelectMany(s => s.Scenes).SelectMany(s => s.Lines).ToList();

        Assert.All(lines, line => Assert.Matches(Han(), line.Text));
        Assert.Matches(Han(), run.Bible.Synopsis);
    }

    [Fact]
    public async Task An_English_project_contains_no_Chinese()
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(EnglishIdea, "en-US", episodes: 2));

        Assert.DoesNotMatch(Han(), run.ToJson());
    }

    [Fact]
    public async Task The_plan_has_one_entry_per_episode_each_with_a_summary_and_a_hook()
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(ChineseIdea, "zh-CN", episodes: 5));

        Assert.Equal([1, 2, 3, 4, 5], run.Bible.EpisodePlan.Select(p => p.Number));
        Assert.All(run.Bible.EpisodePlan, p => Assert.False(string.IsNullOrWhiteSpace(p.Summary) || string.IsNullOrWhiteSpace(p.Hook)));
    }

    [Theory]
    [InlineData("zh-CN", ChineseIdea)]
    [InlineData("en-US", EnglishIdea)]
    public async Task Each_episode_ends_on_the_cliffhanger_of_its_plan(string language, string idea)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, episodes: 3));

        foreach (var script in run.Scripts)
        {
            var plan = run.Bible.EpisodePlan.Single(p => p.Number == script.EpisodeNumber);
            Assert.Equal(plan.Cliffhanger, script.Scenes[^1].Lines[^1].Text);
            var lastShot = run.ShotLists.Last(s => s.EpisodeNumber == script.EpisodeNumber).Shots[^1];
            Assert.Equal(plan.Cliffhanger, lastShot.SpokenLine?.Text);
        }
    }

    [Theory]
    [InlineData("zh-CN", ChineseIdea)]
    [InlineData("en-US", EnglishIdea)]
    public async Task Each_episode_opens_with_its_hook_in_the_first_seconds(string language, string idea)
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(idea, language, episodes: 3));

        foreach (var plan in run.Bible.EpisodePlan)
        {
            var shots = run.ShotLists.Where(s => s.EpisodeNumber == plan.Number).SelectMany(s => s.Shots).ToList();
            var hookShot = shots.FindIndex(s => s.SpokenLine is not null);
            Assert.Equal(plan.Hook, shots[hookShot].SpokenLine!.Text);
            Assert.True(shots.Take(hookShot).Sum(s => s.DurationSeconds) <= 3m);
        }
    }

    [Fact]
    public async Task A_shot_prompt_carries_the_style_and_the_look_of_each_character_in_it()
    {
        var run = await StoryRun.WriteAsync(StoryRun.CheckpointFor(EnglishIdea, "en-US"));
        var looks = run.Cast.Characters.ToDictionary(c => c.Key, c => c.Appearance);

        var shots = run.ShotLists.SelectMany(s => s.Shots).ToList();

        Assert.All(shots, shot =>
        {
            Assert.Contains(run.Checkpoint.StyleName, shot.VisualPrompt);
            Assert.All(shot.CharacterKeys, key => Assert.Contains(looks[key], shot.VisualPrompt));
        });
        Assert.Contains(shots, s => s.ShotType == ShotType.Establishing);
        Assert.Contains(shots, s => s.ShotType is ShotType.CloseUp or ShotType.ExtremeCloseUp);
    }

    [Fact]
    public async Task A_stage_it_does_not_write_is_refused_as_a_permanent_failure()
    {
        var writer = new DreamX.Infrastructure.Providers.Builtin.BuiltinTextProvider();

        var failure = await Assert.ThrowsAsync<DreamX.Domain.Generation.Providers.ProviderFailure>(() =>
            writer.CompleteJsonAsync(new(GenerationTaskType.ShotImage, "zh-CN", "", "", "{}", "{}"), CancellationToken.None));

        Assert.False(failure.IsTransient);
    }

    // the built-in voices' measured pace (SpeechPace): 3.6 characters or 2.8 words a second plus 0.3 s around a line
    private static decimal SpeechSeconds(string text, bool chinese) => 0.3m + (chinese
        ? Han().Matches(text).Count / 3.6m
        : Regex.Matches(text, @"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*").Count / 2.8m);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
