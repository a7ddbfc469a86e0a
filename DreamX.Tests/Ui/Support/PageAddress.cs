using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Support;

/// <summary>
/// Waiting for the page to arrive somewhere. Playwright's <c>WaitForURLAsync</c> looks at the address once and then
/// listens for the next navigation: a navigation that lands between the two is missed, and the wait times out on the
/// right page (seen twice on the loaded 2-core machines: "waiting for navigation until Load" with the page already there).
/// Its <c>WaitForLoadStateAsync</c> has the same gap (a load that fires between its look and its listening is missed).
/// These poll the address, then the document's ready state, instead.
/// </summary>
public static class PageAddress
{
    /// <summary>Until the address matches <paramref name="address"/>, then until the page has loaded.</summary>
    public static async Task WaitForAddressAsync(this IPage page, Regex address, float timeout = 30_000)
    {
        await Assertions.Expect(page).ToHaveURLAsync(address, new() { Timeout = timeout });
        await page.WaitForFunctionAsync("() => document.readyState === 'complete'", null, new() { Timeout = timeout });
    }

    /// <summary>Until the address's path ends with <paramref name="pathEnd"/> (e.g. "/projects"), then until the page has loaded.</summary>
    public static Task WaitForAddressAsync(this IPage page, string pathEnd, float timeout = 30_000) =>
        page.WaitForAddressAsync(new Regex(Regex.Escape(pathEnd) + "$"), timeout);
}
