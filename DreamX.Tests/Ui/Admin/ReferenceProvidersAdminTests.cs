using System.Text.RegularExpressions;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Tests.Infrastructure.Characters;
using DreamX.Tests.Support.FakeOpenAi;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

/// <summary>An admin configures a Volcengine Ark image provider that takes reference images, at /admin/providers.</summary>
[Collection(UiCollection.Name)]
public sealed class ReferenceProvidersAdminTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task An_admin_adds_an_Ark_image_provider_that_takes_references_and_tests_it()
    {
        await using var fake = await FakeReferenceImageServer.StartAsync(ReferenceTestPictures.Solid(960, 960, SKColors.SteelBlue));
        var page = await Ui.NewPageAsync();
        var login = await new LoginPage(page).OpenAsync("/admin/providers");
        await login.LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/providers$"));
        var providers = new ProvidersPage(page);
        await providers.WaitForInteractiveAsync();
        var name = $"seedream-{Guid.NewGuid():N}"[..16];

        try
        {
            await page.Locator("[data-testid='providers-add']").ClickAsync();
            await page.Locator("input[data-testid='provider-name'], [data-testid='provider-name'] input").First.FillAsync(name);
            await page.Locator("input[data-testid='provider-baseurl'], [data-testid='provider-baseurl'] input").First.FillAsync(fake.ArkBaseUrl);
            await page.Locator("input[data-testid='provider-apikey'], [data-testid='provider-apikey'] input").First.FillAsync("ark-key");
            await page.Locator("[data-testid='provider-kind']").First.ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Volcengine Ark" }).ClickAsync();
            // Choosing Ark ticks Image by itself (on the server's next render): clicking it too could untick it again.
            await Expect(page.Locator("input[data-testid='provider-image']")).ToBeCheckedAsync();
            await page.Locator("input[data-testid='provider-image-model'], [data-testid='provider-image-model'] input").First.FillAsync("doubao-seedream-4-0-250828");
            await page.Locator("input[data-testid='provider-accepts-references']").SetCheckedAsync(true, new() { Force = true });
            await UiFixture.ViewportScreenshotAsync(page, "admin-providers-ark-form");
            await page.Locator("[data-testid='provider-save']").ClickAsync();

            await Expect(page.Locator($"[data-testid='provider-references-{name}']")).ToBeVisibleAsync();
            await page.Locator($"[data-testid='provider-test-{name}-image']").ClickAsync();
            await Expect(page.Locator("[data-testid='provider-test-result']")).ToContainTextAsync("doubao-seedream-4-0-250828");
            await UiFixture.ScreenshotAsync(page, "admin-providers-ark");

            var call = Assert.Single(fake.CallsTo("/api/v3/images/generations"));
            Assert.Equal("Bearer ark-key", call.Authorization);
            var saved = Assert.Single(await Ui.App.Services.GetRequiredService<ProviderSettings>().ListAsync(CancellationToken.None), p => p.Name == name);
            Assert.Equal((ProviderKind.VolcengineArk, true, ProviderCapabilities.Image), (saved.Kind, saved.AcceptsReferenceImages, saved.Capabilities));
        }
        finally
        {
            // The UI tests share one studio: a provider left configured would take over later tests' pictures.
            var settings = Ui.App.Services.GetRequiredService<ProviderSettings>();
            foreach (var provider in (await settings.ListAsync(CancellationToken.None)).Where(p => p.Name == name))
                await settings.DeleteAsync(provider.Id, CancellationToken.None);
        }
    }
}
