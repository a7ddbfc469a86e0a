using DreamX.Domain.Generation;
using DreamX.Infrastructure.Production;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>
/// A language version made from the canvas: "Translate to…" with its price queues a task whose version arrives live, a
/// line is edited side by side, and the switch composes it.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class TranslationCanvasTests(UiFixture ui) : UiTest(ui)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task An_episode_is_translated_into_the_other_language_edited_and_composed_from_the_compose_node()
    {
        var page = await NewCreatorPageAsync("translate", "Translator");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("The Heir in Room 7", "A night-shift nurse named Lena discovers that her quiet patient is the heir the whole city is hunting for.");
        await form.CreateAsync();
        var projectId = Guid.Parse(page.Url[^36..]);
        string ownerId, from;
        await using (var db = Ui.App.Database.CreateContext())
        {
            // A short episode keeps the compose quick on a loaded machine.
            var checkpoint = await db.Checkpoints.SingleAsync(c => c.ProjectId == projectId);
            checkpoint.EpisodeDurationSeconds = 20;
            await db.SaveChangesAsync();
            ownerId = (await db.Projects.AsNoTracking().SingleAsync(p => p.Id == projectId)).OwnerId;
            from = checkpoint.Language;
        }
        var to = from == "en-US" ? "zh-CN" : "en-US";
        var handWritten = to == "zh-CN" ? "我亲手写下的这句台词。" : "A line I wrote by hand.";
        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Scripts, ProductionStep.ShotLists, ProductionStep.ShotImages, ProductionStep.ShotAudio })
            await RunAsync(ownerId, projectId, step);

        var canvas = await new CanvasPage(page).OpenAsync(projectId);
        await canvas.WaitForReadyAsync();
        var compose = await canvas.IdOfAsync(canvas.NodesOfKind("compose").First);
        await canvas.OpenPanelAsync(compose);
        var versions = canvas.Panel.Locator("[data-testid='language-versions']");
        await Expect(versions.Locator("[data-testid='translation-none']")).ToBeVisibleAsync();
        await Expect(versions.Locator($"[data-testid='language-choose'][data-language='{from}']")).ToHaveAttributeAsync("data-chosen", "true");

        // "Translate to…" names its price (per spoken line) and queues a task; the version arrives live when it is done.
        var translate = versions.Locator($"[data-testid='translate-to'][data-language='{to}']");
        await Expect(translate).ToHaveAttributeAsync("data-credits", new System.Text.RegularExpressions.Regex("^[1-9][0-9]*$"));
        var credits = int.Parse((await translate.GetAttributeAsync("data-credits"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(translate).ToContainTextAsync(credits.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await translate.ClickAsync();
        var editor = versions.Locator($"[data-testid='translation-editor'][data-language='{to}']");
        await Expect(editor).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(versions.Locator("[data-testid='translation-notice']")).ToBeVisibleAsync();
        await using (var db = Ui.App.Database.CreateContext())
        {
            var task = await db.GenerationTasks.AsNoTracking().SingleAsync(t => t.ProjectId == projectId && t.Type == GenerationTaskType.TranslateScript);
            Assert.Equal((GenerationTaskStatus.Succeeded, credits), (task.Status, task.CreditsCharged));
        }
        await Expect(versions.Locator($"[data-testid='language-choose'][data-language='{to}']")).ToHaveAttributeAsync("data-chosen", "true");
        var lines = editor.Locator("[data-testid='translation-line']");
        Assert.True(await lines.CountAsync() > 0);
        await Expect(editor.Locator("[data-testid='translation-by']")).ToContainTextAsync("builtin");
        await UiFixture.ViewportScreenshotAsync(page, "translation-1-translated");

        // A line the built-in could not translate (or the first one) is written by hand, next to its original.
        var untranslated = editor.Locator("[data-testid='translation-line'][data-untranslated='true']");
        var shotId = await (await untranslated.CountAsync() > 0 ? untranslated.First : lines.First).GetAttributeAsync("data-shot-id");
        var line = editor.Locator($"[data-testid='translation-line'][data-shot-id='{shotId}']");
        await line.Locator("[data-testid='translation-text'] textarea, textarea[data-testid='translation-text']").First.FillAsync(handWritten);
        await line.Locator("[data-testid='translation-save']").ClickAsync();
        await Expect(versions.Locator("[data-testid='translation-notice']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(line).ToHaveAttributeAsync("data-untranslated", "false");
        await UiFixture.ViewportScreenshotAsync(page, "translation-2-edited");

        // The compose renders the chosen language: Chinese lines over the same pictures.
        await canvas.GenerateAsync(canvas.CardGenerate(compose), confirm: false);
        await Expect(canvas.Node(compose).Locator("[data-testid='compose-render-language']")).ToHaveAttributeAsync("data-language", to, Slow);
        await canvas.FitAsync();
        await UiFixture.ScreenshotAsync(page, "translation-3-composed");
        await using (var db = Ui.App.Database.CreateContext())
        {
            var render = await db.CompositionRenders.AsNoTracking().Where(r => r.Language == to).SingleAsync();
            var translation = await db.EpisodeTranslations.AsNoTracking().SingleAsync(t => t.ProjectId == projectId);
            Assert.Contains(translation.Lines, l => l.Text == handWritten && l.Edited);
            Assert.NotNull(render.SubtitlesKey);
        }
    }

    private async Task RunAsync(string ownerId, Guid projectId, ProductionStep step)
    {
        await using var scope = Ui.App.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(ownerId, projectId, step);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        var ids = queued.Value.Select(t => t.Id).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await using var db = Ui.App.Database.CreateContext();
            var tasks = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
            var failed = tasks.FirstOrDefault(t => t.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled);
            Assert.True(failed is null, $"{step}: {failed?.Type} failed: {failed?.Error}");
            if (tasks.All(t => t.Status == GenerationTaskStatus.Succeeded))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"{step} did not finish");
            await Task.Delay(200);
        }
    }
}
