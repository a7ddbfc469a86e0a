using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Pages;

/// <summary>What every page object shares: waiting for the Blazor circuit before clicking.</summary>
public abstract class StudioPage(IPage page)
{
    public IPage Page { get; } = page;

    /// <summary>Blazor Server renders before it is interactive; a click before the circuit is up is lost.</summary>
    public async Task WaitForInteractiveAsync()
    {
        await Page.WaitForFunctionAsync("() => document.body.getAttribute('data-interactive') === 'true'");
    }

    protected ILocator TestId(string id) => Page.Locator($"[data-testid='{id}']");

    /// <summary>The input element inside a MudBlazor field tagged with data-testid.</summary>
    protected ILocator Input(string id) => Page.Locator($"[data-testid='{id}'] input, input[data-testid='{id}'], [data-testid='{id}'] textarea, textarea[data-testid='{id}']").First;
}
