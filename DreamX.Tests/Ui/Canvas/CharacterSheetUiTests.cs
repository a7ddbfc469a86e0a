using DreamX.Domain.Generation;
using DreamX.Infrastructure.Characters;
using DreamX.Infrastructure.Production;
using DreamX.Tests.Infrastructure.Characters;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>A creator builds a character's reference sheet on the canvas and sees it on the production board.</summary>
[Collection(UiCollection.Name)]
public sealed class CharacterSheetUiTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_creator_adds_references_is_told_why_a_bad_file_is_refused_locks_the_look_and_sets_the_seed()
    {
        var page = await NewCreatorPageAsync("sheet", "Caster");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("The Heir in Room 7", "A night-shift nurse named Lena discovers that her quiet patient is the heir the whole city is hunting for.");
        await form.CreateAsync();
        var projectId = Guid.Parse(page.Url[^36..]);
        string ownerId;
        await using (var db = Ui.App.Database.CreateContext())
            ownerId = await db.Projects.Where(p => p.Id == projectId).Select(p => p.OwnerId).SingleAsync();
        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Portraits, ProductionStep.Scripts, ProductionStep.ShotLists, ProductionStep.ShotImages })
            await RunAsync(ownerId, projectId, step);
        Guid characterId;
        await using (var db = Ui.App.Database.CreateContext())
            characterId = await db.Characters.Where(c => c.ProjectId == projectId).OrderBy(c => c.SortOrder).Select(c => c.Id).FirstAsync();

        var canvas = await new CanvasPage(page).OpenAsync(projectId);
        await canvas.WaitForReadyAsync();
        var node = ProjectGraphMapper.CharacterKey(characterId);
        await canvas.OpenPanelAsync(node);
        var sheet = canvas.Panel.Locator("[data-testid='reference-sheet']");
        await Expect(sheet.Locator("[data-testid='reference-portrait'] img")).ToBeVisibleAsync();
        await sheet.ScrollIntoViewIfNeededAsync();
        await UiFixture.ViewportScreenshotAsync(page, "character-sheet-1-portrait");

        // A file that is not a picture: refused with the reason, nothing added.
        // MudFileUpload adds a fresh input after each pick: the last one is the live one.
        var upload = sheet.Locator("input[type=file]").Last;
        await upload.SetInputFilesAsync(new FilePayload { Name = "look.png", MimeType = "image/png", Buffer = "not really a picture"u8.ToArray() });
        await Expect(sheet.Locator("[data-testid='reference-error']")).ToContainTextAsync("not a PNG, JPEG or WebP");
        await Expect(sheet.Locator("[data-testid='reference-extra']")).ToHaveCountAsync(0);
        await UiFixture.ViewportScreenshotAsync(page, "character-sheet-2-refused");

        // A real picture, then a frame picked from the character's shots.
        await upload.SetInputFilesAsync(new FilePayload { Name = "look.jpg", MimeType = "image/jpeg", Buffer = ReferenceTestPictures.Solid(600, 800, SKColors.Goldenrod, SKEncodedImageFormat.Jpeg) });
        await Expect(sheet.Locator("[data-testid='reference-extra']")).ToHaveCountAsync(1);
        await Expect(sheet.Locator("[data-testid='reference-error']")).ToHaveCountAsync(0);
        await sheet.Locator("[data-testid='reference-pick-shots']").ClickAsync();
        await sheet.Locator("[data-testid='reference-shot']").First.ClickAsync();
        await Expect(sheet.Locator("[data-testid='reference-extra']")).ToHaveCountAsync(2);
        await Expect(sheet.Locator("[data-testid='reference-extra'] img")).ToHaveCountAsync(2);

        // Locked: the card says so and the panel explains what it means.
        var lockSwitch = sheet.Locator("input[data-testid='look-lock'], [data-testid='look-lock'] input").First;
        await Expect(lockSwitch).ToBeEnabledAsync();   // the sheet is busy until the pick is saved
        await lockSwitch.SetCheckedAsync(true, new() { Force = true });
        await Expect(canvas.Node(node).Locator("[data-testid='card-look-locked']")).ToBeVisibleAsync();
        await Expect(sheet.Locator("[data-testid='look-lock-help']")).ToContainTextAsync("keeps this portrait");

        var seed = sheet.Locator("[data-testid='character-seed'] input, input[data-testid='character-seed']").First;
        // The lock's save re-renders the sheet; a value typed while that render is on its way can be replaced by the
        // stored one, so type again (bounded) until the save button takes it.
        var saveSeed = sheet.Locator("[data-testid='character-seed-save']");
        for (var attempt = 1; ; attempt++)
        {
            await seed.FillAsync("4242");
            await seed.PressAsync("Tab");
            try
            {
                await Expect(saveSeed).ToBeEnabledAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 6)
            {
            }
        }
        await saveSeed.ClickAsync();
        await Expect(page.Locator(".mud-snackbar", new() { HasText = "Seed saved" })).ToBeVisibleAsync();
        await UiFixture.ViewportScreenshotAsync(page, "character-sheet-3-locked");

        await using (var db = Ui.App.Database.CreateContext())
        {
            var character = await db.Characters.AsNoTracking().SingleAsync(c => c.Id == characterId);
            Assert.True(character.LookLocked);
            Assert.Equal(4242, character.Seed);
            Assert.Equal(2, character.ReferenceKeys.Count);
        }
        var sheets = await Ui.App.Services.GetRequiredService<CharacterReferences>().SheetsAsync([characterId]);
        Assert.Equal(3, Assert.Single(sheets).ImageKeys.Count);

        // The production board shows the same sheet on the character's card.
        await page.GotoAsync($"/projects/{projectId}/overview");
        var card = page.Locator($"[data-testid='reference-sheet'][data-character-id='{characterId}']");
        await Expect(card.Locator("[data-testid='reference-extra']")).ToHaveCountAsync(2);
        await Expect(card.Locator("input[data-testid='look-lock'], [data-testid='look-lock'] input").First).ToBeCheckedAsync();
        // The board re-renders as its live progress arrives: the card is looked up again until it holds still.
        await card.EvaluateAsync("el => el.scrollIntoView({ block: 'center' })");
        await UiFixture.ViewportScreenshotAsync(page, "character-sheet-4-board");
    }

    private async Task RunAsync(string ownerId, Guid projectId, ProductionStep step)
    {
        await using var scope = Ui.App.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(ownerId, projectId, step);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        var ids = queued.Value.Select(t => t.Id).ToList();
        var until = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            await using var db = Ui.App.Database.CreateContext();
            var tasks = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
            var failed = tasks.FirstOrDefault(t => t.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled);
            Assert.True(failed is null, $"{step}: {failed?.Type} failed: {failed?.Error}");
            if (tasks.Count == ids.Count && tasks.All(t => t.Status == GenerationTaskStatus.Succeeded))
                return;
            Assert.True(DateTime.UtcNow < until, $"{step} did not finish");
            await Task.Delay(250);
        }
    }
}
