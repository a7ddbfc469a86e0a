using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Api;

/// <summary>
/// The API reference page in a real browser: Scalar's script runs under the studio's strict CSP (by nonce), reads
/// /openapi/v1.json and renders the operations, with no script or policy error in the console.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ApiReferencePageTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task The_reference_page_renders_the_api_in_chromium_under_the_strict_policy()
    {
        var page = await Ui.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                problems.Add(message.Text);
        };
        page.PageError += (_, error) => problems.Add(error);

        await page.GotoAsync("/api/docs/");

        // The document's title and operations appear only once the script has run and read the document.
        await Expect(page.GetByText("DreamX Studio API").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var sidebar = page.GetByRole(AriaRole.Complementary);
        foreach (var group in new[] { "Projects", "Production", "Tasks", "Webhooks", "Admin" })
            await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = group, Exact = true })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        // The groups come in reading order, the creator's own first; a closed group opens on a click.
        await Expect(sidebar.GetByRole(AriaRole.Link, new() { Name = "Me", Exact = true })).ToBeVisibleAsync();
        await sidebar.GetByRole(AriaRole.Link, new() { Name = "Webhooks", Exact = true }).ClickAsync();
        await Expect(sidebar.GetByText("A remote worker reports a finished job", new() { Exact = false }).First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await UiFixture.ViewportScreenshotAsync(page, "api-reference");
        Assert.True(problems.All(p => !p.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)),
            string.Join("\n", problems));
    }
}
