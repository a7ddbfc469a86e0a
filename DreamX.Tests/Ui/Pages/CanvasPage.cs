using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Pages;

/// <summary>
/// A project's canvas, found through the data-node-* hooks. The canvas draws only the cards near the viewport; every
/// other node is a hidden element with the same hooks (its state can be read, its buttons cannot be clicked): actions
/// on a card bring it into view first (<see cref="RevealAsync"/>).
/// </summary>
public sealed class CanvasPage(IPage page) : StudioPage(page)
{
    public async Task<CanvasPage> OpenAsync(Guid projectId)
    {
        await Page.GotoAsync($"/projects/{projectId}");
        await WaitForInteractiveAsync();
        return this;
    }

    /// <summary>Waits until the canvas has measured its nodes and fitted them.</summary>
    public async Task WaitForReadyAsync() =>
        await Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=\"diagram-canvas\"]')?.dataset.ready === 'true'");

    public ILocator Canvas => TestId("diagram-canvas");
    public ILocator Nodes => Page.Locator("[data-node-id]");
    public ILocator Node(string id) => Page.Locator($".dx-node[data-node-id='{id}']");

    /// <summary>A node's card as drawn (not its hidden placeholder while it is far off screen).</summary>
    public ILocator DrawnNode(string id) => Page.Locator($".dx-node:not(.dx-node-shell)[data-node-id='{id}']");

    /// <summary>Brings a node's card into the middle of the view, as a creator would scroll to it, and waits until it is drawn.</summary>
    public async Task RevealAsync(string id)
    {
        if (await DrawnNode(id).CountAsync() > 0 && await IsInFrameAsync(DrawnNode(id)))
            return;
        await Page.EvaluateAsync("id => document.querySelector('[data-testid=\"diagram-canvas\"]').dxReveal(id)", id);
        await Expect(DrawnNode(id)).ToHaveCountAsync(1);
    }
    public ILocator NodesOfKind(string kind) => Page.Locator($".dx-node[data-node-kind='{kind}']");
    public ILocator Panel => TestId("node-panel");
    public ILocator NotFound => TestId("project-not-found");

    /// <summary>A node's main Generate/Regenerate button on its card.</summary>
    public ILocator CardGenerate(string id) => Node(id).Locator("[data-action='generate']");

    /// <summary>A card's next step (e.g. the bible's "Cast" once it exists), shown on the card itself.</summary>
    public ILocator CardNext(string id) => Node(id).Locator("[data-action='next']");

    /// <summary>A failed card's Retry of its failed work.</summary>
    public ILocator CardRetry(string id) => Node(id).Locator("[data-action='retry']");

    /// <summary>Why a failed card failed, in the reader's words.</summary>
    public ILocator Failure(string id) => Node(id).Locator("[data-testid='node-failure']");

    /// <summary>Clicks a card's button once it is priced, and confirms its quote when the studio asks for it.</summary>
    public async Task RunAsync(ILocator button)
    {
        await BringIntoFrameAsync(button);
        await Expect(button).ToBeEnabledAsync();
        await Expect(button).Not.ToHaveAttributeAsync("data-blocked", "true");
        var confirms = await button.GetAttributeAsync("data-confirms") == "true";
        await BringIntoFrameAsync(button);
        await button.ClickAsync();
        if (confirms)
            await Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Generate for") }).ClickAsync();
    }

    /// <summary>
    /// A creator sees a card before clicking it: one that lies beyond the canvas frame (the graph grew past the
    /// edge, or under the navigation drawer), or is not drawn at all that far off screen, is brought into view with Fit first.
    /// </summary>
    public async Task BringIntoFrameAsync(ILocator element)
    {
        if (await element.CountAsync() == 0 || !await IsInFrameAsync(element))
            await FitAsync();
    }

    private async Task<bool> IsInFrameAsync(ILocator element)
    {
        var frame = await Canvas.BoundingBoxAsync();
        var box = await element.First.BoundingBoxAsync();
        if (frame is null || box is null)
            return false;
        return box.X >= frame.X && box.Y >= frame.Y && box.X + box.Width <= frame.X + frame.Width && box.Y + box.Height <= frame.Y + frame.Height;
    }

    /// <summary>One of the side panel's Generate buttons by step (e.g. "characters", "shotaudio").</summary>
    public ILocator PanelGenerate(string step) => Panel.Locator($"[data-action='generate-{step}']");

    public ILocator Versions => Panel.Locator("[data-testid='node-version']");

    /// <summary>Brings every node into view (e.g. after new nodes appeared beyond the edge).</summary>
    public async Task FitAsync() => await TestId("canvas-fit").ClickAsync();

    /// <summary>Lays every node out again (the graph grew stage by stage) and fits it in view.</summary>
    public async Task TidyUpAsync()
    {
        await TestId("canvas-tidy").ClickAsync();
        await FitAsync();
    }

    /// <summary>Opens a node's side panel from the keyboard (the node need not be on screen).</summary>
    public async Task OpenPanelAsync(string id)
    {
        await RevealAsync(id);
        await DrawnNode(id).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Panel).ToHaveAttributeAsync("data-node-id", id);
    }

    public async Task ClosePanelAsync()
    {
        await TestId("node-panel-close").ClickAsync();
        await Expect(Panel).ToHaveCountAsync(0);
    }

    /// <summary>Clicks a Generate button once it is priced; a stage that fans out (or costs a lot) asks to confirm its quote first.</summary>
    public async Task GenerateAsync(ILocator button, bool confirm)
    {
        await BringIntoFrameAsync(button);
        await Expect(button).ToBeEnabledAsync();
        await button.ClickAsync();
        if (confirm)
            await Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Generate for") }).ClickAsync();
    }

    public async Task<string> IdOfAsync(ILocator node) => (await node.GetAttributeAsync("data-node-id"))!;

    public async Task<(double X, double Y)> PositionOfAsync(string id)
    {
        var node = Node(id);
        var x = double.Parse((await node.GetAttributeAsync("data-x"))!, System.Globalization.CultureInfo.InvariantCulture);
        var y = double.Parse((await node.GetAttributeAsync("data-y"))!, System.Globalization.CultureInfo.InvariantCulture);
        return (x, y);
    }

    /// <summary>Drags a node by a screen offset with real mouse events (press, several moves, release).</summary>
    public async Task DragAsync(string id, double dx, double dy)
    {
        await RevealAsync(id);
        var box = (await DrawnNode(id).Locator(".card-title").BoundingBoxAsync())!;
        var x = box.X + box.Width / 2;
        var y = box.Y + box.Height / 2;
        await Page.Mouse.MoveAsync((float)x, (float)y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync((float)(x + dx), (float)(y + dy), new MouseMoveOptions { Steps = 8 });
        await Page.Mouse.UpAsync();
    }
}
