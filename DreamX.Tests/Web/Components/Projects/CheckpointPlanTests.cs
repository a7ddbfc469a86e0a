using Bunit;
using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;
using DreamX.Web.Components.Pages.Projects;

namespace DreamX.Tests.Web.Components.Projects;

/// <summary>
/// The checkpoint form checks the creator's plan and refuses out-of-range episode counts instead of lowering them
/// (issue 18: 100,000 episodes silently became 100, and a Starter plan made 100).
/// </summary>
public sealed class CheckpointPlanTests : StudioComponentTest
{
    private CheckpointInput? _submitted;

    [Fact]
    public async Task More_episodes_than_the_plan_allows_are_refused_with_the_plan_named()
    {
        var form = RenderForm(Series(4), SubscriptionTier.Starter);

        await form.Find("[data-testid='checkpoint-submit']").ClickAsync(new());

        Assert.Null(_submitted);
        Assert.Contains("The Starter plan allows up to 3 episodes per project", form.Markup);
    }

    [Fact]
    public async Task An_episode_count_beyond_the_maximum_is_refused_and_kept_as_typed()
    {
        var model = Series(100_000);
        var form = RenderForm(model, SubscriptionTier.Ultra);

        await form.Find("[data-testid='checkpoint-submit']").ClickAsync(new());

        Assert.Null(_submitted);
        Assert.Equal(100_000, model.EpisodeCount);
        Assert.Contains($"A series has between 2 and {CheckpointRules.MaxEpisodes} episodes.", form.Markup);
    }

    [Fact]
    public async Task The_plans_limit_itself_is_submitted()
    {
        var form = RenderForm(Series(3), SubscriptionTier.Starter);

        await form.Find("[data-testid='checkpoint-submit']").ClickAsync(new());

        Assert.Equal(3, _submitted?.EpisodeCount);
    }

    private static CheckpointModel Series(int episodes) => new()
    {
        Title = "Harbour",
        Idea = "A ferry captain finds a letter in a bottle.",
        Language = "en-US",
        Type = ProjectType.MultiEpisodes,
        EpisodeCount = episodes,
    };

    private IRenderedComponent<CheckpointForm> RenderForm(CheckpointModel model, SubscriptionTier plan)
    {
        RenderPopovers();
        return Render<CheckpointForm>(parameters => parameters
            .Add(p => p.Model, model)
            .Add(p => p.Plan, plan)
            .Add(p => p.SubmitLabel, "Create project")
            .Add(p => p.OnSubmit, input => _submitted = input));
    }
}
