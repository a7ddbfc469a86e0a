using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Tests.Support;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>A fan-out can be stopped from the canvas in one action (issue 18: cancel existed only per task in /tasks).</summary>
[Collection(UiCollection.Name)]
public sealed class CanvasStopTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_scene_panel_stops_every_open_shot_image_task_of_the_fan_out_in_one_click()
    {
        var page = await Ui.NewPageAsync();
        var email = $"stop-{Guid.NewGuid():N}@example.com";
        await (await new RegisterPage(page).OpenAsync()).RegisterAsync(email, "night-shift-7", "Stopper");
        await page.WaitForAddressAsync("/projects");
        string ownerId;
        await using (var db = Ui.App.Database.CreateContext())
            ownerId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var graph = SampleProjectGraph.Build(ownerId, episodes: 1, scenesPerEpisode: 2, shotsPerScene: 4);
        var shots = graph.Episodes.SelectMany(e => e.Scenes).SelectMany(s => s.Shots).Select(s => s.Id).ToList();
        var open = shots.Take(5).Select(shot => new GenerationTask
        {
            ProjectId = graph.Project.Id,
            OwnerId = ownerId,
            Type = GenerationTaskType.ShotImage,
            TargetKind = NodeKind.Segment,
            TargetId = shot,
            // Running on another instance, its lease renewed: only a stop ends it.
            Status = GenerationTaskStatus.Running,
            WorkerId = "elsewhere",
            LeaseExpiresAt = DateTimeOffset.UtcNow.AddHours(1),
        }).ToList();
        await using (var db = Ui.App.Database.CreateContext())
        {
            await SampleProjectGraph.SaveAsync(db, graph);
            db.GenerationTasks.AddRange(open);
            await db.SaveChangesAsync();
        }

        var canvas = await new CanvasPage(page).OpenAsync(graph.Project.Id);
        await canvas.WaitForReadyAsync();
        await canvas.OpenPanelAsync(ProjectGraphMapper.SceneKey(graph.Episodes[0].Scenes[0].Id));
        var stop = canvas.Panel.Locator("[data-action='stop'][data-step='ShotImages']");
        await Expect(stop).ToContainTextAsync("Stop (5 open)");
        await UiFixture.ScreenshotAsync(page, "canvas-stop-fan-out");

        await stop.ClickAsync();

        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Stopped 5 tasks");
        await Expect(stop).ToHaveCountAsync(0);
        await using var check = Ui.App.Database.CreateContext();
        var ids = open.Select(t => t.Id).ToList();
        Assert.All(await check.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => t.Status).ToListAsync(),
            status => Assert.Equal(GenerationTaskStatus.Cancelled, status));
        await UiFixture.ScreenshotAsync(page, "canvas-stop-fan-out-stopped");
    }
}
