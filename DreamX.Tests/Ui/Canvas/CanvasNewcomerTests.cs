using System.Diagnostics;
using System.Globalization;
using DreamX.Domain.Generation;
using DreamX.Domain.Storage;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>
/// A newcomer on the canvas reaches the final episode with the cards' own buttons (never the side panel), sees a
/// failure where it happened with its reason, retries it, plays the episode on the compose node and logs out.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class CanvasNewcomerTests(UiFixture ui, ITestOutputHelper output) : UiTest(ui)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_newcomer_reaches_the_final_episode_with_card_actions_only_and_retries_a_failure()
    {
        var page = await NewCreatorPageAsync("newcomer", "Newcomer");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.FillAsync("Rain Rider", "A food-delivery rider finds a phone in a rainstorm holding messages from his sister, missing for ten years.", episodeSeconds: 30);
        await form.CreateAsync();
        var projectId = Guid.Parse(page.Url[^36..]);
        var canvas = new CanvasPage(page);
        await canvas.WaitForReadyAsync();
        var tasks = 0;

        // Checkpoint → bible → cast → script, each from the card that leads to it.
        await canvas.RunAsync(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey));
        tasks = await WaitForTasksAsync(projectId, tasks);
        await Expect(canvas.Node(ProjectGraphMapper.StoryBibleKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await NextIsAsync(canvas, ProjectGraphMapper.StoryBibleKey, "Characters");
        await canvas.RunAsync(canvas.CardNext(ProjectGraphMapper.StoryBibleKey));
        tasks = await WaitForTasksAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "character");
        await NextIsAsync(canvas, ProjectGraphMapper.StoryBibleKey, "Scripts");
        await canvas.RunAsync(canvas.CardNext(ProjectGraphMapper.StoryBibleKey));
        tasks = await WaitForTasksAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "script");
        await UiFixture.ViewportScreenshotAsync(page, "canvas-newcomer-1-script");

        // The script's card designs its scenes, then cuts them into shots.
        var script = await canvas.IdOfAsync(canvas.NodesOfKind("script").First);
        await NextIsAsync(canvas, script, "SceneDesigns");
        await canvas.RunAsync(canvas.CardNext(script));
        tasks = await WaitForTasksAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "scene");
        await NextIsAsync(canvas, script, "ShotLists");
        await canvas.RunAsync(canvas.CardNext(script));
        tasks = await WaitForTasksAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "segment");

        // A scene's card paints every shot, then voices them.
        var scene = await canvas.IdOfAsync(canvas.NodesOfKind("scene").First);
        await NextIsAsync(canvas, scene, "ShotImages");
        await Expect(canvas.CardNext(scene)).ToContainTextAsync("Images");
        await canvas.RunAsync(canvas.CardNext(scene));
        tasks = await WaitForTasksAsync(projectId, tasks);
        await NextIsAsync(canvas, scene, "ShotAudio");
        await Expect(canvas.CardNext(scene)).ToContainTextAsync("Voices");
        await canvas.RunAsync(canvas.CardNext(scene));
        tasks = await WaitForTasksAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "segment");

        // Storage lost one shot's picture: the preview fails on the compose node, saying why, in words.
        var (lostShot, lostKey) = await FirstShotImageAsync(projectId);
        await Ui.App.Services.GetRequiredService<IObjectStorage>().DeleteAsync(ObjectKey.Parse(lostKey), CancellationToken.None);
        var compose = await canvas.IdOfAsync(canvas.NodesOfKind("compose").First);
        await canvas.RunAsync(canvas.CardGenerate(compose));
        tasks = await WaitForTasksAsync(projectId, tasks, expectFailure: true, timeoutSeconds: 600);
        await Expect(canvas.Node(compose)).ToHaveAttributeAsync("data-node-state", "failed", Slow);
        await Expect(canvas.Failure(compose)).ToContainTextAsync("missing");
        await Expect(canvas.Failure(compose)).Not.ToContainTextAsync("/");
        // The header counts the failures and takes the creator to each.
        var failures = page.Locator("[data-testid='canvas-failures']");
        await Expect(failures).ToHaveAttributeAsync("data-count", "1");
        await failures.ClickAsync();
        await ExpectOnScreenAsync(canvas, compose);
        await Expect(canvas.CardRetry(compose)).ToBeVisibleAsync();
        await UiFixture.ViewportScreenshotAsync(page, "canvas-newcomer-2-failed");

        // The shot's picture made again from its card, then the preview retried from the compose card.
        var shot = ProjectGraphMapper.SegmentKey(lostShot);
        await canvas.FitAsync();
        await canvas.RunAsync(canvas.CardGenerate(shot));
        tasks = await WaitForTasksAsync(projectId, tasks);
        await canvas.RunAsync(canvas.CardRetry(compose));
        tasks = await WaitForTasksAsync(projectId, tasks, timeoutSeconds: 600);
        await Expect(canvas.Node(compose)).ToHaveAttributeAsync("data-node-state", "ready", Slow);

        // The final episode from the compose card's next step; the canvas shows it within a second of the task ending.
        await NextIsAsync(canvas, compose, "ComposeFinal");
        await canvas.RunAsync(canvas.CardNext(compose));
        var finished = await WaitForTaskEndAsync(projectId, GenerationTaskType.ComposeFinal, timeoutSeconds: 900);
        var clock = Stopwatch.StartNew();
        await Expect(canvas.Node(compose).Locator("[data-testid='compose-download'][data-format='mp4']")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        output.WriteLine($"compose final: task ended, canvas showed it {clock.Elapsed.TotalMilliseconds:0} ms after the test saw the task end ({finished:O})");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"the canvas showed the final episode {clock.Elapsed.TotalSeconds:0.0} s after its task ended");

        // It plays on the node, with its files and its length against the checkpoint's promise.
        var video = canvas.Node(compose).Locator("video[data-testid='compose-video']");
        await Expect(video).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(".+"));
        await Expect(canvas.Node(compose).Locator("[data-testid='compose-download']")).ToHaveCountAsync(4);
        await Expect(canvas.Node(compose).Locator("[data-testid='compose-length']")).ToHaveAttributeAsync("data-planned", "30");
        // Played muted (as a browser allows without a gesture) and in view (Chromium holds back muted video off screen); the
        // clock must move, within a bounded wait.
        await canvas.FitAsync();
        await ExpectOnScreenAsync(canvas, compose);
        // The node may be rendered again while the episode loads (a late event refreshes the graph): each poll takes the
        // player the page shows now and starts it if it stands paused, instead of watching an element that was replaced.
        const string playing = """
            () => {
              const v = document.querySelector("[data-testid='compose-video']");
              if (!v) return false;
              if (v.error || v.dataset.playError) return true;
              if (v.readyState >= 1 && v.paused && !v.ended) {
                v.muted = true;
                v.play().catch(e => { if (e.name !== 'AbortError') v.dataset.playError = e.name + ': ' + e.message; });
              }
              return v.currentTime > 0.5;
            }
            """;
        await page.WaitForFunctionAsync(playing, null, new() { Timeout = 180_000, PollingInterval = 250 });
        var (played, error) = (await video.EvaluateAsync<double>("v => v.currentTime"), await video.EvaluateAsync<string>("v => v.dataset.playError || (v.error ? 'media error ' + v.error.code : '')"));
        await video.EvaluateAsync("v => v.pause()");
        output.WriteLine($"the episode played to {played:0.00} s on the compose node");
        Assert.True(played > 0.5 && error.Length == 0, $"the episode did not play: {error}");

        // No side panel was needed on the way.
        await Expect(canvas.Panel).ToHaveCountAsync(0);

        // "Fit" on a one-episode project keeps the cards readable.
        await canvas.FitAsync();
        var zoom = double.Parse((await canvas.Canvas.GetAttributeAsync("data-zoom"))!, CultureInfo.InvariantCulture);
        output.WriteLine($"fit zoom on a one-episode project: {zoom:0.00} ({await canvas.Nodes.CountAsync()} nodes)");
        await UiFixture.ViewportScreenshotAsync(page, "canvas-newcomer-3-fit");
        Assert.True(zoom >= 0.5, $"fit zooms to {zoom:0.00}");

        // And the newcomer logs out from the account menu.
        await page.Locator("[data-testid='user-menu-open']").ClickAsync();
        await page.Locator("[data-testid='logout']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
    }

    /// <summary>Waits until the card offers <paramref name="step"/> as its next step (the canvas caught up with the last one).</summary>
    private static async Task NextIsAsync(CanvasPage canvas, string id, string step) =>
        await Expect(canvas.CardNext(id)).ToHaveAttributeAsync("data-step", step, new() { Timeout = 30_000 });

    /// <summary>Waits until the node lies wholly inside the canvas frame (the view moved to it).</summary>
    private static async Task ExpectOnScreenAsync(CanvasPage canvas, string id) =>
        await canvas.Page.WaitForFunctionAsync("""
            id => {
                const frame = document.querySelector('[data-testid="diagram-canvas"]').getBoundingClientRect();
                const node = document.querySelector(`.dx-node[data-node-id="${id}"]`)?.getBoundingClientRect();
                return !!node && node.left >= frame.left && node.top >= frame.top && node.right <= frame.right && node.bottom <= frame.bottom;
            }
            """, id);

    private static async Task ExpectAllReadyAsync(CanvasPage canvas, string kind)
    {
        await Expect(canvas.NodesOfKind(kind).First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(canvas.Page.Locator($".dx-node[data-node-kind='{kind}']:not([data-node-state='ready'])")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

    private async Task<(Guid ShotId, string ImageKey)> FirstShotImageAsync(Guid projectId)
    {
        await using var db = Ui.App.Database.CreateContext();
        var shot = await db.Shots.AsNoTracking().Where(s => s.ProjectId == projectId && s.ImageKey != null)
            .OrderBy(s => s.Order).Select(s => new { s.Id, s.ImageKey }).FirstAsync();
        return (shot.Id, shot.ImageKey!);
    }

    /// <summary>Waits until the project's latest task of <paramref name="type"/> has ended, and returns when it did.</summary>
    private async Task<DateTimeOffset> WaitForTaskEndAsync(Guid projectId, GenerationTaskType type, int timeoutSeconds = 180)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        var last = "";
        while (DateTime.UtcNow < until)
        {
            await using (var db = Ui.App.Database.CreateContext())
            {
                var task = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId && t.Type == type)
                    .OrderByDescending(t => t.CreatedAt).Select(t => new { t.Status, t.FinishedAt, t.Error, t.Progress, t.ProgressMessage }).FirstOrDefaultAsync();
                if (task is { Status: GenerationTaskStatus.Succeeded, FinishedAt: { } at })
                    return at;
                Assert.False(task?.Status == GenerationTaskStatus.Failed, $"{type} failed: {task?.Error}");
                last = $"{task?.Status} {task?.Progress} % {task?.ProgressMessage}";
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{type} did not end in {timeoutSeconds} s (last seen: {last})");
    }

    /// <summary>
    /// Waits until the project has more tasks than <paramref name="before"/> and none is waiting or running; a failed
    /// task fails the test unless one is expected.
    /// </summary>
    private async Task<int> WaitForTasksAsync(Guid projectId, int before, bool expectFailure = false, int timeoutSeconds = 90)
    {
        var until = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            await using (var db = Ui.App.Database.CreateContext())
            {
                var tasks = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId)
                    .Select(t => new { t.Type, t.Status, t.Error, t.CreatedAt }).ToListAsync();
                var fresh = tasks.OrderBy(t => t.CreatedAt).Skip(before).ToList();
                var failed = fresh.FirstOrDefault(t => t.Status == GenerationTaskStatus.Failed);
                Assert.True(expectFailure || failed is null, $"{failed?.Type} failed: {failed?.Error}");
                if (tasks.Count > before && tasks.All(t => t.Status is GenerationTaskStatus.Succeeded or GenerationTaskStatus.Cancelled or GenerationTaskStatus.Failed))
                {
                    Assert.True(!expectFailure || failed is not null, "the task was expected to fail");
                    return tasks.Count;
                }
                if (DateTime.UtcNow > until)
                    throw new TimeoutException(tasks.Count <= before ? $"no new task after {before} (the click queued nothing)" : $"tasks still pending: {string.Join(", ", tasks.Where(t => !(t.Status is GenerationTaskStatus.Succeeded or GenerationTaskStatus.Failed)).Select(t => $"{t.Type} {t.Status}"))}");
            }
            await Task.Delay(250);
        }
    }
}
