using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Wallet;

[Collection(UiCollection.Name)]
public sealed class WalletTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task Checking_in_adds_credits_and_a_second_tab_is_refused_with_a_message()
    {
        var page = await Ui.NewPageAsync();
        var email = $"wallet-{Guid.NewGuid():N}@example.com";
        await (await new RegisterPage(page).OpenAsync()).RegisterAsync(email, "night-shift-7", "Wallet");
        await Expect(page.Locator("[data-testid='user-menu']")).ToBeVisibleAsync();
        var wallet = await new WalletPage(page).OpenAsync();
        var before = int.Parse(await wallet.Available.InnerTextAsync());
        // A second tab opened before the check-in still offers it: its click must be refused.
        var second = await new WalletPage(await page.Context.NewPageAsync()).OpenAsync();

        await wallet.CheckInButton.ClickAsync();

        await Expect(wallet.Available).ToHaveTextAsync((before + 10).ToString());
        await Expect(wallet.CheckInButton).ToHaveAttributeAsync("data-checked-in", "true");
        await Expect(page.Locator("[data-testid='history-kind-chip']").First).ToHaveTextAsync("Earned");
        await Expect(wallet.CheckInButton).ToContainTextAsync("Checked in");
        await UiFixture.ScreenshotAsync(page, "wallet-checked-in");

        await second.CheckInButton.ClickAsync();

        await Expect(second.Page.Locator(".mud-snackbar")).ToContainTextAsync("already checked in today");
        await Expect(second.Available).ToHaveTextAsync((before + 10).ToString());
    }
}

public sealed class WalletPage(IPage page) : StudioPage(page)
{
    public async Task<WalletPage> OpenAsync()
    {
        await Page.GotoAsync("/wallet");
        await WaitForInteractiveAsync();
        await Expect(CheckInButton).ToBeVisibleAsync();
        return this;
    }

    public ILocator Available => TestId("balance-available");

    public ILocator CheckInButton => TestId("checkin-button");
}
