using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Account;

[Collection(UiCollection.Name)]
public sealed class AccountFlowTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_visitor_is_sent_to_the_login_page_for_a_protected_page()
    {
        var page = await Ui.NewPageAsync();

        await page.GotoAsync("/projects");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?returnUrl=%2Fprojects", System.Text.RegularExpressions.RegexOptions.IgnoreCase));
        await UiFixture.ScreenshotAsync(page, "account-login");
    }

    [Fact]
    public async Task A_new_creator_registers_and_is_signed_in()
    {
        var page = await Ui.NewPageAsync();
        var register = await new RegisterPage(page).OpenAsync();
        await UiFixture.ScreenshotAsync(page, "account-register");

        await register.RegisterAsync($"maya-{Guid.NewGuid():N}@example.com", "night-shift-7", "Maya");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects"));
        await Expect(page.Locator("[data-testid='user-menu']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_creator_opens_the_account_menu_and_logs_out()
    {
        var page = await NewCreatorPageAsync("leaving", "Leaving");
        await new ProjectListPage(page).WaitForInteractiveAsync();

        await page.Locator("[data-testid='user-menu-open']").ClickAsync();
        var logout = page.Locator("[data-testid='logout']");
        await Expect(logout).ToBeVisibleAsync();
        await UiFixture.ViewportScreenshotAsync(page, "account-user-menu");
        await logout.ClickAsync();

        await Expect(page.Locator("[data-testid='user-menu']")).ToHaveCountAsync(0);
        await page.GotoAsync("/projects");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task A_wrong_password_shows_a_clear_message()
    {
        var page = await Ui.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync();

        await login.AttemptLogInAsync(StudioApp.AdminEmail, "not-the-password-1");

        await Expect(login.Error).ToContainTextAsync("Email or password is wrong");
        await UiFixture.ScreenshotAsync(page, "account-login-error");
    }

    [Fact]
    public async Task The_login_page_speaks_chinese_after_switching_language()
    {
        var page = await Ui.NewPageAsync();
        await new LoginPage(page).OpenAsync();

        await page.GotoAsync("/culture/set?culture=zh-CN&returnUrl=%2Faccount%2Flogin");

        await Expect(page.Locator("h1")).ToHaveTextAsync("欢迎回来");
        await UiFixture.ScreenshotAsync(page, "account-login-zh");
    }
}
