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
        var page = await Ui.NewPageAsync();
        await RegisterAndCreateAsync(page, "Budgeted Drama");
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
        var page = await Ui.NewPageAsync();
        await RegisterAndCreateAsync(page, "Careful Drama");
        var budget = new ProjectBudgetPanel(page);

        await budget.OpenDialogAsync();
        await budget.TypeCapAsync(cap);
        await budget.SaveAsync();

        await Expect(budget.Dialog).ToContainTextAsync("Enter a whole number from 0 to 1,000,000.");
        await UiFixture.ScreenshotAsync(page, $"project-budget-invalid{cap}");
        await page.Keyboard.PressAsync("Escape");
        await Expect(budget.Cap).ToHaveTextAsync("no cap");
    }

    private static async Task RegisterAndCreateAsync(IPage page, string title)
    {
        var register = await new RegisterPage(page).OpenAsync();
        await register.RegisterAsync($"creator-{Guid.NewGuid():N}@example.com", "night-shift-7", "Creator");
        await page.WaitForURLAsync("**/projects");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync(title, Idea);
        await form.CreateAsync();
        await Expect((await new ProjectDetailsPage(page).OpenFromCanvasAsync()).Heading).ToHaveTextAsync(title);
        await new ProjectDetailsPage(page).WaitForInteractiveAsync();
    }
}
