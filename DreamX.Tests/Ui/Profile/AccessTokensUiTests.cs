using System.Net;
using System.Net.Http.Headers;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Profile;

[Collection(UiCollection.Name)]
public sealed class AccessTokensUiTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_creator_makes_a_token_sees_it_once_uses_it_on_the_api_and_revokes_it()
    {
        var page = await Ui.NewPageAsync();
        var register = await new RegisterPage(page).OpenAsync();
        await register.RegisterAsync($"tok-{Guid.NewGuid():N}@example.com", "night-shift-7", "Tess");
        await page.WaitForAddressAsync("/projects");
        await new ProfilePage(page).OpenAsync();
        var card = page.GetByTestId("tokens-card");
        await Expect(card.GetByTestId("tokens-empty")).ToBeVisibleAsync();

        await card.GetByTestId("tokens-create").ClickAsync();
        await Expect(card.GetByTestId("tokens-error")).ToContainTextAsync("Give the token a name");

        await card.Locator("input[data-testid='tokens-name'], [data-testid='tokens-name'] input").First.FillAsync("nightly batch");
        await card.GetByTestId("tokens-create").ClickAsync();
        var value = card.GetByTestId("tokens-created-value");
        await Expect(value).ToContainTextAsync("dxs_");
        var token = (await value.InnerTextAsync()).Trim();
        await Expect(card.GetByTestId("tokens-row")).ToHaveCountAsync(1);
        await Expect(card.GetByTestId("tokens-row")).ToContainTextAsync("nightly batch");
        await Expect(card.GetByTestId("tokens-last-used")).ToContainTextAsync("Not used yet");
        await UiFixture.ScreenshotAsync(page, "profile-tokens-created");

        using var client = new HttpClient { BaseAddress = Ui.App.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var me = await client.GetAsync("/api/v1/me"))
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        // Shown once: after a reload only the prefix is on the page, and the list has its last use.
        await page.ReloadAsync();
        await new ProfilePage(page).OpenAsync();
        await Expect(card.GetByTestId("tokens-created-value")).ToHaveCountAsync(0);
        Assert.DoesNotContain(token, await page.ContentAsync());
        await Expect(card.GetByTestId("tokens-last-used")).Not.ToContainTextAsync("Not used yet");

        await card.GetByTestId("tokens-revoke").ClickAsync();
        await Expect(card.GetByTestId("tokens-revoked")).ToBeVisibleAsync();
        using (var refused = await client.GetAsync("/api/v1/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await UiFixture.ScreenshotAsync(page, "profile-tokens-revoked");
    }
}
