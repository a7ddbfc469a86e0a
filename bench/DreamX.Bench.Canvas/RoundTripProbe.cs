using Microsoft.Playwright;

namespace DreamX.Bench.Canvas;

/// <summary>
/// Times, inside the page, from a trusted input event (pointerup or wheel) to the moment an attribute that
/// .NET renders changes: the whole Blazor Server round trip, without Playwright's own latency.
/// </summary>
public sealed class RoundTripProbe(IPage page)
{
    public Task ArmAsync(string selector, string attribute, string startOn = "pointerup") => page.EvaluateAsync(@"([selector, attribute, startOn]) => {
        const el = document.querySelector(selector);
        const before = el.getAttribute(attribute);
        const probe = window.__dxProbe = { start: null, end: null };
        window.addEventListener(startOn, () => { probe.start = performance.now(); }, { capture: true, once: true });
        new MutationObserver((_, observer) => {
            if (el.getAttribute(attribute) !== before && probe.start !== null) { probe.end = performance.now(); observer.disconnect(); }
        }).observe(el, { attributes: true, attributeFilter: [attribute] });
    }", new[] { selector, attribute, startOn });

    public async Task<double> ElapsedAsync()
    {
        await page.WaitForFunctionAsync("() => window.__dxProbe && window.__dxProbe.end !== null", null, new() { PollingInterval = 5 });
        return await page.EvaluateAsync<double>("() => window.__dxProbe.end - window.__dxProbe.start");
    }
}
