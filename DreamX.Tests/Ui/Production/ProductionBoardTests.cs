using System.Text.RegularExpressions;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Production;

[Collection(UiCollection.Name)]
public sealed class ProductionBoardTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_new_creator_generates_every_stage_of_an_episode_with_live_progress()
    {
        var page = await NewCreatorPageAsync("maker", "Maker");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("The Heir in Room 7", "A night-shift nurse named Lena discovers that her quiet patient is the heir the whole city is hunting for.", episodeSeconds: 30);
        await form.CreateAsync();
        await new ProjectDetailsPage(page).OpenFromCanvasAsync();
        var board = new ProductionBoardPage(page);
        await board.WaitForInteractiveAsync();

        await board.GenerateAsync("StoryBible");
        await Expect(board.Logline).Not.ToBeEmptyAsync();
        await board.GenerateAsync("Characters");
        await Expect(board.Characters.First).ToBeVisibleAsync();
        await board.GenerateAsync("Scripts");
        await board.GenerateAsync("SceneDesigns");
        await board.GenerateAsync("ShotLists");
        await board.GenerateAsync("ShotImages", quoteScreenshot: "production-quote");
        await board.GenerateAsync("ShotAudio");

        var shots = await board.Shots.CountAsync();
        Assert.True(shots >= 3, $"only {shots} shots");
        await Expect(board.Shots.First.Locator("img")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid='shot-audio']").First).ToBeAttachedAsync();
        await page.Locator("[data-testid='scene-block']").First.ScrollIntoViewIfNeededAsync();
        await UiFixture.ViewportScreenshotAsync(page, "production-shots");
        await board.GenerateAsync("ComposePreview", timeoutSeconds: 180);
        await board.GenerateAsync("ComposeFinal", timeoutSeconds: 240);
        var video = page.Locator("[data-testid='compose-video']");
        await Expect(video).ToBeVisibleAsync();
        await video.EvaluateAsync("v => { v.muted = true; return v.play(); }");
        await page.WaitForFunctionAsync("() => { const v = document.querySelector(\"[data-testid='compose-video']\"); return v && v.readyState >= 3 && !v.error; }",
            null, new() { Timeout = 30_000 });
        var duration = await video.EvaluateAsync<double>("v => v.duration");
        Assert.InRange(duration, 20, 45);
        await Expect(page.Locator("[data-testid='compose-download-srt']")).ToBeVisibleAsync();
        await page.Locator("[data-testid='showcase-submit']").ClickAsync();
        await Expect(page.Locator(".mud-dialog input").First).ToHaveValueAsync("The Heir in Room 7");
        await UiFixture.ViewportScreenshotAsync(page, "production-submit-to-showcase");
        await page.Locator("[data-testid='showcase-submit-send']").ClickAsync();
        await Expect(page.Locator("[data-testid='showcase-submit-state']")).ToHaveTextAsync("Waiting for review");
        await video.ScrollIntoViewIfNeededAsync();
        await UiFixture.ViewportScreenshotAsync(page, "production-episode");
        await UiFixture.ScreenshotAsync(page, "production-board");
    }

    [Fact]
    public async Task A_step_whose_inputs_are_missing_cannot_be_started()
    {
        var page = await NewCreatorPageAsync("early", "Early");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("Too Soon", "Two rival bakers are forced to share one tiny kitchen for a televised contest.");
        await form.CreateAsync();
        await new ProjectDetailsPage(page).OpenFromCanvasAsync();
        var board = new ProductionBoardPage(page);
        await board.WaitForInteractiveAsync();

        await Expect(board.Step("Scripts").Locator("[data-action='generate']")).ToBeDisabledAsync();
        await Expect(board.Step("StoryBible").Locator("[data-action='generate']")).ToBeEnabledAsync();
        await Expect(board.Step("StoryBible").Locator("[data-testid='production-cost']")).ToHaveTextAsync("2 credits");
        // Once the board has read the project it no longer says it is reading it.
        await Expect(page.Locator("[data-testid='production-loading']")).ToHaveCountAsync(0);
        await UiFixture.ScreenshotAsync(page, "production-board-empty");
    }

    [Fact]
    public async Task Improve_my_idea_suggests_a_brief_the_creator_can_adopt()
    {
        var page = await NewCreatorPageAsync("idea", "Idea");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("Harbour Letters", "a ferry captain finds old letters in a bottle and decides to find who wrote them");
        await form.CreateAsync();
        await new ProjectDetailsPage(page).OpenFromCanvasAsync();
        await new ProductionBoardPage(page).WaitForInteractiveAsync();

        await page.Locator("[data-testid='checkpoint-improve']").ClickAsync();

        var brief = page.Locator("[data-testid='checkpoint-brief']");
        await Expect(brief).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var suggested = await page.Locator("[data-testid='brief-idea']").InnerTextAsync();
        await UiFixture.ScreenshotAsync(page, "checkpoint-improved");
        await page.Locator("[data-testid='brief-use']").ClickAsync();
        await Expect(page.Locator("[data-testid='checkpoint-idea']")).ToHaveTextAsync(suggested);
    }
}
