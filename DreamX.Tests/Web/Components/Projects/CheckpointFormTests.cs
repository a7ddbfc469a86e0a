using Bunit;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Components.Pages.Projects;

namespace DreamX.Tests.Web.Components.Projects;

public sealed class CheckpointFormTests : StudioComponentTest
{
    private CheckpointInput? _submitted;

    [Fact]
    public async Task An_empty_form_shows_what_is_missing_and_submits_nothing()
    {
        var form = RenderForm(new CheckpointModel());

        await form.Find("[data-testid='checkpoint-submit']").ClickAsync(new());

        Assert.Null(_submitted);
        Assert.Contains("Give the project a title.", form.Markup);
        Assert.Contains("Describe your idea in a sentence or two.", form.Markup);
    }

    [Fact]
    public async Task A_too_short_idea_names_the_minimum_length()
    {
        var form = RenderForm(new CheckpointModel { Title = "Harbour", Idea = "a ferry" });

        await form.Find("[data-testid='checkpoint-submit']").ClickAsync(new());

        Assert.Null(_submitted);
        Assert.Contains($"at least {CheckpointRules.IdeaMinLength} characters", form.Markup);
    }

    [Fact]
    public async Task An_episode_length_out_of_range_is_explained()
    {
        var form = RenderForm(new CheckpointModel { Title = "Harbour", Idea = "A ferry captain finds a letter in a bottle.", EpisodeDurationSeconds = 5 });

        await form.Find("[data-testid='checkpoint-submit']").ClickAsync(new());

        Assert.Null(_submitted);
        Assert.Contains("An episode lasts between 15 and 600 seconds.", form.Markup);
    }

    [Fact]
    public async Task A_valid_checkpoint_is_submitted_with_what_was_entered()
    {
        var style = new StyleChoice(Guid.NewGuid(), "Ink wash", "ink");
        var model = new CheckpointModel
        {
            Title = "  Harbour  ",
            Idea = "A ferry captain finds a letter in a bottle.",
            Language = "en-US",
            VisualStyleId = style.Id,
            AspectRatio = AspectRatio.Landscape16x9,
        };
        var form = RenderForm(model, [style]);

        await form.Find("[data-testid='checkpoint-submit']").ClickAsync(new());

        Assert.NotNull(_submitted);
        Assert.Equal("  Harbour  ", _submitted.Title);
        Assert.Equal(style.Id, _submitted.VisualStyleId);
        Assert.Equal(AspectRatio.Landscape16x9, _submitted.AspectRatio);
        Assert.DoesNotContain("mud-input-error", form.Markup);
    }

    [Fact]
    public void Choosing_a_series_unlocks_the_episode_count()
    {
        var model = new CheckpointModel();
        var form = RenderForm(model);
        Assert.True(EpisodeInput(form).HasAttribute("disabled"));

        form.Find("[data-testid='type-MultiEpisodes']").Click();

        Assert.Equal(ProjectType.MultiEpisodes, model.Type);
        Assert.True(model.EpisodeCount >= 2);
        Assert.False(EpisodeInput(form).HasAttribute("disabled"));
    }

    [Fact]
    public void A_script_based_project_asks_for_the_script()
    {
        var form = RenderForm(new CheckpointModel { Type = ProjectType.ScriptBased });

        Assert.Contains("Your script", form.Markup);
        Assert.DoesNotContain("Your idea", form.Markup);
    }

    /// <summary>MudBlazor puts the data-testid on the input itself.</summary>
    private static AngleSharp.Dom.IElement EpisodeInput(IRenderedComponent<CheckpointForm> form) =>
        form.Find("[data-testid='checkpoint-episodes']");

    private IRenderedComponent<CheckpointForm> RenderForm(CheckpointModel model, IReadOnlyList<StyleChoice>? styles = null)
    {
        RenderPopovers();
        return Render<CheckpointForm>(parameters => parameters
            .Add(p => p.Model, model)
            .Add(p => p.Styles, styles ?? [])
            .Add(p => p.SubmitLabel, "Create project")
            .Add(p => p.OnSubmit, input => _submitted = input));
    }
}
