using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Pages;

/// <summary>A project's canvas, found through the data-node-* hooks.</summary>
public sealed class CanvasPage(IPage page) : StudioPage(page)
{
    public async Task<CanvasPage> OpenAsync(Guid projectId)
    {
        await Page.GotoAsync($"/projects/{projectId}/canvas");
        await WaitForInteractiveAsync();
        return this;
    }

    /// <summary>Waits until the canvas has measured its nodes and fitted them.</summary>
    public async Task WaitForReadyAsync() =>
        await Page.WaitForFunctionAsync("() => document.querySelector('[data-testid=\"diagram-canvas\"]')?.dataset.ready === 'true'");

    public ILocator Canvas => TestId("diagram-canvas");
    public ILocator Nodes => Page.Locator("[data-node-id]");
    public ILocator Node(string id) => Page.Locator($".dx-node[data-node-id='{id}']");
    public ILocator NodesOfKind(string kind) => Page.Locator($".dx-node[data-node-kind='{kind}']");
    public ILocator Panel => TestId("node-panel");
    public ILocator NotFound => TestId("project-not-found");

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
        var box = (await Node(id).Locator(".card-title").BoundingBoxAsync())!;
        var x = box.X + box.Width / 2;
        var y = box.Y + box.Height / 2;
        await Page.Mouse.MoveAsync((float)x, (float)y);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync((float)(x + dx), (float)(y + dy), new MouseMoveOptions { Steps = 8 });
        await Page.Mouse.UpAsync();
    }
}
