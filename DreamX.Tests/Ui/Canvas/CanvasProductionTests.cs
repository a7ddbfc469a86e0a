using DreamX.Tests.Support;
using System.Text.RegularExpressions;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>Making an episode on the canvas alone, with the built-in providers and the real Quartz jobs.</summary>
[Collection(UiCollection.Name)]
public sealed class CanvasProductionTests(UiFixture ui) : UiTest(ui)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 30_000 };

    [Fact]
    public async Task A_new_creator_makes_an_episode_on_the_canvas_then_edits_a_line_regenerates_and_restores()
    {
        var (page, projectId) = await NewProjectAsync("night");
        var canvas = await new CanvasPage(page).OpenAsync(projectId);
        await canvas.WaitForReadyAsync();
        await UiFixture.ScreenshotAsync(page, "canvas-flow-1-new");
        var tasks = 0;

        await canvas.GenerateAsync(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey), confirm: false);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await Expect(canvas.Node(ProjectGraphMapper.StoryBibleKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await Expect(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey)).ToContainTextAsync("Regenerate");

        await canvas.OpenPanelAsync(ProjectGraphMapper.StoryBibleKey);
        await canvas.GenerateAsync(canvas.PanelGenerate("characters"), confirm: true);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "character");
        await canvas.GenerateAsync(canvas.PanelGenerate("scripts"), confirm: true);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "script");
        await canvas.FitAsync();
        await UiFixture.ScreenshotAsync(page, "canvas-flow-2-script");

        await canvas.OpenPanelAsync(await canvas.IdOfAsync(canvas.NodesOfKind("script").First));
        await canvas.GenerateAsync(canvas.PanelGenerate("scenedesigns"), confirm: true);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "scene");
        await canvas.GenerateAsync(canvas.PanelGenerate("shotlists"), confirm: true);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "segment");

        await canvas.OpenPanelAsync(await canvas.IdOfAsync(canvas.NodesOfKind("scene").First));
        await canvas.GenerateAsync(canvas.PanelGenerate("shotimages"), confirm: true);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "segment");
        var cardPicture = canvas.NodesOfKind("segment").First.Locator("[data-testid='node-thumbnail'] img");
        await Expect(cardPicture).ToBeVisibleAsync();
        // The card loads its small square (CardThumbnails), not the whole 9:16 frame the side panel shows.
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await cardPicture.ElementHandleAsync());
        var natural = await cardPicture.EvaluateAsync<int[]>("img => [img.naturalWidth, img.naturalHeight]");
        Assert.Equal(new[] { CardThumbnails.Size, CardThumbnails.Size }, natural);
        await canvas.GenerateAsync(canvas.PanelGenerate("shotaudio"), confirm: true);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "segment");
        await page.Keyboard.PressAsync("Escape");   // focus went back to the panel after its button was used
        await Expect(canvas.Panel).ToBeHiddenAsync();
        await canvas.FitAsync();
        await UiFixture.ScreenshotAsync(page, "canvas-flow-3-shots");

        var compose = await canvas.IdOfAsync(canvas.NodesOfKind("compose").First);
        await canvas.GenerateAsync(canvas.CardGenerate(compose), confirm: false);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks, 180);
        await Expect(canvas.Node(compose)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await canvas.TidyUpAsync();
        await UiFixture.ScreenshotAsync(page, "canvas-flow-4-composed");

        // The episode's music and subtitles are the creator's: turning the burned-in subtitles off makes the video stale.
        await canvas.OpenPanelAsync(compose);
        var burn = canvas.Panel.Locator("input[data-testid='compose-burn']");
        await Expect(burn).ToBeCheckedAsync();
        await Expect(canvas.Panel.Locator("input[data-testid='compose-music']")).ToHaveValueAsync("Automatic, by the story's mood");
        await UiFixture.ViewportScreenshotAsync(page, "canvas-flow-4b-compose-settings");
        await burn.SetCheckedAsync(false, new() { Force = true });
        await canvas.Panel.Locator("[data-testid='node-form-save']").ClickAsync();
        await Expect(canvas.Node(compose)).ToHaveAttributeAsync("data-node-state", "stale");
        await Expect(canvas.Panel.Locator("input[data-testid='compose-burn']")).Not.ToBeCheckedAsync();

        // A dialogue line edited in the scene's panel: the shots that speak it go stale.
        var (sceneId, lineIndex, oldText, shotIds) = await SpokenLineAsync(projectId);
        await canvas.OpenPanelAsync(ProjectGraphMapper.SceneKey(sceneId));
        var text = canvas.Panel.Locator("[data-testid='scene-line']").Nth(lineIndex)
            .Locator("[data-testid='scene-line-text'] textarea, textarea[data-testid='scene-line-text']").First;
        await text.FillAsync("Then tell me who is paying you.");
        await text.PressAsync("Tab");
        await canvas.Panel.Locator("[data-testid='node-form-save']").ClickAsync();
        foreach (var shot in shotIds)
            await Expect(canvas.Node(ProjectGraphMapper.SegmentKey(shot))).ToHaveAttributeAsync("data-node-state", "stale");
        await Expect(canvas.Node(compose)).ToHaveAttributeAsync("data-node-state", "stale");
        await UiFixture.ScreenshotAsync(page, "canvas-flow-5-stale");

        // Its audio made again from the panel: ready.
        var edited = ProjectGraphMapper.SegmentKey(shotIds[0]);
        await canvas.OpenPanelAsync(edited);
        await Expect(canvas.Versions.First).ToHaveAttributeAsync("data-source", "HandEdit");
        var handEdit = int.Parse((await canvas.Versions.First.GetAttributeAsync("data-version"))!, System.Globalization.CultureInfo.InvariantCulture);
        var editedAt = DateTimeOffset.UtcNow.AddSeconds(-1);
        await canvas.GenerateAsync(canvas.PanelGenerate("shotaudio"), confirm: false);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await Expect(canvas.Node(edited)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        // One click, one audio task for the shot; its result is the shot's newest version, made after the hand edit.
        await using (var db = Ui.App.Database.CreateContext())
            Assert.Equal(1, await db.GenerationTasks.AsNoTracking().CountAsync(t => t.TargetId == shotIds[0] && t.Type == GenerationTaskType.ShotAudio && t.CreatedAt > editedAt));
        await Expect(canvas.Versions.First).ToHaveAttributeAsync("data-source", "Generated");
        await Expect(canvas.Versions.First).ToHaveAttributeAsync("data-current", "true");
        Assert.True(int.Parse((await canvas.Versions.First.GetAttributeAsync("data-version"))!, System.Globalization.CultureInfo.InvariantCulture) > handEdit);

        // The version before the edit restored from the list: the old line is back as a new, current version.
        await canvas.Panel.Locator($"[data-testid='node-version'][data-version='{handEdit - 1}'] [data-testid='node-version-restore']").ClickAsync();
        await Expect(canvas.Versions.First).ToHaveAttributeAsync("data-source", "Restored");
        await Expect(canvas.Versions.First).ToHaveAttributeAsync("data-current", "true");
        await Expect(canvas.Panel).ToContainTextAsync(oldText[..Math.Min(oldText.Length, 40)]);
        await Expect(canvas.Node(edited)).ToHaveAttributeAsync("data-node-state", "ready");
        await UiFixture.ScreenshotAsync(page, "canvas-flow-6-restored");

        // The scene's own version from before the edit: the line reads as it did.
        await canvas.OpenPanelAsync(ProjectGraphMapper.SceneKey(sceneId));
        await canvas.Panel.Locator("[data-testid='node-version'][data-source='Generated'] [data-testid='node-version-restore']").First.ClickAsync();
        await Expect(canvas.Versions.First).ToHaveAttributeAsync("data-source", "Restored");
        await Expect(canvas.Panel.Locator("[data-testid='scene-line']").Nth(lineIndex)
            .Locator("[data-testid='scene-line-text'] textarea, textarea[data-testid='scene-line-text']").First).ToHaveValueAsync(oldText);
        await UiFixture.ViewportScreenshotAsync(page, "canvas-flow-7-scene-restored");
    }

    [Fact]
    public async Task Work_started_in_one_tab_shows_up_live_in_another()
    {
        var (page, projectId) = await NewProjectAsync("tabs");
        var watching = await new CanvasPage(await page.Context.NewPageAsync()).OpenAsync(projectId);
        await watching.WaitForReadyAsync();
        var canvas = await new CanvasPage(page).OpenAsync(projectId);
        await canvas.WaitForReadyAsync();
        await Expect(watching.NodesOfKind("character")).ToHaveCountAsync(0);

        await canvas.GenerateAsync(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey), confirm: false);
        await Expect(watching.Node(ProjectGraphMapper.StoryBibleKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await canvas.OpenPanelAsync(ProjectGraphMapper.StoryBibleKey);
        await canvas.GenerateAsync(canvas.PanelGenerate("characters"), confirm: true);

        await Expect(watching.NodesOfKind("character").First).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await UiFixture.ScreenshotAsync(watching.Page, "canvas-live-other-tab");
    }

    private static async Task ExpectAllReadyAsync(CanvasPage canvas, string kind)
    {
        await Expect(canvas.NodesOfKind(kind).First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        try
        {
            await Expect(canvas.Page.Locator($".dx-node[data-node-kind='{kind}']:not([data-node-state='ready'])")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException failure)
        {
            var states = await canvas.NodesOfKind(kind).EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.dataset.nodeId + ' ' + n.dataset.nodeState)");
            throw new Xunit.Sdk.XunitException($"not every {kind} node is ready: {string.Join(", ", states)}{Environment.NewLine}{failure.Message}");
        }
    }

    [Fact]
    public async Task A_pasted_script_becomes_the_projects_characters_and_scenes()
    {
        var page = await NewCreatorPageAsync("writer", "Writer");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.ChooseTypeAsync("ScriptBased");
        await form.FillAsync("Room 7", """
            INT. WARD 7 - NIGHT
            Rain against the windows. Lena checks the chart of the quiet patient.
            LENA (worried): Who are you running from?
            MARK: Nobody you know.

            EXT. HOSPITAL ROOF - DAWN
            MARK: They will come for me before the sun is up.
            LENA: Then we leave now.
            """);
        await Expect(form.Form).ToContainTextAsync("INT. WARD 7 - NIGHT");
        await UiFixture.ScreenshotAsync(page, "projects-new-script");
        await form.CreateAsync();
        var projectId = Guid.Parse(page.Url[^36..]);
        var canvas = new CanvasPage(page);
        await canvas.WaitForReadyAsync();

        await canvas.GenerateAsync(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey), confirm: false);
        var tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, 0);
        await canvas.OpenPanelAsync(ProjectGraphMapper.StoryBibleKey);
        await canvas.GenerateAsync(canvas.PanelGenerate("characters"), confirm: true);
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "character");
        await Expect(canvas.NodesOfKind("character")).ToHaveCountAsync(2);
        await Expect(canvas.NodesOfKind("character").Filter(new() { HasText = "Lena" })).ToHaveCountAsync(1);
        await Expect(canvas.NodesOfKind("character").Filter(new() { HasText = "Mark" })).ToHaveCountAsync(1);
        await canvas.GenerateAsync(canvas.PanelGenerate("scripts"), confirm: true);
        await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await Expect(canvas.NodesOfKind("scene")).ToHaveCountAsync(2);
        await Expect(canvas.NodesOfKind("scene").First).ToContainTextAsync("WARD 7");
        await canvas.FitAsync();
        await UiFixture.ScreenshotAsync(page, "canvas-script-based");
    }

    private async Task<(IPage Page, Guid ProjectId)> NewProjectAsync(string who)
    {
        var page = await NewCreatorPageAsync(who, "Maker");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("The Heir in Room 7", "A night-shift nurse named Lena discovers that her quiet patient is the heir the whole city is hunting for.", episodeSeconds: 30);
        await form.CreateAsync();
        return (page, Guid.Parse(page.Url[^36..]));
    }


    /// <summary>A scene line that at least one shot speaks: the scene, the line's index, its text and those shots.</summary>
    private async Task<(Guid SceneId, int LineIndex, string Text, List<Guid> ShotIds)> SpokenLineAsync(Guid projectId)
    {
        await using var db = Ui.App.Database.CreateContext();
        var scenes = await db.Scenes.AsNoTracking().Include(s => s.Shots).Where(s => s.ProjectId == projectId).OrderBy(s => s.Number).ToListAsync();
        foreach (var scene in scenes)
        {
            for (var i = 0; i < scene.Lines.Count; i++)
            {
                var speakers = scene.Shots.Where(s => s.SpokenLine == scene.Lines[i]).OrderBy(s => s.Order).Select(s => s.Id).ToList();
                if (speakers.Count > 0)
                    return (scene.Id, i, scene.Lines[i].Text, speakers);
            }
        }
        throw new InvalidOperationException("no shot speaks a scene line");
    }
}
