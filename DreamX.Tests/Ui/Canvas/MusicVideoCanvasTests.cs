using DreamX.Tests.Support;
using DreamX.Domain.Generation;
using DreamX.Tests.Infrastructure.Media.Music;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Canvas;

/// <summary>
/// A creator makes a music video from an uploaded song on the canvas: the video's own spine (bible → song map → scenes
/// per section → beat-cut shots → compose), led by the cards' next steps; the song map is edited in the side panel
/// (a broken lyric line is named, a good edit kept) and the composed video plays on the compose node.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class MusicVideoCanvasTests(UiFixture ui, ITestOutputHelper output) : UiTest(ui)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task A_creator_makes_a_music_video_from_an_uploaded_song_on_the_canvas_and_plays_it()
    {
        var page = await NewCreatorPageAsync("mvmaker", "MV maker");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.ChooseTypeAsync("MusicMv");
        await form.FillAsync("Rooftop", "夏夜的城市天台，霓虹和晚风，一个人在风里跳舞");
        var song = page.Locator("[data-testid='checkpoint-song']");
        var (samples, _) = SongAnalyzerTests.ClickTrack(120, 24, 0.5, loudFrom: 8.5, loudTo: 16.5);
        await song.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload { Name = "rooftop.wav", MimeType = "audio/wav", Buffer = SongAnalyzerTests.Wav(samples) });
        await Expect(page.Locator("[data-testid='checkpoint-song-summary']")).ToContainTextAsync("120 BPM", new() { Timeout = 60_000 });
        var lyrics = page.Locator("textarea[data-testid='checkpoint-lyrics'], [data-testid='checkpoint-lyrics'] textarea").First;
        await lyrics.FillAsync("[00:01.00]天台的风\n[00:09.00]霓虹在闪\n[00:17.00]我在跳舞");
        await form.CreateAsync();
        var projectId = Guid.Parse(page.Url[^36..]);
        var canvas = new CanvasPage(page);
        await canvas.WaitForReadyAsync();

        // The video's own spine: a song map where a drama has its script.
        await Expect(canvas.Node(ProjectGraphMapper.SongMapKey)).ToBeAttachedAsync();
        await Expect(canvas.NodesOfKind("script")).ToHaveCountAsync(0);
        var tasks = 0;
        await canvas.RunAsync(canvas.CardGenerate(ProjectGraphMapper.CheckpointKey));
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await Expect(canvas.Node(ProjectGraphMapper.StoryBibleKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        // The performer is optional: the bible leads straight to the song map.
        await NextIsAsync(canvas, ProjectGraphMapper.StoryBibleKey, "SongMap");
        await canvas.RunAsync(canvas.CardNext(ProjectGraphMapper.StoryBibleKey));
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await Expect(canvas.Node(ProjectGraphMapper.SongMapKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await ExpectAllReadyAsync(canvas, "scene");
        // Its card lists the sections with their times.
        await Expect(canvas.Node(ProjectGraphMapper.SongMapKey)).ToContainTextAsync("Chorus 0:08–0:16");

        // The song map's card cuts every section on the beat, then paints the shots.
        await NextIsAsync(canvas, ProjectGraphMapper.SongMapKey, "MusicVideoShots");
        await canvas.RunAsync(canvas.CardNext(ProjectGraphMapper.SongMapKey));
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks);
        await ExpectAllReadyAsync(canvas, "segment");
        await NextIsAsync(canvas, ProjectGraphMapper.SongMapKey, "ShotImages");
        await canvas.RunAsync(canvas.CardNext(ProjectGraphMapper.SongMapKey));
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks, 300);
        await ExpectAllReadyAsync(canvas, "segment");
        await canvas.FitAsync();
        await UiFixture.ViewportScreenshotAsync(page, "mv-canvas-1-spine");

        // The song map in the side panel: sections with their times and lyric lines; a line outside its section is named.
        await canvas.OpenPanelAsync(ProjectGraphMapper.SongMapKey);
        var sections = page.Locator("[data-testid='song-map-section']");
        Assert.True(await sections.CountAsync() >= 2);
        var lyricTexts = page.Locator("[data-testid='song-map-lyric-text'] input, input[data-testid='song-map-lyric-text']");
        await Expect(lyricTexts).ToHaveCountAsync(3);
        await Expect(lyricTexts.Nth(2)).ToHaveValueAsync("我在跳舞");
        var starts = page.Locator("[data-testid='song-map-lyric-start'] input, input[data-testid='song-map-lyric-start']");
        await starts.Nth(0).FillAsync("23");
        await page.Locator("[data-testid='node-form-save']").ClickAsync();
        await Expect(page.Locator("[data-testid='node-form-error']")).ToContainTextAsync("lyric line 1");
        await UiFixture.ViewportScreenshotAsync(page, "mv-canvas-2-song-map-error");
        await starts.Nth(0).FillAsync("1");
        await lyricTexts.Nth(2).FillAsync("我们一起跳舞");
        await page.Locator("[data-testid='node-form-save']").ClickAsync();
        await Expect(page.Locator("[data-testid='node-form-error']")).ToHaveCountAsync(0);
        await Expect(canvas.Panel.Locator("[data-testid='song-map-lyric-text'] input, input[data-testid='song-map-lyric-text']").Nth(2))
            .ToHaveValueAsync("我们一起跳舞", new() { Timeout = 30_000 });
        await UiFixture.ViewportScreenshotAsync(page, "mv-canvas-3-song-map");
        await canvas.ClosePanelAsync();

        // The compose card makes the video: the song is the soundtrack, the lyrics the subtitles; it plays on the node.
        var compose = await canvas.IdOfAsync(canvas.NodesOfKind("compose").First);
        await canvas.RunAsync(canvas.CardGenerate(compose));
        tasks = await Ui.App.Database.WaitProjectSettledAsync(projectId, tasks, 600);
        await Expect(canvas.Node(compose)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await Expect(canvas.Node(compose).Locator(".card-title")).ToHaveTextAsync("Rooftop");
        var video = canvas.Node(compose).Locator("video[data-testid='compose-video']");
        await Expect(video).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex(".+"), new() { Timeout = 60_000 });
        await canvas.FitAsync();
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
        var (played, error, duration) = (await video.EvaluateAsync<double>("v => v.currentTime"),
            await video.EvaluateAsync<string>("v => v.dataset.playError || (v.error ? 'media error ' + v.error.code : '')"),
            await video.EvaluateAsync<double>("v => v.duration"));
        await video.EvaluateAsync("v => v.pause()");
        output.WriteLine($"the music video played to {played:0.00} s of {duration:0.00} s on the compose node");
        Assert.True(played > 0.5 && error.Length == 0, $"the music video did not play: {error}");
        Assert.InRange(duration, 23.9, 24.1);
        await UiFixture.ViewportScreenshotAsync(page, "mv-canvas-4-played");

        // The overview's board lists the music video's own steps, not a drama's.
        await page.GotoAsync($"/projects/{projectId}/overview");
        var steps = page.Locator("[data-testid='production-step']");
        // Retrying checks: the prerendered board is drawn again when the circuit starts, empty until its first read lands.
        string[] expected = ["StoryBible", "Characters", "Portraits", "SongMap", "MusicVideoShots", "ShotImages", "ComposePreview", "ComposeFinal"];
        await Expect(steps).ToHaveCountAsync(expected.Length, new() { Timeout = 60_000 });
        for (var i = 0; i < expected.Length; i++)
            await Expect(steps.Nth(i)).ToHaveAttributeAsync("data-step", expected[i], Slow);
        await Expect(steps).ToHaveCountAsync(expected.Length, new() { Timeout = 60_000 });
        await Expect(page.Locator("[data-testid='project-pipeline']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid='production-step'][data-step='SongMap']")).ToHaveAttributeAsync("data-state", "ready", Slow);
        await UiFixture.ViewportScreenshotAsync(page, "mv-overview-board");

        // No voices were asked for: the only tasks are the spine's.
        await using var db = Ui.App.Database.CreateContext();
        var types = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId).Select(t => t.Type).Distinct().ToListAsync();
        Assert.DoesNotContain(GenerationTaskType.ShotAudio, types);
        Assert.DoesNotContain(GenerationTaskType.Script, types);
        Assert.Contains(GenerationTaskType.SongMap, types);
        Assert.Contains(GenerationTaskType.MusicVideoShots, types);
    }

    private static async Task NextIsAsync(CanvasPage canvas, string id, string step) =>
        await Expect(canvas.CardNext(id)).ToHaveAttributeAsync("data-step", step, new() { Timeout = 30_000 });

    private static async Task ExpectAllReadyAsync(CanvasPage canvas, string kind)
    {
        await Expect(canvas.NodesOfKind(kind).First).ToBeAttachedAsync(new() { Timeout = 30_000 });
        await Expect(canvas.Page.Locator($".dx-node[data-node-kind='{kind}']:not([data-node-state='ready'])")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
    }

}
