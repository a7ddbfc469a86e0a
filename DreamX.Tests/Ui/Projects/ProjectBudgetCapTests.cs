using System.Text.RegularExpressions;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Projects;

[Collection(UiCollection.Name)]
public sealed class ProjectBudgetCapTests(UiFixture ui) : UiTest(ui)
{
    private const string Idea = "A night-shift nurse discovers that her quiet patient is the heir everyone in the city is hunting for.";

    [Fact]
    public async Task A_creator_caps_a_projects_budget_and_the_cap_is_kept_after_a_reload()
    {
        var page = await NewCreatorPageAsync("creator", "Creator");
        await CreateProjectAsync(page, "Budgeted Drama", Idea);
        var budget = new ProjectBudgetPanel(page);
        await Expect(budget.Spent).ToHaveTextAsync("Spent 0 credits");
        await Expect(budget.Cap).ToHaveTextAsync("no cap");

        await budget.OpenDialogAsync();
        await budget.TypeCapAsync("250");
        await UiFixture.ScreenshotAsync(page, "project-budget-dialog");
        await budget.SaveAsync();

        await Expect(budget.Dialog).ToHaveCountAsync(0);
        await Expect(budget.Cap).ToHaveTextAsync("of cap 250");
        await page.ReloadAsync();
        await budget.WaitForInteractiveAsync();
        await Expect(budget.Cap).ToHaveTextAsync("of cap 250");
        await UiFixture.ScreenshotAsync(page, "project-budget-capped");
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("1.5")]
    public async Task A_cap_that_is_not_a_whole_number_in_range_is_explained_in_the_field_and_not_saved(string cap)
    {
        var page = await NewCreatorPageAsync("creator", "Creator");
        await CreateProjectAsync(page, "Careful Drama", Idea);
        var budget = new ProjectBudgetPanel(page);

        await budget.OpenDialogAsync();
        await budget.TypeCapAsync(cap);
        await budget.SaveAsync();

        await Expect(budget.Dialog).ToContainTextAsync("Enter a whole number from 0 to 1,000,000.");
        await UiFixture.ScreenshotAsync(page, $"project-budget-invalid{cap}");
        await page.Keyboard.PressAsync("Escape");
        await Expect(budget.Cap).ToHaveTextAsync("no cap");
    }
}
