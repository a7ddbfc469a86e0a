using DreamX.Tests.Support;
using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Support;

/// <summary>Debian's Chromium driven by Playwright (never downloads a browser); one per UI collection.</summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.ChromiumPath,
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>The options of a test's browser context on a studio at <paramref name="baseAddress"/>: a laptop's
    /// viewport, the given locale, and less motion asked for.</summary>
    public static BrowserNewContextOptions StudioContext(Uri baseAddress, string culture = "en-US") => new()
    {
        BaseURL = baseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        Locale = culture,
        // As a creator who asked the system for less motion: the studio then skips its transitions and animations
        // (see app.css). In this machine's software-rendering Chromium every transition is a run of repainted frames;
        // a canvas test with live work spent half its browser CPU on buttons, links and progress bars easing between
        // states. Nothing in the studio waits on that motion.
        ReducedMotion = ReducedMotion.Reduce,
    };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>The studio and a browser, shared by the UI tests of one collection.</summary>
public sealed class UiFixture : IAsyncLifetime
{
    private readonly List<IBrowserContext> _open = [];

    public StudioApp App { get; } = new();
    public BrowserSession Browser { get; } = new();

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(10_000);
        await Task.WhenAll(App.InitializeAsync(), Browser.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (own cookies) with a page on the studio.</summary>
    public async Task<IPage> NewPageAsync(string culture = "en-US")
    {
        var context = await Browser.Browser.NewContextAsync(BrowserSession.StudioContext(App.BaseAddress, culture));
        // Generous, because a timeout is only reached when something is wrong or the 2-core CI machine is busy with
        // the other collections; a passing step takes well under a second.
        context.SetDefaultTimeout(30_000);
        lock (_open)
            _open.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// Closes every browser context opened so far. The UI tests of the collection run one after another, so these are
    /// the ending test's: their circuits and renderers do not pile up and slow the tests that follow.
    /// </summary>
    public async Task CloseOpenPagesAsync()
    {
        IBrowserContext[] open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }
        foreach (var context in open)
            await context.CloseAsync();
    }

    /// <summary>Saves what the viewport shows (not the whole page), e.g. for the README.</summary>
    public static async Task ViewportScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png") });
    }

    /// <summary>Saves a full-page screenshot under TestResults/artifacts/screenshots for a person to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Path.Combine(TestEnvironment.ArtifactsDirectory, "screenshots");
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }
}

/// <summary>Base of the UI test classes: the pages a test opened are closed when it ends.</summary>
public abstract class UiTest(UiFixture fixture) : IAsyncLifetime
{
    protected UiFixture Ui => fixture;

    /// <summary>A page of a newly registered creator (address <paramref name="who"/>-{guid}), on the project list.</summary>
    protected async Task<IPage> NewCreatorPageAsync(string who, string nickname)
    {
        var page = await fixture.NewPageAsync();
        await (await new Pages.RegisterPage(page).OpenAsync()).RegisterAsync($"{who}-{Guid.NewGuid():N}@example.com", "night-shift-7", nickname);
        await page.WaitForAddressAsync("/projects");
        return page;
    }

    /// <summary>Creates a project from the new-project form and opens its overview from the canvas the project opens on.</summary>
    protected static async Task<Pages.ProjectDetailsPage> CreateProjectAsync(IPage page, string title, string idea)
    {
        var form = await new Pages.NewProjectPage(page).OpenAsync();
        await form.FillAsync(title, idea);
        await form.CreateAsync();
        var overview = await new Pages.ProjectDetailsPage(page).OpenFromCanvasAsync();
        await Assertions.Expect(overview.Heading).ToHaveTextAsync(title);
        return overview;
    }

    private readonly BrowserCpuLog _browserCpu = new();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await fixture.CloseOpenPagesAsync();
        _browserCpu.Write(GetType().Name);
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiFixture>
{
    public const string Name = "ui";
}
