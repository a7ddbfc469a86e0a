using System.Net;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Account;

/// <summary>Sessions end on the server's word (ASVS V7.4): the test app re-checks security stamps every 5 s.</summary>
[Collection(UiCollection.Name)]
public sealed class SessionEndTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_password_change_in_one_browser_ends_the_session_in_another()
    {
        var email = $"two-browsers-{Guid.NewGuid():N}@example.com";
        var first = await Ui.NewPageAsync();
        await (await new RegisterPage(first).OpenAsync()).RegisterAsync(email, "night-shift-7", "Twice");
        await first.WaitForAddressAsync("/projects");
        var second = await Ui.NewPageAsync();
        await (await new LoginPage(second).OpenAsync("/wallet")).LogInAsync(email, "night-shift-7");

        var profile = await new ProfilePage(first).OpenAsync();
        await first.Locator("input[data-testid='profile-current-password']").FillAsync("night-shift-7");
        await first.Locator("input[data-testid='profile-new-password']").FillAsync("morning-shift-8");
        await first.Locator("input[data-testid='profile-confirm-password']").FillAsync("morning-shift-8");
        await first.Locator("[data-testid='profile-change-password']").ClickAsync();
        await Expect(first.Locator("[data-testid='profile-password-error']")).ToHaveCountAsync(0);

        // The other browser's open page is logged out by its circuit's stamp check; a new request by its cookie check.
        await Expect(second).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"), new() { Timeout = 30_000 });
        await second.GotoAsync("/wallet");
        await Expect(second).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    [Fact]
    public async Task A_cross_site_logout_without_the_sites_antiforgery_token_is_refused()
    {
        var page = await NewCreatorPageAsync("logout-csrf", "Stays");
        var cookies = await page.Context.CookiesAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Ui.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await page.GotoAsync("/wallet");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/wallet"));
    }

    [Fact]
    public async Task A_login_ticket_taken_from_one_browser_does_not_sign_another_browser_in()
    {
        // The attacker signs in to their own account and keeps the ticket instead of redeeming it.
        var email = $"ticket-thief-{Guid.NewGuid():N}@example.com";
        var registration = await Ui.NewPageAsync();
        await (await new RegisterPage(registration).OpenAsync()).RegisterAsync(email, "night-shift-7", "Thief");
        await registration.WaitForAddressAsync("/projects");
        var attacker = await Ui.NewPageAsync();
        var ticketUrl = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await attacker.RouteAsync("**/account/complete-login**", async route =>
        {
            ticketUrl.TrySetResult(route.Request.Url);
            await route.AbortAsync();
        });
        await (await new LoginPage(attacker).OpenAsync()).AttemptLogInAsync(email, "night-shift-7");
        var stolen = await ticketUrl.Task.WaitAsync(TimeSpan.FromSeconds(60));

        // The victim's browser is made to open it (a link or a cross-site redirect): it stays signed out.
        var victim = await Ui.NewPageAsync();
        await victim.GotoAsync("/account/login");
        await victim.GotoAsync(stolen);
        await Expect(victim).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?error=expired"));
        await victim.GotoAsync("/wallet");
        await Expect(victim).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }
}
