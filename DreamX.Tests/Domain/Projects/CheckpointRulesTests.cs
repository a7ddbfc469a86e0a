using DreamX.Domain.Projects;

namespace DreamX.Tests.Domain.Projects;

public class CheckpointRulesTests
{
    private static readonly CheckpointInput Valid = new()
    {
        Title = "The Heir Who Delivers",
        Idea = "A delivery rider learns he is the lost heir of a dynasty, on the day his fiancée dumps him in public.",
    };

    private static IEnumerable<string> Codes(CheckpointInput input) => CheckpointRules.Validate(input).Select(e => e.Code);

    [Fact]
    public void A_complete_checkpoint_is_valid() => Assert.Empty(CheckpointRules.Validate(Valid));

    [Theory]
    [InlineData("", "title.required")]
    [InlineData("   ", "title.required")]
    public void A_title_is_required(string title, string code) => Assert.Contains(code, Codes(Valid with { Title = title }));

    [Fact]
    public void A_title_longer_than_80_characters_is_refused() =>
        Assert.Contains("title.too_long", Codes(Valid with { Title = new string('x', 81) }));

    [Fact]
    public void An_idea_of_a_few_characters_is_too_short() =>
        Assert.Contains("idea.too_short", Codes(Valid with { Idea = "love" }));

    [Fact]
    public void A_pasted_script_may_be_longer_than_an_idea()
    {
        var script = new string('台', 10_000);

        Assert.Contains("idea.too_long", Codes(Valid with { Idea = script }));
        Assert.DoesNotContain("idea.too_long", Codes(Valid with { Type = ProjectType.ScriptBased, Idea = script }));
    }

    [Fact]
    public void A_multi_episode_project_needs_at_least_two_episodes() =>
        Assert.Contains("episodes.multi_range", Codes(Valid with { Type = ProjectType.MultiEpisodes, EpisodeCount = 1 }));

    [Fact]
    public void A_single_episode_project_has_exactly_one_episode() =>
        Assert.Contains("episodes.single", Codes(Valid with { EpisodeCount = 3 }));

    [Theory]
    [InlineData(14)]
    [InlineData(601)]
    public void Episode_duration_outside_15_to_600_seconds_is_refused(int seconds)
    {
        var error = Assert.Single(CheckpointRules.Validate(Valid with { EpisodeDurationSeconds = seconds }));

        Assert.Equal("duration.range", error.Code);
        Assert.Equal([15, 600], error.Arguments);
    }

    [Fact]
    public void Only_supported_languages_are_accepted() =>
        Assert.Contains("language.unsupported", Codes(Valid with { Language = "fr-FR" }));
}
