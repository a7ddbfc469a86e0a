using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Notes;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Support;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

/// <summary>
/// A visitor, not signed in, opens an image-text note published to the showcase and pages through it as a carousel:
/// the arrow keys and the buttons, a page counter, the post beside the pages, each page downloadable.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ShowcaseNoteGalleryTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_visitor_pages_through_a_published_note_with_the_arrow_keys_and_the_buttons()
    {
        var (title, post) = await PublishNoteAsync();
        var page = await Ui.NewPageAsync();
        var gallery = await new GalleryPage(page).OpenAsync();
        var card = gallery.Card(title);
        await Expect(card.Locator("[data-testid='gallery-note-pages']")).ToContainTextAsync("4 pages");
        await card.ScrollIntoViewIfNeededAsync();
        await UiFixture.ViewportScreenshotAsync(page, "showcase-note-1-card");

        await card.Locator("[data-testid='gallery-view-note']").ClickAsync();
        var dialog = page.Locator("[data-testid='gallery-note']");
        var carousel = dialog.Locator("[data-testid='note-carousel']");
        await Expect(carousel).ToHaveAttributeAsync("data-count", "4", new() { Timeout = 30_000 });
        await Expect(carousel).ToHaveAttributeAsync("data-index", "0");
        // The post beside the pages: its title, body and hashtags.
        await Expect(dialog.Locator("[data-testid='note-post-preview-title']")).ToHaveTextAsync(post.Title);
        await Expect(dialog.Locator("[data-testid='note-post-preview-tags']")).ToContainTextAsync("#" + post.Hashtags[0]);
        await WaitForPictureAsync(page);
        await UiFixture.ViewportScreenshotAsync(page, "showcase-note-2-cover");

        // The carousel has the keyboard as soon as it opens: the arrow keys turn the pages.
        try
        {
            await Expect(carousel).ToBeFocusedAsync();
        }
        catch (Microsoft.Playwright.PlaywrightException)
        {
            var active = await page.EvaluateAsync<string>("() => document.activeElement ? document.activeElement.outerHTML.slice(0, 300) : 'nothing'");
            Assert.Fail($"the carousel does not have the keyboard; the focus is on {active}");
        }
        var counter = dialog.Locator("[data-testid='note-counter']");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(carousel).ToHaveAttributeAsync("data-index", "1");
        await Expect(counter).ToHaveTextAsync("Page 2 of 4");
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(carousel).ToHaveAttributeAsync("data-index", "2");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(carousel).ToHaveAttributeAsync("data-index", "1");

        // And the buttons.
        var previous = dialog.Locator("[data-testid='note-prev']");
        var next = dialog.Locator("[data-testid='note-next']");
        await previous.ClickAsync();
        await Expect(carousel).ToHaveAttributeAsync("data-index", "0");
        await Expect(previous).ToBeDisabledAsync();
        await next.ClickAsync();
        await next.ClickAsync();
        await next.ClickAsync();
        await Expect(carousel).ToHaveAttributeAsync("data-index", "3");
        await Expect(counter).ToHaveTextAsync("Page 4 of 4");
        await Expect(next).ToBeDisabledAsync();
        await Expect(dialog.Locator("[data-testid='note-slide']")).ToHaveAttributeAsync("data-number", "3");
        await WaitForPictureAsync(page);
        await UiFixture.ViewportScreenshotAsync(page, "showcase-note-3-last-page");

        // The page on show downloads as its numbered JPEG, to a visitor too.
        var download = dialog.Locator("[data-testid='note-slide-download']");
        await Expect(download).ToContainTextAsync("04.jpg");
        var picture = await page.APIRequest.GetAsync((await download.GetAttributeAsync("href"))!);
        Assert.True(picture.Ok, $"page download: {picture.Status}");
        Assert.Contains("04.jpg", picture.Headers.GetValueOrDefault("content-disposition") ?? "");
        Assert.Equal(0xD8, (await picture.BodyAsync())[1]);
    }

    private static async Task WaitForPictureAsync(Microsoft.Playwright.IPage page) =>
        await page.WaitForFunctionAsync("() => { const i = document.querySelector(\"[data-testid='gallery-note'] [data-testid='note-slide']\"); return !!i && i.complete && i.naturalWidth === 1080 && i.naturalHeight === 1440; }",
            null, new() { Timeout = 30_000 });

    /// <summary>A creator's note made on the built-in providers (a cover and three pages, a post), submitted and approved.</summary>
    private async Task<(string Title, NotePost Post)> PublishNoteAsync()
    {
        await using var scope = Ui.App.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = await services.GetRequiredService<UserAccounts>().RegisterAsync($"note-publisher-{Guid.NewGuid():N}@example.com", "publish-it-please-1", "Publisher");
        Assert.True(user.IsSuccess, user.Error);
        var userId = user.Value.Id;
        await services.GetRequiredService<ICreditLedger>().PostAsync(userId, CreditEntryKind.Purchased, 1000, $"grant-{userId}", "test credits");
        var created = await services.GetRequiredService<ProjectLibrary>().CreateAsync(userId, new CheckpointInput
        {
            Title = "Houseplants " + Guid.NewGuid().ToString("N")[..6], Type = ProjectType.RedbookNote, Language = "en-US",
            Idea = "Keeping houseplants alive in a dark apartment, with cheap tricks that actually work", NotePageCount = 3, NoteTone = "friendly",
        });
        Assert.True(created.IsSuccess, created.Error);
        var production = services.GetRequiredService<StageProduction>();
        foreach (var step in new[] { ProductionStep.NoteOutline, ProductionStep.NotePages, ProductionStep.NotePost })
        {
            var queued = await production.GenerateAsync(userId, created.Value.Id, step);
            Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
            await Ui.App.Database.WaitSucceededAsync(queued.Value.Select(t => t.Id).ToList(), step.ToString(), 120);
        }
        var title = "Plants in the dark " + Guid.NewGuid().ToString("N")[..4];
        var submissions = services.GetRequiredService<ShowcaseSubmissions>();
        var submitted = await submissions.SubmitNoteAsync(userId, created.Value.Id, title, "Three cheap tricks for a dark flat.");
        Assert.True(submitted.IsSuccess, submitted.Error);
        Assert.True((await submissions.ReviewAsync(submitted.Value.Id, approve: true, adminId: "admin-1", note: null)).IsSuccess);
        await using var db = Ui.App.Database.CreateContext();
        return (title, await db.NotePosts.AsNoTracking().SingleAsync(p => p.ProjectId == created.Value.Id));
    }
}
