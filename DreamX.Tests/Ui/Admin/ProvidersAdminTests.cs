using System.Text.RegularExpressions;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
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
