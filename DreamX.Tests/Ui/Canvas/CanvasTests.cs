using DreamX.Tests.Support;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

[Collection(UiCollection.Name)]
public sealed class CanvasTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_creator_sees_the_spine_of_their_project_on_the_canvas()
    {
        var (page, ownerId) = await RegisterAsync();
        var graph = await SeedAsync(ownerId, characters: 3, episodes: 1, scenes: 3, shots: 3);

        var canvas = await new CanvasPage(page).OpenAsync(graph.Project.Id);
        await canvas.WaitForReadyAsync();

        await Expect(canvas.Nodes).ToHaveCountAsync(SampleProjectGraph.NodeCount(3, 1, 3, 3));
        await Expect(canvas.NodesOfKind("character")).ToHaveCountAsync(3);
        await Expect(canvas.NodesOfKind("segment")).ToHaveCountAsync(9);
        await Expect(canvas.Node(ProjectGraphMapper.CheckpointKey)).ToHaveAttributeAsync("data-node-state", "ready");
        await UiFixture.ScreenshotAsync(page, "canvas-project");
    }

    [Fact]
    public async Task A_large_canvas_draws_the_cards_near_the_view_and_still_finds_every_node()
    {
        var (page, ownerId) = await RegisterAsync();
        // 30 shots: 2 episodes of 3 scenes with 5 shots each.
        var graph = await SeedAsync(ownerId, characters: 4, episodes: 2, scenes: 3, shots: 5);
        var total = SampleProjectGraph.NodeCount(4, 2, 3, 5);
        var canvas = await new CanvasPage(page).OpenAsync(graph.Project.Id);
        await canvas.WaitForReadyAsync();
        await Expect(canvas.Nodes).ToHaveCountAsync(total);
        await Expect(canvas.NodesOfKind("segment")).ToHaveCountAsync(30);
        await UiFixture.ScreenshotAsync(page, "canvas-30-shots");

        // The wheel zooms (the browser sends the turn, .NET zooms around the cursor).
        var zoom = await canvas.Canvas.GetAttributeAsync("data-zoom");
        var frame = (await canvas.Canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(frame.X + frame.Width / 2, frame.Y + frame.Height / 2);
        await page.Mouse.WheelAsync(0, -100);
        await Expect(canvas.Canvas).Not.ToHaveAttributeAsync("data-zoom", zoom!);

        // Over a card's button too (a press there is the button's; the wheel is the canvas's).
        zoom = await canvas.Canvas.GetAttributeAsync("data-zoom");
        // The middle of a card's Generate button, on screen and not under the toolbar (a disabled button lets the pointer
        // through to its wrapper, which is the card's interactive content too).
        var onButton = await (await page.WaitForFunctionAsync(@"() => {
            for (const b of document.querySelectorAll('.dx-node [data-action=""generate""]')) {
                const r = b.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2;
                if (r.width > 0 && document.elementFromPoint(x, y)?.closest('.generate') === b.closest('.generate')) return [x, y];
            }
            return null;
        }")).JsonValueAsync<double[]>();
        await page.Mouse.MoveAsync((float)onButton[0], (float)onButton[1]);
        await page.Mouse.WheelAsync(0, 100);
        await Expect(canvas.Canvas).Not.ToHaveAttributeAsync("data-zoom", zoom!);

        // Zoomed in, only the cards near the view are drawn; every other node is still there by its hooks.
        for (var i = 0; i < 14; i++)
            await page.Locator("[data-testid='canvas-zoom-in']").ClickAsync();
        await Expect(canvas.Canvas).ToHaveAttributeAsync("data-zoom", "2.5");
        var drawn = int.Parse((await canvas.Canvas.GetAttributeAsync("data-drawn-count"))!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(drawn, 1, total - 1);
        await Expect(page.Locator(".dx-node:not(.dx-node-shell)")).ToHaveCountAsync(drawn);
        var far = ProjectGraphMapper.ComposeKey(graph.Episodes[^1].Id);
        await Expect(canvas.Node(far)).ToHaveAttributeAsync("data-node-kind", "compose");

        // Automation brings any node's card into view, with its actions.
        await canvas.RevealAsync(far);
        await Expect(canvas.DrawnNode(far).Locator(".card-title")).ToHaveCountAsync(1);
        await Expect(canvas.CardGenerate(far)).ToHaveCountAsync(1);
        await UiFixture.ScreenshotAsync(page, "canvas-30-shots-zoomed-on-compose");
    }

    [Fact]
    public async Task A_dragged_node_keeps_its_place_after_a_reload()
    {
        var (page, ownerId) = await RegisterAsync();
        var graph = await SeedAsync(ownerId, characters: 2, episodes: 1, scenes: 2, shots: 2);
        var canvas = await new CanvasPage(page).OpenAsync(graph.Project.Id);
        await canvas.WaitForReadyAsync();
        var bible = ProjectGraphMapper.StoryBibleKey;
        var before = await canvas.PositionOfAsync(bible);

        await canvas.DragAsync(bible, 0, 160);
        await Expect(canvas.Node(bible)).Not.ToHaveAttributeAsync("data-y", before.Y.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var moved = await canvas.PositionOfAsync(bible);
        await Expect(canvas.Panel).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "canvas-dragged-with-panel");

        await page.ReloadAsync();
        await canvas.WaitForInteractiveAsync();
        await canvas.WaitForReadyAsync();
        var after = await canvas.PositionOfAsync(bible);
        Assert.Equal(moved, after);
        Assert.True(after.Y > before.Y, $"expected the node lower than {before.Y}, was {after.Y}");
    }

    [Fact]
    public async Task Another_creator_cannot_open_someone_elses_canvas()
    {
        var (_, ownerId) = await RegisterAsync();
        var graph = await SeedAsync(ownerId, characters: 1, episodes: 1, scenes: 1, shots: 1);

        var (stranger, _) = await RegisterAsync();
        var canvas = await new CanvasPage(stranger).OpenAsync(graph.Project.Id);

        await Expect(canvas.NotFound).ToBeVisibleAsync();
        await Expect(canvas.Nodes).ToHaveCountAsync(0);
        await Expect(stranger.Locator("body")).Not.ToContainTextAsync(graph.Project.Title);
    }

    [Fact]
    public async Task Enter_opens_a_nodes_panel_and_escape_closes_it()
    {
        var (page, ownerId) = await RegisterAsync();
        var graph = await SeedAsync(ownerId, characters: 1, episodes: 1, scenes: 1, shots: 1);
        var canvas = await new CanvasPage(page).OpenAsync(graph.Project.Id);
        await canvas.WaitForReadyAsync();

        // Tab skips a disabled button, and a card's button is disabled until the page knows its price and whether it
        // can run: wait for it as a creator would see it. Then the drawn card, and only once it has the focus.
        await Expect(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey)).ToBeEnabledAsync();
        await canvas.DrawnNode(ProjectGraphMapper.CheckpointKey).FocusAsync();
        await Expect(canvas.DrawnNode(ProjectGraphMapper.CheckpointKey)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(canvas.Node(ProjectGraphMapper.StoryBibleKey)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(canvas.Panel).ToHaveAttributeAsync("data-node-id", ProjectGraphMapper.StoryBibleKey);

        await page.Keyboard.PressAsync("Escape");
        await Expect(canvas.Panel).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_canvas_speaks_chinese_to_a_chinese_browser()
    {
        var (page, ownerId) = await RegisterAsync("zh-CN");
        var graph = await SeedAsync(ownerId, characters: 2, episodes: 1, scenes: 2, shots: 3);
        var canvas = await new CanvasPage(page).OpenAsync(graph.Project.Id);
        await canvas.WaitForReadyAsync();

        await Expect(canvas.NodesOfKind("character").First).ToContainTextAsync("角色");
        await Expect(canvas.Node(ProjectGraphMapper.CheckpointKey)).ToContainTextAsync("已完成");
        await UiFixture.ScreenshotAsync(page, "canvas-project-zh");
    }

    private async Task<(IPage Page, string UserId)> RegisterAsync(string culture = "en-US")
    {
        var page = await Ui.NewPageAsync(culture);
        var email = $"canvas-{Guid.NewGuid():N}@example.com";
        var register = await new RegisterPage(page).OpenAsync();
        await register.RegisterAsync(email, "night-shift-7", "Creator");
        await page.WaitForAddressAsync("/projects");
        await using var db = Ui.App.Database.CreateContext();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (page, id);
    }

    private async Task<DreamX.Infrastructure.Canvas.ProjectGraph> SeedAsync(string ownerId, int characters, int episodes, int scenes, int shots)
    {
        var graph = SampleProjectGraph.Build(ownerId, characters, episodes, scenes, shots);
        await using var db = Ui.App.Database.CreateContext();
        await SampleProjectGraph.SaveAsync(db, graph);
        return graph;
    }
}
