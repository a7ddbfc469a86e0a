using DreamX.Domain.Projects;
using DreamX.Infrastructure.MusicVideos;
using DreamX.Infrastructure.Persistence;
using DreamX.Tests.Infrastructure.Media.Music;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Projects;

/// <summary>
/// A creator starts a music video: the checkpoint takes an uploaded song (a file that is not one is refused with the
/// reason), shows its tempo and sections, names the broken line of bad LRC lyrics, and creates the project with the song.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class MusicVideoCheckpointTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_creator_uploads_a_song_with_lrc_lyrics_and_an_excerpt_and_creates_the_music_video()
    {
        var page = await NewCreatorPageAsync("singer", "Singer");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.ChooseTypeAsync("MusicMv");
        var song = page.Locator("[data-testid='checkpoint-song']");
        await Expect(song).ToBeVisibleAsync();
        // The song sets the length: no episodes, no duration.
        await Expect(page.Locator("[data-testid='checkpoint-episodes']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid='checkpoint-duration']")).ToHaveCountAsync(0);
        await form.FillAsync("Rooftop", "夏夜的城市天台，霓虹和晚风，一个人在风里跳舞");
        // MudFileUpload adds a fresh input after each pick: the last one is the live one.
        ILocator Upload() => song.Locator("input[type=file]").Last;
        // Without a song the form does not submit, and says what is missing.
        await form.SubmitAsync();
        await Expect(page.Locator("[data-testid='checkpoint-song-missing']")).ToContainTextAsync("Upload a song or pick one");
        Assert.EndsWith("/projects/new", page.Url);

        // A text file with a song's name is refused from its bytes; the form says why.
        await Upload().SetInputFilesAsync(new FilePayload { Name = "song.mp3", MimeType = "audio/mpeg", Buffer = "just some words, not audio"u8.ToArray() });
        await Expect(page.Locator("[data-testid='checkpoint-song-error']")).ToContainTextAsync("not an MP3, WAV or M4A file");

        // A real song: analysed on the server, its tempo and sections shown.
        var (samples, _) = SongAnalyzerTests.ClickTrack(120, 40, 0.5, loudFrom: 16.5, loudTo: 32.5);
        await Upload().SetInputFilesAsync(new FilePayload { Name = "rooftop.wav", MimeType = "audio/wav", Buffer = SongAnalyzerTests.Wav(samples) });
        var summary = page.Locator("[data-testid='checkpoint-song-summary']");
        await Expect(summary).ToContainTextAsync("rooftop.wav", new() { Timeout = 60_000 });
        await Expect(summary).ToContainTextAsync("120 BPM");
        await Expect(page.Locator("[data-testid='checkpoint-song-error']")).ToHaveCountAsync(0);

        // Broken LRC: the message names the line.
        var lyrics = page.Locator("textarea[data-testid='checkpoint-lyrics'], [data-testid='checkpoint-lyrics'] textarea").First;
        await lyrics.FillAsync("[00:01.00]天台的风\n霓虹在闪\n[00:09.00]我在跳舞");
        await Expect(page.Locator("[data-testid='checkpoint-song']")).ToContainTextAsync("Lyrics line 2 has no time");
        await lyrics.FillAsync("[00:01.00]天台的风\n[00:05.00]霓虹在闪\n[00:09.00]我在跳舞");
        await Expect(page.Locator("[data-testid='checkpoint-song']")).Not.ToContainTextAsync("has no time");

        await page.Locator("input[data-testid='checkpoint-excerpt-start'], [data-testid='checkpoint-excerpt-start'] input").First.FillAsync("4");
        await page.Locator("input[data-testid='checkpoint-excerpt-end'], [data-testid='checkpoint-excerpt-end'] input").First.FillAsync("36");
        await Expect(song).ToContainTextAsync("The video lasts 0:32");
        await UiFixture.ScreenshotAsync(page, "mv-1-checkpoint");
        await form.CreateAsync();

        var projectId = Guid.Parse(page.Url[^36..]);
        // The project opens on its canvas, with the music video's own spine (a song map where a drama has its script).
        var canvas = new CanvasPage(page);
        await canvas.WaitForReadyAsync();
        await Expect(canvas.Node(ProjectGraphMapper.CheckpointKey)).ToContainTextAsync("Rooftop");
        await Expect(canvas.Node(ProjectGraphMapper.SongMapKey)).ToBeAttachedAsync();
        await Expect(canvas.NodesOfKind("script")).ToHaveCountAsync(0);
        await UiFixture.ViewportScreenshotAsync(page, "mv-2-canvas");
        var contexts = Ui.App.Services.GetRequiredService<IDbContextFactory<DreamXDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var project = await db.Projects.AsNoTracking().Include(p => p.Checkpoint).SingleAsync(p => p.Id == projectId);
        Assert.Equal(ProjectType.MusicMv, project.Type);
        Assert.Equal($"projects/{projectId:D}/audio/song.wav", project.Checkpoint!.SongKey);
        Assert.Equal(((double?)4.0, (double?)36.0, 32), (project.Checkpoint.ExcerptStartSeconds, project.Checkpoint.ExcerptEndSeconds, project.Checkpoint.EpisodeDurationSeconds));
        var analysis = SongIntake.ReadAnalysis(project.Checkpoint)!;
        Assert.InRange(analysis.Tempo, 118.5, 121.5);
        Assert.Contains(analysis.Sections, s => s.Energy == DreamX.Domain.MusicVideos.SongEnergy.High);
    }
}
