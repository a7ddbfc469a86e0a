using System.Text.RegularExpressions;
using DreamX.Domain.Generation;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Tests.Support.FakeVideo;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>
/// The video stage end to end: an admin configures a (fake) Ark video provider at /admin/providers, a creator makes
/// every shot of an episode move from the canvas, watches the progress, plays a shot's clip, composes and plays the episode.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class CanvasVideoTests(UiFixture ui) : UiTest(ui)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 120_000 };

    [Fact]
    public async Task An_admin_configures_a_video_provider_and_a_creator_makes_every_shot_move_then_composes_the_episode()
    {
        await using var fake = await FakeVideoServer.StartAsync();
        var name = $"ark-{Guid.NewGuid():N}"[..12];
        try
        {
            var admin = await Ui.NewPageAsync();
            var login = await new LoginPage(admin).OpenAsync("/admin/providers");
            await login.LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
            await Expect(admin).ToHaveURLAsync(new Regex("/admin/providers$"));
            var providers = new ProvidersPage(admin);
            await providers.WaitForInteractiveAsync();
            await admin.Locator("[data-testid='providers-add']").ClickAsync();
            await Field(admin, "provider-name").FillAsync(name);
            await Field(admin, "provider-baseurl").FillAsync(fake.ArkBaseUrl);
            await Field(admin, "provider-apikey").FillAsync("ark-test-key");
            await admin.Locator("input[data-testid='provider-text']").SetCheckedAsync(false, new() { Force = true });
            await admin.Locator("input[data-testid='provider-video']").SetCheckedAsync(true, new() { Force = true });
            await admin.Locator("[data-testid='provider-kind']").ClickAsync();
            var ark = admin.GetByRole(AriaRole.Option, new() { Name = "Volcengine Ark" });
            await ark.ClickAsync();
            await Expect(ark).ToBeHiddenAsync();
            await Field(admin, "provider-video-model").FillAsync("seedance-ui");
            await Field(admin, "provider-video-durations").FillAsync("5, 10");
            await UiFixture.ScreenshotAsync(admin, "video-1-admin-provider-form");
            await admin.Locator("[data-testid='provider-save']").ClickAsync();
            await Expect(providers.Row(name)).ToContainTextAsync(fake.ArkBaseUrl);
            await Expect(admin.Locator("[data-testid='providers-table']")).ToContainTextAsync("seedance-ui");
            await UiFixture.ScreenshotAsync(admin, "video-2-admin-providers");

            var page = await NewCreatorPageAsync("mover", "Mover");
            var form = await new NewProjectPage(page).OpenAsync();
            await form.FillAsync("Moving Pictures", "A night-shift nurse named Lena discovers that her quiet patient is the heir the whole city is hunting for.", episodeSeconds: 30);
            await form.CreateAsync();
            var projectId = Guid.Parse(page.Url[^36..]);
            await MakeShotsWithImagesAndVoicesAsync(projectId);

            var canvas = await new CanvasPage(page).OpenAsync(projectId);
            await canvas.WaitForReadyAsync();
            var compose = await canvas.IdOfAsync(canvas.NodesOfKind("compose").First);
            await canvas.OpenPanelAsync(compose);
            await Expect(canvas.PanelGenerate("shotvideos")).ToContainTextAsync("Make every shot move");
            await canvas.GenerateAsync(canvas.PanelGenerate("shotvideos"), confirm: true);
            await Expect(page.Locator(".dx-node[data-node-kind='segment'] [data-testid='node-progress']").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await page.Keyboard.PressAsync("Escape");
            await canvas.FitAsync();
            await UiFixture.ScreenshotAsync(page, "video-3-canvas-progress");

            await WaitForVideosAsync(projectId);
            var clipCard = page.Locator(".dx-node[data-node-kind='segment'] [data-testid='node-clip']").First;
            await Expect(clipCard).ToBeVisibleAsync(new() { Timeout = 60_000 });
            await Expect(page.Locator("[data-testid='node-clip-maker']").First).ToContainTextAsync(name);
            await clipCard.ClickAsync();
            var clipVideo = clipCard.Locator("[data-testid='node-clip-video']");
            await Expect(clipVideo).ToBeVisibleAsync();
            await clipVideo.EvaluateAsync("v => new Promise(r => v.readyState >= 2 ? r() : v.addEventListener('loadeddata', r))");
            await UiFixture.ViewportScreenshotAsync(page, "video-4-canvas-clip-playing");
            Assert.Equal(await ShotCountAsync(projectId), fake.Submissions);

            await canvas.GenerateAsync(canvas.CardGenerate(compose), confirm: false);
            await Expect(canvas.Node(compose)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
            var episode = canvas.Node(compose).Locator("[data-testid='compose-video']");
            await Expect(episode).ToBeVisibleAsync();
            await episode.EvaluateAsync("v => { v.muted = true; return v.play(); }");
            await page.WaitForFunctionAsync("() => document.querySelector(\"[data-testid='compose-video']\").currentTime > 0.5", null, new() { Timeout = 30_000 });
            await UiFixture.ScreenshotAsync(page, "video-5-canvas-composed");
            await CheckEpisodeAsync(projectId);
        }
        finally
        {
            var settings = Ui.App.Services.GetRequiredService<ProviderSettings>();
            foreach (var provider in (await settings.ListAsync(CancellationToken.None)).Where(p => p.Name == name))
                await settings.DeleteAsync(provider.Id, CancellationToken.None);
        }
    }

    private static ILocator Field(IPage page, string id) =>
        page.Locator($"[data-testid='{id}'] input, input[data-testid='{id}']").First;

    /// <summary>The stages before the video one, run as the creator's buttons would run them (they have their own UI tests).</summary>
    private async Task MakeShotsWithImagesAndVoicesAsync(Guid projectId)
    {
        string owner;
        await using (var db = Ui.App.Database.CreateContext())
            owner = await db.Projects.Where(p => p.Id == projectId).Select(p => p.OwnerId).FirstAsync();
        await using var scope = Ui.App.Services.CreateAsyncScope();
        // Welcome credits do not stretch to a whole episode of video (priced per second): the creator buys some.
        await scope.ServiceProvider.GetRequiredService<DreamX.Domain.Credits.ICreditLedger>()
            .PostAsync(owner, DreamX.Domain.Credits.CreditEntryKind.Purchased, 5000, $"grant-{owner}", "test credits");
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Portraits, ProductionStep.Scripts,
                     ProductionStep.ShotLists, ProductionStep.ShotImages, ProductionStep.ShotAudio })
        {
            var queued = await production.GenerateAsync(owner, projectId, step);
            Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
            await WaitAsync(queued.Value.Select(t => t.Id).ToList(), step.ToString());
        }
    }

    private async Task WaitForVideosAsync(Guid projectId)
    {
        List<Guid> ids;
        await using (var db = Ui.App.Database.CreateContext())
            ids = await db.GenerationTasks.Where(t => t.ProjectId == projectId && t.Type == GenerationTaskType.ShotVideo).Select(t => t.Id).ToListAsync();
        Assert.NotEmpty(ids);
        await WaitAsync(ids, "videos");
    }

    private async Task WaitAsync(IReadOnlyList<Guid> ids, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            await using var db = Ui.App.Database.CreateContext();
            var tasks = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
            var failed = tasks.FirstOrDefault(t => t.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled);
            Assert.True(failed is null, $"{what}: {failed?.Type} failed: {failed?.Error}");
            if (tasks.All(t => t.Status == GenerationTaskStatus.Succeeded))
                return;
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not finish");
            await Task.Delay(200);
        }
    }

    private async Task<int> ShotCountAsync(Guid projectId)
    {
        await using var db = Ui.App.Database.CreateContext();
        return await db.Shots.CountAsync(s => s.ProjectId == projectId);
    }

    /// <summary>The episode is made of the provider clips, each trimmed to its shot: ffprobe finds video and sound of the planned length.</summary>
    private async Task CheckEpisodeAsync(Guid projectId)
    {
        await using var db = Ui.App.Database.CreateContext();
        var shots = await db.Shots.AsNoTracking().Where(s => s.ProjectId == projectId).ToListAsync();
        Assert.All(shots, s => Assert.NotNull(s.ClipKey));
        var compositions = await db.Compositions.AsNoTracking().Where(c => c.ProjectId == projectId).Select(c => c.Id).ToListAsync();
        var render = await db.CompositionRenders.AsNoTracking().Where(r => compositions.Contains(r.CompositionId)).OrderByDescending(r => r.CreatedAt).FirstAsync();
        var storage = Ui.App.Services.GetRequiredService<IObjectStorage>();
        var path = Path.Combine(Path.GetTempPath(), $"dreamx-episode-{Guid.NewGuid():N}.mp4");
        try
        {
            await using (var content = await storage.OpenReadAsync(ObjectKey.Parse(render.VideoKey), CancellationToken.None))
            await using (var file = File.Create(path))
                await content!.Stream.CopyToAsync(file);
            var probe = await FFProbe.AnalyseAsync(path);
            Assert.NotNull(probe.PrimaryVideoStream);
            Assert.NotNull(probe.PrimaryAudioStream);
            // Provider clips last 5 or 10 s; the shots are shorter, so an untrimmed join would be far longer.
            var planned = shots.Sum(s => (double)s.EffectiveDurationSeconds());
            Assert.InRange(probe.Duration.TotalSeconds, planned * 0.85, planned * 1.25);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
