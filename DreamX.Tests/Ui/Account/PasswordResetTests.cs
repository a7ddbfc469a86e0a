using System.Text.RegularExpressions;
using DreamX.Infrastructure.Identity.Email;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Account;

[Collection(UiCollection.Name)]
public sealed class PasswordResetTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_creator_resets_a_forgotten_password_from_the_mailed_link()
    {
        var email = $"forgetful-{Guid.NewGuid():N}@example.com";
        var first = await Ui.NewPageAsync();
        await (await new RegisterPage(first).OpenAsync()).RegisterAsync(email, "first-pass-1", "Forgetful");
        await first.WaitForAddressAsync("/projects");

        var page = await Ui.NewPageAsync();
        await page.GotoAsync("/account/forgot-password");
        var forgot = new LoginPage(page);
        await forgot.WaitForInteractiveAsync();
        await page.Locator("input[data-testid='forgot-email']").FillAsync(email);
        await page.Locator("[data-testid='forgot-submit']").ClickAsync();
        await Expect(page.Locator("[data-testid='forgot-sent']")).ToBeVisibleAsync();

        var mail = Ui.App.Services.GetRequiredService<OutboxEmailSender>().FindLatest(email);
        Assert.NotNull(mail);
        var link = Regex.Match(mail, @"https?://\S+/account/reset-password\?\S+").Value;
        Assert.StartsWith(StudioApp.PublicUrl + "/account/reset-password?", link);
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await forgot.WaitForInteractiveAsync();
        await page.Locator("input[data-testid='reset-password']").FillAsync("second-pass-2");
        await page.Locator("input[data-testid='reset-confirm']").FillAsync("second-pass-2");
        await UiFixture.ScreenshotAsync(page, "account-reset-password");
        await page.Locator("[data-testid='reset-submit']").ClickAsync();
        await Expect(page.Locator("[data-testid='reset-done']")).ToBeVisibleAsync();

        var login = await new LoginPage(page).OpenAsync();
        await login.LogInAsync(email, "second-pass-2");
        await page.WaitForAddressAsync("/projects");
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:5000")]
    [InlineData("studio.dreamx.test.evil.example")]
    public async Task A_request_naming_a_foreign_host_is_refused(string host)
    {
        using var client = new HttpClient { BaseAddress = Ui.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/forgot-password");
        request.Headers.Host = host;

        using var response = await client.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_public_host_and_loopback_are_served()
    {
        using var client = new HttpClient { BaseAddress = Ui.App.BaseAddress };
        foreach (var host in new[] { new Uri(StudioApp.PublicUrl).Host, "localhost", "127.0.0.1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/forgot-password");
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{host}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_tampered_reset_link_is_refused_with_a_message()
    {
        var page = await Ui.NewPageAsync();
        await page.GotoAsync($"/account/reset-password?email={Uri.EscapeDataString(StudioApp.AdminEmail)}&token=bm90LWEtdG9rZW4");
        await new LoginPage(page).WaitForInteractiveAsync();

        await page.Locator("input[data-testid='reset-password']").FillAsync("hijack-pass-3");
        await page.Locator("input[data-testid='reset-confirm']").FillAsync("hijack-pass-3");
        await page.Locator("[data-testid='reset-submit']").ClickAsync();

        await Expect(page.Locator("[data-testid='reset-error']")).ToContainTextAsync("invalid or has expired");
    }
}
