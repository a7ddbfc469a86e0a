using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Pages;

public sealed class ProjectListPage(IPage page) : StudioPage(page)
{
    public async Task<ProjectListPage> OpenAsync()
    {
        await Page.GotoAsync("/projects");
        await WaitForInteractiveAsync();
        return this;
    }

    public ILocator Cards => TestId("project-card");

    public ILocator Card(string title) => Cards.Filter(new() { Has = Page.Locator($"[data-testid='project-title']:text-is('{title}')") });

    public async Task SearchAsync(string text) => await Input("project-search").FillAsync(text);

    public async Task<NewProjectPage> StartNewAsync()
    {
        await TestId("new-project").ClickAsync();
        await Page.WaitForAddressAsync("/projects/new");
        return new NewProjectPage(Page);
    }

    public async Task OpenMenuAsync(string title) => await Card(title).Locator("[data-testid='project-menu'] button").ClickAsync();

    public async Task ChooseAsync(string action) => await Page.Locator($"[data-testid='project-{action}']").ClickAsync();
}

public sealed class NewProjectPage(IPage page) : StudioPage(page)
{
    public async Task<NewProjectPage> OpenAsync()
    {
        await Page.GotoAsync("/projects/new");
        await WaitForInteractiveAsync();
        return this;
    }

    public async Task ChooseTypeAsync(string type) => await TestId($"type-{type}").ClickAsync();

    /// <summary>Fills the title and idea and, when given, the episode's length (a short episode keeps a test that
    /// produces a whole episode quick on a loaded machine).</summary>
    public async Task FillAsync(string title, string idea, int? episodeSeconds = null)
    {
        await Input("checkpoint-title").FillAsync(title);
        await Input("checkpoint-idea").FillAsync(idea);
        if (episodeSeconds is { } seconds)
        {
            var duration = Input("checkpoint-duration");
            await duration.FillAsync(seconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await duration.BlurAsync();
        }
    }

    public async Task SubmitAsync() => await TestId("checkpoint-submit").ClickAsync();

    /// <summary>Submits and waits for the new project's page; when the form stays, the failure says what it shows.</summary>
    public async Task CreateAsync()
    {
        await SubmitAsync();
        try
        {
            // A loaded machine can take a while to save and open the canvas; the wait is generous, the failure says why.
            await Page.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("/projects/[0-9a-f-]{36}$"), 60_000);
        }
        catch (TimeoutException e)
        {
            // What the page shows, read without waiting: a diagnostic that times out itself hides the cause.
            var reconnecting = await Page.Locator("#components-reconnect-modal:visible, .components-reconnect-show").CountAsync() > 0;
            var shows = await Form.CountAsync() > 0 ? "the form: " + await Form.InnerTextAsync(new() { Timeout = 5_000 })
                : "no form: " + await Page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException(
                $"No project page after submitting (at {Page.Url}; reconnecting: {reconnecting}). The page shows {shows[..Math.Min(shows.Length, 1500)]}", e);
        }
    }

    public ILocator Form => TestId("checkpoint-form");
}

public sealed class ProjectDetailsPage(IPage page) : StudioPage(page)
{
    public ILocator Heading => TestId("project-heading");
    public ILocator Idea => TestId("checkpoint-idea");
    public ILocator NotFound => TestId("project-not-found");
    public ILocator Pipeline => TestId("project-pipeline");

    /// <summary>From the project's canvas (where a project opens) to its overview, by the canvas header's link.</summary>
    public async Task<ProjectDetailsPage> OpenFromCanvasAsync()
    {
        await TestId("canvas-overview").ClickAsync();
        await Page.WaitForAddressAsync(new System.Text.RegularExpressions.Regex("/projects/[0-9a-f-]{36}/overview$"));
        await WaitForInteractiveAsync();
        // The body stays marked interactive from the canvas (the same circuit navigates): wait for the overview itself,
        // generously, as a loaded machine can take a while to read the project.
        await Heading.WaitForAsync(new() { Timeout = 60_000 });
        return this;
    }
}
