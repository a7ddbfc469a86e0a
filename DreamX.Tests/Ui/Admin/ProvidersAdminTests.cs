using System.Text.RegularExpressions;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Tests.Support.FakeOpenAi;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

[Collection(UiCollection.Name)]
public sealed class ProvidersAdminTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task An_admin_adds_an_openai_compatible_provider_and_sees_its_key_stored()
    {
        var page = await Ui.NewPageAsync();
        var providers = await LogInAsAdminAsync(page);
        var name = $"deepseek-{Guid.NewGuid():N}"[..16];

        await providers.AddTextProviderAsync(name, "https://api.deepseek.com/v1", "sk-ui-test", "deepseek-chat");

        await Expect(providers.Row(name)).ToContainTextAsync("https://api.deepseek.com/v1");
        await Expect(page.Locator("[data-testid='providers-table']")).ToContainTextAsync("Key stored");
        await UiFixture.ScreenshotAsync(page, "admin-providers");
        await RemoveAsync(name);
    }

    [Fact]
    public async Task A_provider_without_a_valid_base_url_is_refused_with_a_reason()
    {
        var page = await Ui.NewPageAsync();
        var providers = await LogInAsAdminAsync(page);

        await providers.AddTextProviderAsync("broken", "not a url", "", "m");

        await Expect(providers.Error).ToContainTextAsync("base URL must be a full http(s) address");
        await UiFixture.ScreenshotAsync(page, "admin-providers-error");
    }

    [Fact]
    public async Task A_provider_on_the_cloud_metadata_address_is_refused_with_a_reason()
    {
        var page = await Ui.NewPageAsync();
        var providers = await LogInAsAdminAsync(page);

        await providers.AddTextProviderAsync("metadata", "http://169.254.169.254/latest", "", "m");

        await Expect(providers.Error).ToContainTextAsync("points at an internal address");
        await Expect(providers.Error).ToContainTextAsync("Providers:Outbound:AllowedHosts");
        await UiFixture.ScreenshotAsync(page, "admin-providers-internal-url");
    }

    [Fact]
    public async Task An_admin_tests_a_providers_text_connection_and_allows_the_builtin_fallback_for_images()
    {
        await using var fake = await FakeOpenAiServer.StartAsync();
        fake.OnChat(FakeReply.Chat("""{"ok": true}"""));
        var page = await Ui.NewPageAsync();
        var providers = await LogInAsAdminAsync(page);
        var name = $"local-{Guid.NewGuid():N}"[..14];

        await providers.AddTextProviderAsync(name, fake.BaseUrl, "sk-local", "fake-chat");
        await Expect(providers.Row(name)).ToBeVisibleAsync();
        await page.Locator($"[data-testid='provider-test-{name}-text']").ClickAsync();

        var result = page.Locator("[data-testid='provider-test-result']");
        await Expect(result).ToContainTextAsync("works");
        await Expect(result).ToContainTextAsync("fake-chat");
        Assert.Equal("Bearer sk-local", Assert.Single(fake.RequestsTo("chat/completions")).Authorization);

        await page.Locator("input[data-testid='fallback-image']").SetCheckedAsync(true, new() { Force = true });
        await page.Locator("[data-testid='fallback-save']").ClickAsync();
        await Expect(page.GetByText("Fallback rules saved.")).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "admin-providers-test-connection");
        await providers.OpenAsync();
        await Expect(page.Locator("input[data-testid='fallback-image']")).ToBeCheckedAsync();
        await Expect(page.Locator("input[data-testid='fallback-text']")).Not.ToBeCheckedAsync();
        await RemoveAsync(name);
    }

    [Fact]
    public async Task An_admin_makes_a_callback_secret_for_a_provider_and_sees_it_once_with_the_callback_url()
    {
        var page = await Ui.NewPageAsync();
        var providers = await LogInAsAdminAsync(page);
        var name = $"worker-{Guid.NewGuid():N}"[..15];
        await providers.AddTextProviderAsync(name, "https://api.example.com/v1", "sk-worker", "worker-chat");
        await Expect(providers.Row(name)).ToBeVisibleAsync();

        await page.Locator($"[data-testid='provider-callback-secret-{name}']").ClickAsync();

        var shown = page.Locator("[data-testid='provider-callback']");
        await Expect(shown).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='provider-callback-url']")).ToContainTextAsync($"/api/v1/webhooks/providers/{name}");
        var secret = (await page.Locator("[data-testid='provider-callback-secret']").InnerTextAsync()).Trim();
        Assert.StartsWith("whcb_", secret);
        await Expect(page.Locator($"[data-testid='provider-callbacks-{name}']")).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "admin-providers-callback-secret");
        // Shown once: a fresh page shows that callbacks are on, never the secret.
        await providers.OpenAsync();
        await Expect(page.Locator($"[data-testid='provider-callbacks-{name}']")).ToBeVisibleAsync();
        Assert.DoesNotContain(secret, await page.ContentAsync());
        await RemoveAsync(name);
    }

    /// <summary>
    /// The UI tests share one studio: a provider left configured would take over every later test's generation (and
    /// with no fallback allowed, fail it), so each test removes what it added and resets the fallback rules.
    /// </summary>
    private async Task RemoveAsync(string name)
    {
        var settings = Ui.App.Services.GetRequiredService<ProviderSettings>();
        foreach (var provider in (await settings.ListAsync(CancellationToken.None)).Where(p => p.Name == name))
            await settings.DeleteAsync(provider.Id, CancellationToken.None);
        await settings.SaveBuiltinFallbackAsync(DreamX.Domain.Generation.ProviderCapabilities.None, CancellationToken.None);
    }

    private static async Task<ProvidersPage> LogInAsAdminAsync(IPage page)
    {
        var login = await new LoginPage(page).OpenAsync("/admin/providers");
        await login.LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/providers$"));
        var providers = new ProvidersPage(page);
        await providers.WaitForInteractiveAsync();
        return providers;
    }
}
