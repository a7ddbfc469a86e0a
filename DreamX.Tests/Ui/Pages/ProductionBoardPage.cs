using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Pages;

/// <summary>The production board on a project page: one card per step with its Generate button.</summary>
public sealed class ProductionBoardPage(IPage page) : StudioPage(page)
{
    public ILocator Step(string step) => Page.Locator($"[data-testid='production-step'][data-step='{step}']");

    /// <summary>Clicks Generate (confirming the quote when one is asked for) and waits for the step to be ready.</summary>
    /// <param name="quoteScreenshot">When set, the quote dialog is saved under this name before it is confirmed.</param>
    public async Task GenerateAsync(string step, int timeoutSeconds = 90, string? quoteScreenshot = null)
    {
        await Step(step).Locator("[data-action='generate']").ClickAsync();
        var confirm = Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Generate for") });
        try
        {
            if (quoteScreenshot is not null)
            {
                await confirm.WaitForAsync(new() { Timeout = 5000 });
                await UiFixture.ViewportScreenshotAsync(Page, quoteScreenshot);
            }
            await confirm.ClickAsync(new() { Timeout = 1500 });
        }
        catch (TimeoutException)
        {
            // One cheap task: no quote to confirm.
        }
        await Expect(Step(step)).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = timeoutSeconds * 1000 });
    }

    public ILocator Shots => Page.Locator("[data-testid='shot-card']");
    public ILocator Characters => Page.Locator("[data-testid='character-card']");
    public ILocator Logline => Page.Locator("[data-testid='bible-logline']");
}
