using DreamX.Infrastructure.Webhooks;
using DreamX.Tests.Infrastructure.Events;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Profile;

[Collection(UiCollection.Name)]
public sealed class WebhookSettingsTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_creator_adds_an_endpoint_sees_its_secret_once_tests_it_and_redelivers_a_failed_test()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 200);
        var page = await Ui.NewPageAsync();
        var register = await new RegisterPage(page).OpenAsync();
        await register.RegisterAsync($"hook-{Guid.NewGuid():N}@example.com", "night-shift-7", "Hook");
        await page.WaitForAddressAsync("/projects");
        await new ProfilePage(page).OpenAsync();
        var card = page.Locator("[data-testid='webhooks-card']");
        await Expect(card.Locator("[data-testid='webhooks-none']")).ToBeVisibleAsync();

        // An internal address is refused with a message and nothing is added.
        await Field(card, "webhook-new-url").FillAsync("http://10.1.2.3/hook");
        await card.Locator("[data-testid='webhook-add']").ClickAsync();
        await Expect(card.Locator("[data-testid='webhook-error']")).ToContainTextAsync("private network");
        await Expect(card.Locator("[data-testid='webhook-endpoint']")).ToHaveCountAsync(0);

        await Field(card, "webhook-new-url").FillAsync(receiver.Url.ToString());
        await Field(card, "webhook-new-description").FillAsync("CMS import");
        await card.Locator("[data-testid='webhook-add']").ClickAsync();
        var secret = (await card.Locator("[data-testid='webhook-secret']").InnerTextAsync()).Trim();
        Assert.StartsWith("whsec_", secret);
        await Expect(card.Locator("[data-testid='webhook-url']")).ToHaveTextAsync(receiver.Url.ToString());
        await UiFixture.ScreenshotAsync(page, "profile-webhook-secret");

        // The receiver answers the test with 500: it fails and is logged; redelivering it then succeeds.
        await card.Locator("[data-testid='webhook-test']").ClickAsync();
        await page.Locator(".mud-snackbar").Filter(new() { HasText = "Test failed" }).WaitForAsync();
        await card.Locator("[data-testid='webhook-deliveries']").ClickAsync();
        await Expect(card.Locator("[data-testid='webhook-delivery-status']")).ToHaveTextAsync("Failed");
        await card.Locator("[data-testid='webhook-redeliver']").ClickAsync();
        await page.Locator(".mud-snackbar").Filter(new() { HasText = "Redelivered" }).WaitForAsync();
        await Expect(card.Locator("[data-testid='webhook-delivery-status']")).ToHaveTextAsync("Delivered");
        await Expect(card.Locator("[data-testid='webhook-attempt']")).ToHaveCountAsync(2);
        await Expect(card.Locator("[data-testid='webhook-attempt']").First).ToContainTextAsync("500");
        await Expect(card.Locator("[data-testid='webhook-attempt']").Last).ToContainTextAsync("200");
        await UiFixture.ScreenshotAsync(page, "profile-webhook-deliveries");

        // Both requests carry a signature the secret shown on the page verifies, and the same delivery id.
        var requests = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(secret, r.Headers["DreamX-Signature"], r.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));
        Assert.Equal(requests[0].Headers["DreamX-Webhook-Id"], requests[1].Headers["DreamX-Webhook-Id"]);

        // The secret is shown once: not after a reload.
        await page.ReloadAsync();
        await new ProfilePage(page).WaitForInteractiveAsync();
        await Expect(card.Locator("[data-testid='webhook-endpoint']")).ToHaveCountAsync(1);
        await Expect(card.Locator("[data-testid='webhook-secret']")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await page.ContentAsync());
    }

    [Fact]
    public async Task The_webhook_settings_read_in_Chinese()
    {
        var page = await Ui.NewPageAsync("zh-CN");
        var register = await new RegisterPage(page).OpenAsync();
        await register.RegisterAsync($"hook-zh-{Guid.NewGuid():N}@example.com", "night-shift-7", "钩子");
        await page.WaitForAddressAsync("/projects");
        await new ProfilePage(page).OpenAsync();
        var card = page.Locator("[data-testid='webhooks-card']");
        await Expect(card).ToContainTextAsync("还没有端点");
        await Expect(card.Locator("[data-testid='webhook-add']")).ToHaveTextAsync("添加端点");
        await card.Locator("[data-testid='webhook-add']").ClickAsync();
        await Expect(card.Locator("[data-testid='webhook-error']")).ToContainTextAsync("请输入完整的");
        await UiFixture.ScreenshotAsync(page, "profile-webhooks-zh");
    }

    /// <summary>A MudTextField's input, whichever element carries the test id.</summary>
    private static ILocator Field(ILocator card, string id) =>
        card.Locator($"input[data-testid='{id}'], [data-testid='{id}'] input").First;
}
