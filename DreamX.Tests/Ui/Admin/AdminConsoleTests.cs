using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Tests.Ui.Wallet;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

[Collection(UiCollection.Name)]
public sealed class AdminConsoleTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task An_admin_adjusts_a_users_credits_and_the_user_sees_the_new_balance()
    {
        var userPage = await Ui.NewPageAsync();
        var email = $"adjusted-{Guid.NewGuid():N}@example.com";
        await (await new RegisterPage(userPage).OpenAsync()).RegisterAsync(email, "night-shift-7", "Adjusted");
        await Expect(userPage.Locator("[data-testid='user-menu']")).ToBeVisibleAsync();
        var wallet = await new WalletPage(userPage).OpenAsync();
        var before = int.Parse(await wallet.Available.InnerTextAsync());

        var adminPage = await Ui.NewPageAsync();
        await (await new LoginPage(adminPage).OpenAsync("/admin/users")).LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        var users = new AdminUsersPage(adminPage);
        await users.WaitForInteractiveAsync();
        await users.SearchAsync(email);
        await users.Row(email).Locator("[data-testid='user-adjust']").ClickAsync();
        await users.Input("adjust-amount").FillAsync("250");
        await users.Input("adjust-reason").FillAsync("Festival bonus");
        await UiFixture.ScreenshotAsync(adminPage, "admin-users-adjust");
        await adminPage.Locator("[data-testid='adjust-submit']").ClickAsync();
        await Expect(users.Row(email).Locator("[data-testid='user-available']")).ToHaveTextAsync((before + 250).ToString());

        await wallet.OpenAsync();

        await Expect(wallet.Available).ToHaveTextAsync((before + 250).ToString());
        await Expect(userPage.Locator("[data-testid='history-table']")).ToContainTextAsync("Festival bonus");
        await UiFixture.ScreenshotAsync(userPage, "wallet-after-adjustment");
    }

    [Fact]
    public async Task A_locked_user_cannot_sign_in()
    {
        var email = $"locked-{Guid.NewGuid():N}@example.com";
        var userPage = await Ui.NewPageAsync();
        await (await new RegisterPage(userPage).OpenAsync()).RegisterAsync(email, "night-shift-7", "Locked");
        await Expect(userPage.Locator("[data-testid='user-menu']")).ToBeVisibleAsync();

        var adminPage = await Ui.NewPageAsync();
        await (await new LoginPage(adminPage).OpenAsync("/admin/users")).LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        var users = new AdminUsersPage(adminPage);
        await users.WaitForInteractiveAsync();
        await users.SearchAsync(email);
        await users.Row(email).Locator("[data-testid='user-lock']").ClickAsync();
        await adminPage.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Lock" }).ClickAsync();
        await Expect(users.Row(email).Locator("[data-testid='user-state']")).ToHaveTextAsync("Locked");

        var again = await Ui.NewPageAsync();
        var login = await new LoginPage(again).OpenAsync();
        await login.AttemptLogInAsync(email, "night-shift-7");

        await Expect(login.Error).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(again, "login-locked-by-admin");

        // The audit log tells the story: registered, locked by the admin, a refused sign-in, from the client's address.
        await adminPage.GotoAsync("/admin/audit");
        await users.WaitForInteractiveAsync();
        await users.Input("audit-search").FillAsync(email);
        var rows = adminPage.Locator("[data-testid='audit-row']");
        await Expect(rows.And(adminPage.Locator("[data-action='login.locked_out']"))).ToHaveCountAsync(1);
        await Expect(rows.And(adminPage.Locator("[data-action='user.locked']"))).ToHaveCountAsync(1);
        await Expect(rows.And(adminPage.Locator("[data-action='account.registered']"))).ToHaveCountAsync(1);
        var locked = rows.And(adminPage.Locator("[data-action='user.locked']")).Locator("xpath=..");
        await Expect(locked).ToContainTextAsync(StudioApp.AdminEmail);
        await Expect(locked.Locator("[data-testid='audit-ip']")).ToHaveTextAsync("127.0.0.1");
        await UiFixture.ScreenshotAsync(adminPage, "admin-audit-log");
    }

    [Fact]
    public async Task The_dashboard_and_prices_open_for_an_admin()
    {
        var page = await Ui.NewPageAsync();
        await (await new LoginPage(page).OpenAsync("/admin/dashboard")).LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        await Expect(page.Locator("[data-testid='dashboard-users'] [data-testid='dashboard-value']")).Not.ToHaveTextAsync("0");
        await UiFixture.ScreenshotAsync(page, "admin-dashboard");

        await page.GotoAsync("/admin/prices");

        await Expect(page.Locator("[data-testid='price-row']").First).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "admin-prices");
    }
}

public sealed class AdminUsersPage(IPage page) : StudioPage(page)
{
    public async Task SearchAsync(string text) => await Input("users-search").FillAsync(text);

    public ILocator Row(string email) => Page.Locator($"[data-testid='user-row'][data-email='{email}']").Locator("xpath=..");

    public new ILocator Input(string id) => base.Input(id);
}
