using DreamX.Domain.Credits;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>
/// A burst of clicks on one Generate button in one circuit queues once (issue 18: ten clicks 40 ms apart had queued
/// three story bibles, six credits): the button is busy until its queue call returns and later clicks do nothing.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ClickBurstTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task Ten_quick_clicks_on_generate_queue_one_task_and_say_nothing_about_the_other_nine()
    {
        var page = await NewCreatorPageAsync("burst", "Burst");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("Ten Clicks", "A courier who delivers letters between two rival families falls for the wrong sender.");
        await form.CreateAsync();
        var projectId = Guid.Parse(page.Url[^36..]);
        var canvas = await new CanvasPage(page).OpenAsync(projectId);
        await canvas.WaitForReadyAsync();
        var button = canvas.CardGenerate(ProjectGraphMapper.CheckpointKey);
        await Expect(button).ToBeEnabledAsync();

        // All ten leave the browser before the server's first answer (the busy button) can arrive.
        await button.EvaluateAsync("b => { for (let i = 0; i < 10; i++) b.click(); }");

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Queued");
        await using var db = Ui.App.Database.CreateContext();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (await db.GenerationTasks.CountAsync(t => t.ProjectId == projectId) == 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(1, await db.GenerationTasks.CountAsync(t => t.ProjectId == projectId));
        Assert.Equal(1, await db.CreditLedger.CountAsync(e => e.ProjectId == projectId && e.Kind == CreditEntryKind.Reserved));
        await Expect(page.Locator(".mud-snackbar", new() { HasTextString = "Already being generated" })).ToHaveCountAsync(0);
        await UiFixture.ScreenshotAsync(page, "canvas-click-burst");
    }

    [Fact]
    public async Task Ten_clicks_40_ms_apart_on_the_story_bibles_generate_queue_one_task_and_charge_once()
    {
        var page = await NewCreatorPageAsync("burst40", "Burst 40");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("Forty Milliseconds", "A night-shift nurse finds her own name on the list of tomorrow's patients.");
        await form.CreateAsync();
        var projectId = Guid.Parse(page.Url[^36..]);
        var canvas = await new CanvasPage(page).OpenAsync(projectId);
        await canvas.WaitForReadyAsync();
        var button = canvas.CardGenerate(ProjectGraphMapper.CheckpointKey);
        await Expect(button).ToBeEnabledAsync();

        // As a hand does it: a click every 40 ms, some while the first one's call is on its way, some after it returned.
        await button.EvaluateAsync("b => new Promise(done => { let n = 0; const click = () => { b.click(); if (++n < 10) setTimeout(click, 40); else done(); }; click(); })");

        await Expect(page.Locator(".mud-snackbar").First).ToContainTextAsync("Queued");
        // Every click has been handled once the page shows the story bible the one task made.
        await Expect(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey)).ToContainTextAsync("Regenerate", new() { Timeout = 180_000 });
        await using var db = Ui.App.Database.CreateContext();
        Assert.Equal(1, await db.GenerationTasks.CountAsync(t => t.ProjectId == projectId));
        Assert.Equal(1, await db.CreditLedger.CountAsync(e => e.ProjectId == projectId && e.Kind == CreditEntryKind.Reserved));
    }
}
