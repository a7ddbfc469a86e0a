using DreamX.Tests.Support;
using System.IO.Compression;
using DreamX.Domain.Generation;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>
/// A creator makes an image-text note from an idea on the canvas (outline → pages → post), pages through it in the
/// carousel with the keyboard, a swipe and the buttons, downloads a page and the ZIP, and is told plainly when an edit
/// breaks the platform's limits.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class NoteCanvasTests(UiFixture ui) : UiTest(ui)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_creator_makes_a_note_from_an_idea_and_pages_through_it()
    {
        var page = await NewCreatorPageAsync("noter", "Noter");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.ChooseTypeAsync("RedbookNote");
        await Expect(page.Locator("[data-testid='checkpoint-note-pages']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='checkpoint-episodes']")).ToHaveCountAsync(0);
        await form.FillAsync("低卡早餐", "周末在家做低卡早餐，分享十分钟就能做好的食谱，新手也不会失败");
        await page.Locator("input[data-testid='checkpoint-note-pages'], [data-testid='checkpoint-note-pages'] input").First.FillAsync("3");
        await page.Locator("[data-testid='checkpoint-language']").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "Chinese" }).ClickAsync();
        // The choice is the server's once the select shows it (a submit sent before could still carry the old language).
        await Expect(page.Locator(".mud-select:has([data-testid='checkpoint-language']), .mud-select[data-testid='checkpoint-language']").First)
            .ToContainTextAsync("Chinese");
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await form.CreateAsync();
        var projectId = Guid.Parse(page.Url[^36..]);
        var canvas = new CanvasPage(page);
        await canvas.WaitForReadyAsync();
        // The note's own spine, not a drama's.
        await Expect(canvas.Node(ProjectGraphMapper.NoteOutlineKey)).ToBeAttachedAsync();
        await Expect(canvas.Node(ProjectGraphMapper.StoryBibleKey)).ToHaveCountAsync(0);
        var tasks = 0;

        // The checkpoint writes the outline: a cover and three pages appear.
        await canvas.RunAsync(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey));
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await Expect(canvas.Node(ProjectGraphMapper.NoteOutlineKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await Expect(canvas.NodesOfKind("note-page")).ToHaveCountAsync(4, new() { Timeout = 30_000 });
        // Written in the note's language from the idea's own words.
        await Expect(canvas.Node(ProjectGraphMapper.NoteOutlineKey).Locator(".card-title")).ToContainTextAsync("低卡早餐");
        await Expect(canvas.NodesOfKind("note-page").Locator(".card-title", new() { HasText = "为什么值得试" })).ToHaveCountAsync(1);

        // The outline's card leads on: every page, then the post.
        await Expect(canvas.CardNext(ProjectGraphMapper.NoteOutlineKey)).ToHaveAttributeAsync("data-step", "NotePages", Slow);
        await canvas.RunAsync(canvas.CardNext(ProjectGraphMapper.NoteOutlineKey));
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await Expect(page.Locator(".dx-node[data-node-kind='note-page']:not([data-node-state='ready'])")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(canvas.CardNext(ProjectGraphMapper.NoteOutlineKey)).ToHaveAttributeAsync("data-step", "NotePost", Slow);
        await canvas.RunAsync(canvas.CardNext(ProjectGraphMapper.NoteOutlineKey));
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await Expect(canvas.Node(ProjectGraphMapper.NotePostKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await Expect(canvas.Node(ProjectGraphMapper.NoteExportKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await canvas.FitAsync();
        await UiFixture.ViewportScreenshotAsync(page, "note-1-canvas");

        // The export node's panel: the carousel, one page at a time.
        await canvas.OpenPanelAsync(ProjectGraphMapper.NoteExportKey);
        var carousel = page.Locator("[data-testid='note-carousel']");
        await Expect(carousel).ToHaveAttributeAsync("data-count", "4", Slow);
        await Expect(carousel).ToHaveAttributeAsync("data-index", "0");
        var slide = page.Locator("[data-testid='note-slide']");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector(\"[data-testid='note-slide']\"); return !!i && i.complete && i.naturalWidth === 1080 && i.naturalHeight === 1440; }");
        await UiFixture.ViewportScreenshotAsync(page, "note-2-carousel-cover");
        await carousel.FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(carousel).ToHaveAttributeAsync("data-index", "1");
        await Expect(slide).ToHaveAttributeAsync("data-number", "1");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(carousel).ToHaveAttributeAsync("data-index", "2");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(carousel).ToHaveAttributeAsync("data-index", "1");
        // The canvas does not pan under the arrow keys meant for the carousel; the buttons and a swipe work too.
        await page.Locator("[data-testid='note-next']").ClickAsync();
        await Expect(carousel).ToHaveAttributeAsync("data-index", "2");
        await Swipe(carousel, -120);
        await Expect(carousel).ToHaveAttributeAsync("data-index", "3");
        await Expect(page.Locator("[data-testid='note-next']")).ToBeDisabledAsync();
        await Swipe(carousel, 120);
        await Expect(carousel).ToHaveAttributeAsync("data-index", "2");
        await Expect(page.Locator("[data-testid='note-counter']")).ToContainTextAsync("3");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector(\"[data-testid='note-slide']\"); return !!i && i.complete && i.naturalWidth === 1080; }");
        await UiFixture.ViewportScreenshotAsync(page, "note-3-carousel-page");

        // This page downloads as 03.jpg.
        var pageLink = page.Locator("[data-testid='note-slide-download']");
        await Expect(pageLink).ToContainTextAsync("03.jpg");
        var picture = await page.APIRequest.GetAsync((await pageLink.GetAttributeAsync("href"))!);
        Assert.True(picture.Ok, $"page download: {picture.Status}");
        Assert.Contains("03.jpg", picture.Headers.GetValueOrDefault("content-disposition") ?? "");
        var jpeg = await picture.BodyAsync();
        Assert.Equal(0xD8, jpeg[1]);

        // The whole note as a ZIP: numbered pages and post.txt.
        await page.Locator("[data-testid='note-zip']").ClickAsync();
        var zipLink = page.Locator("[data-testid='note-zip-download']");
        await Expect(zipLink).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var zip = await page.APIRequest.GetAsync((await zipLink.GetAttributeAsync("href"))!);
        Assert.True(zip.Ok, $"zip download: {zip.Status}");
        using (var archive = new ZipArchive(new MemoryStream(await zip.BodyAsync()), ZipArchiveMode.Read))
            Assert.Equal(["01.jpg", "02.jpg", "03.jpg", "04.jpg", "post.txt"], archive.Entries.Select(e => e.FullName).ToArray());
        await Expect(page.Locator("[data-testid='note-post-preview']")).ToContainTextAsync("#");
        await canvas.ClosePanelAsync();

        // The post's title is edited past 20 characters: refused with the limit named, nothing lost.
        await canvas.OpenPanelAsync(ProjectGraphMapper.NotePostKey);
        var title = page.Locator("input[data-testid='note-post-title'], [data-testid='note-post-title'] input").First;
        await title.FillAsync("周末低卡早餐十分钟搞定一周七天都不重样的秘诀");
        await page.Locator("[data-testid='node-form-save']").ClickAsync();
        await Expect(page.Locator("[data-testid='node-form-error']")).ToContainTextAsync("20");
        await Expect(title).ToHaveValueAsync("周末低卡早餐十分钟搞定一周七天都不重样的秘诀");
        await title.FillAsync("十分钟低卡早餐");
        await page.Locator("[data-testid='node-form-save']").ClickAsync();
        await Expect(canvas.Node(ProjectGraphMapper.NotePostKey).Locator(".card-title")).ToHaveTextAsync("十分钟低卡早餐", new() { Timeout = 30_000 });
        await UiFixture.ViewportScreenshotAsync(page, "note-4-post");
    }

    /// <summary>A finger moving <paramref name="dx"/> pixels across the element (touch events, as a phone sends them).</summary>
    private static async Task Swipe(ILocator element, int dx) =>
        await element.EvaluateAsync("""
            (el, dx) => {
                const r = el.getBoundingClientRect();
                const x = r.left + r.width / 2, y = r.top + r.height / 2;
                const touch = (cx) => new Touch({ identifier: 1, target: el, clientX: cx, clientY: y });
                el.dispatchEvent(new TouchEvent('touchstart', { bubbles: true, touches: [touch(x)], changedTouches: [touch(x)] }));
                el.dispatchEvent(new TouchEvent('touchend', { bubbles: true, touches: [], changedTouches: [touch(x + dx)] }));
            }
            """, dx);

}
