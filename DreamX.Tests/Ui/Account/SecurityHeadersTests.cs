using System.Net;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Account;

/// <summary>The browser rules on the studio's pages and on stored media (ASVS V3.4), read from the running app.</summary>
[Collection(UiCollection.Name)]
public sealed class SecurityHeadersTests(UiFixture ui) : UiTest(ui)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/showcase")]
    [InlineData("/health")]
    [InlineData("/not-a-page")]
    public async Task Pages_carry_the_security_headers_and_no_server_header(string path)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Ui.App.BaseAddress };

        using var response = await client.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'nonce-", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), "a Server header names the web server");
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task Stored_media_are_served_sandboxed_and_unsniffable()
    {
        var key = ObjectKey.ForAsset("tests", $"{Guid.NewGuid():N}.png");
        await Ui.App.Services.GetRequiredService<IObjectStorage>()
            .PutAsync(key, new MemoryStream(Png()), "image/png", CancellationToken.None);
        var url = Ui.App.Services.GetRequiredService<MediaUrlSigner>().CreateUrl(key, TimeSpan.FromMinutes(5));
        using var client = new HttpClient { BaseAddress = Ui.App.BaseAddress };

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("sandbox", csp);
    }

    [Fact]
    public async Task The_studio_runs_under_its_policy_without_violations()
    {
        var page = await Ui.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                violations.Add(message.Text);
        };

        await (await new RegisterPage(page).OpenAsync()).RegisterAsync($"csp-{Guid.NewGuid():N}@example.com", "night-shift-7", "Csp");
        await page.WaitForAddressAsync("/projects");
        await CreateProjectAsync(page, "Under the policy", "A lighthouse keeper finds a letter in a bottle addressed to her late mother.");
        await page.GotoAsync("/wallet");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(violations);
    }

    private static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(4, 4);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : "";

    [Fact]
    public async Task The_error_page_gives_a_reference_and_no_internals()
    {
        var page = await Ui.NewPageAsync();
        await page.GotoAsync("/error");

        var reference = page.Locator("[data-testid='error-reference']");
        await Microsoft.Playwright.Assertions.Expect(reference).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[0-9a-f]{32}$"));
        var text = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain("at DreamX", text);
    }
}
