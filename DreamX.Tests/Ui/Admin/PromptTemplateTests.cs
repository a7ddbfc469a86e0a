using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

[Collection(UiCollection.Name)]
public sealed class PromptTemplateTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task An_admin_saves_a_stage_prompt_and_a_prompt_without_the_context_is_refused()
    {
        var page = await Ui.NewPageAsync();
        await (await new LoginPage(page).OpenAsync("/admin/prompts")).LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        await page.WaitForAddressAsync("/admin/prompts");
        var prompts = new LoginPage(page);
        await prompts.WaitForInteractiveAsync();
        var genre = "noir" + Guid.NewGuid().ToString("N")[..4];

        await page.Locator("input[data-testid='prompt-genre']").FillAsync(genre);
        await page.Locator("textarea[data-testid='prompt-user']").FillAsync("Write the bible, please.");
        await page.Locator("[data-testid='prompt-save']").ClickAsync();
        await Expect(page.Locator("[data-testid='prompt-error']")).ToContainTextAsync("{{context}}");

        await page.Locator("textarea[data-testid='prompt-user']").FillAsync("Write a hard-boiled bible from {{context}}.");
        await page.Locator("[data-testid='prompt-save']").ClickAsync();

        await Expect(page.Locator("[data-testid='prompt-item']").Filter(new() { HasText = genre })).ToHaveCountAsync(1);
        await UiFixture.ScreenshotAsync(page, "admin-prompts");
    }

    [Fact]
    public async Task A_creator_is_refused_the_prompt_templates()
    {
        var page = await NewCreatorPageAsync("nosy", "Nosy");

        await page.GotoAsync("/admin/prompts");

        await Expect(page.Locator("[data-testid='prompt-editor']")).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("access-denied"));
    }
}
