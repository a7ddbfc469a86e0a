using DreamX.Domain.Canvas;
using DreamX.Tests.Support;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>
/// The open canvas through a database outage (issue 18: it froze for good, with no notice, and a Generate click during
/// the outage crashed the circuit). The studio runs on a PostgreSQL cluster of this test's own, which it stops and
/// starts: the page says it is reconnecting, a Generate answers with a message and the circuit lives on, and once the
/// database is back the page shows what changed meanwhile without a reload.
/// </summary>
public sealed class CanvasOutageTests : IAsyncLifetime
{
    private DedicatedPostgresCluster _cluster = null!;
    private StudioApp _app = null!;
    private readonly BrowserSession _browser = new();

    public async Task InitializeAsync()
    {
        _cluster = await DedicatedPostgresCluster.CreateAsync();
        _app = StudioApp.OnServer(_cluster.ServerConnectionString);
        await Task.WhenAll(_app.InitializeAsync(), _browser.InitializeAsync());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _app.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task The_canvas_says_it_is_reconnecting_answers_generate_with_a_message_and_shows_the_fresh_state_once_the_database_is_back()
    {
        var context = await _browser.Browser.NewContextAsync(BrowserSession.StudioContext(_app.BaseAddress));
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        var email = $"outage-{Guid.NewGuid():N}@example.com";
        await (await new RegisterPage(page).OpenAsync()).RegisterAsync(email, "night-shift-7", "Outage");
        await page.WaitForAddressAsync("/projects");

        Guid projectId;
        Guid shotId;
        await using (var db = _app.Database.CreateContext())
        {
            var ownerId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var graph = SampleProjectGraph.Build(ownerId, characters: 1, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 2, title: "Before the outage");
            foreach (var shot in graph.Episodes.SelectMany(e => e.Scenes).SelectMany(s => s.Shots))
            {
                shot.State = NodeState.Ready;
                shot.LastError = null;
            }
            await SampleProjectGraph.SaveAsync(db, graph);
            projectId = graph.Project.Id;
            shotId = graph.Episodes[0].Scenes[0].Shots[0].Id;
        }

        var canvas = await new CanvasPage(page).OpenAsync(projectId);
        await canvas.WaitForReadyAsync();
        // The canvas draws before its buttons are priced (the prices follow from the same read): the outage comes once
        // the creator has the priced canvas in front of them.
        await Expect(canvas.CardGenerate(ProjectGraphMapper.StoryBibleKey)).ToBeEnabledAsync();
        var reconnecting = page.GetByTestId("live-reconnecting");
        await Expect(reconnecting).ToHaveCountAsync(0);

        await _cluster.StopAsync();
        await Expect(reconnecting).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await UiFixture.ViewportScreenshotAsync(page, "canvas-outage-reconnecting");

        // A Generate during the outage answers in words; the circuit stays (no error bar, the page still responds).
        await canvas.CardGenerate(ProjectGraphMapper.StoryBibleKey).ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("cannot reach its database", new() { Timeout = 60_000 });
        await UiFixture.ViewportScreenshotAsync(page, "canvas-outage-generate");
        await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        await Expect(reconnecting).ToBeVisibleAsync();

        // Back up; what changed meanwhile (here: right after the restart, no task event to announce it) reaches the page.
        await _cluster.StartAsync();
        // The test's own pool still holds connections the restart ended (the app's pool is its own, capped).
        Npgsql.NpgsqlConnection.ClearAllPools();
        await using (var db = _app.Database.CreateContext())
        {
            await db.Projects.Where(p => p.Id == projectId).ExecuteUpdateAsync(p => p.SetProperty(x => x.Title, "After the outage"));
            await db.Shots.Where(s => s.Id == shotId).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, NodeState.Stale));
        }
        await Expect(page.GetByTestId("canvas-heading")).ToHaveTextAsync("After the outage", new() { Timeout = 90_000 });
        await Expect(canvas.Node(ProjectGraphMapper.SegmentKey(shotId))).ToHaveAttributeAsync("data-node-state", "stale");
        await Expect(reconnecting).ToHaveCountAsync(0);

        // The same circuit still works: a card opens its panel.
        await canvas.OpenPanelAsync(ProjectGraphMapper.SegmentKey(shotId));
        await Expect(canvas.Panel).ToBeVisibleAsync();
        await UiFixture.ViewportScreenshotAsync(page, "canvas-outage-resynced");
        await context.CloseAsync();
    }
}
