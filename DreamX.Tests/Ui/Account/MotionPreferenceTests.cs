using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Account;

/// <summary>The studio's motion follows the system's "reduce motion" setting (WCAG 2.3.3).</summary>
[Collection(UiCollection.Name)]
public sealed class MotionPreferenceTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task Buttons_ease_between_states_unless_the_creator_asked_for_less_motion()
    {
        var reduced = await new LoginPage(await Ui.NewPageAsync()).OpenAsync();
        var options = BrowserSession.StudioContext(Ui.App.BaseAddress);
        options.ReducedMotion = ReducedMotion.NoPreference;
        await using var context = await Ui.Browser.Browser.NewContextAsync(options);
        var moving = await new LoginPage(await context.NewPageAsync()).OpenAsync();

        Assert.Equal(0.25, await LongestTransitionSecondsAsync(moving.Submit));
        Assert.True(await LongestTransitionSecondsAsync(reduced.Submit) < 0.001, "a transition still runs with less motion asked for");
    }

    /// <summary>The longest of the element's computed transition durations, in seconds.</summary>
    private static async Task<double> LongestTransitionSecondsAsync(ILocator element)
    {
        var durations = await element.EvaluateAsync<string>("e => getComputedStyle(e).transitionDuration");
        return durations.Split(',').Select(d => double.Parse(d.Trim().TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture)).Max();
    }
}
