using DreamX.Tests.Infrastructure.Media.Music;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Projects;

/// <summary>
/// The overview's checkpoint card says what each type's checkpoint asked for: a note its pages, tone and format; a
/// music video its song (name, length), the part of it the video covers and its lyrics; not a drama's episodes.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ProjectOverviewTypesTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_notes_checkpoint_card_shows_its_pages_tone_and_format()
    {
        var page = await NewCreatorPageAsync("overview-note", "Noter");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.ChooseTypeAsync("RedbookNote");
        await form.FillAsync("Dark flat plants", "Keeping houseplants alive in a dark apartment, with cheap tricks that actually work");
        await page.Locator("input[data-testid='checkpoint-note-pages'], [data-testid='checkpoint-note-pages'] input").First.FillAsync("5");
        await form.CreateAsync();

        var card = await OverviewCardAsync(page);
        await Expect(card.Locator("[data-testid='checkpoint-note-pages']")).ToHaveTextAsync("A cover and 5 pages");
        await Expect(card.Locator("[data-testid='checkpoint-note-tone']")).ToHaveTextAsync("Friendly");
        await Expect(card).ToContainTextAsync("1080×1440");
        await Expect(card).ToContainTextAsync("Topic");
        await Expect(card.Locator("[data-testid='checkpoint-episodes']")).ToHaveCountAsync(0);
        // "Improve my idea" writes a drama's brief: a note's topic has its own outline step.
        await Expect(page.Locator("[data-testid='checkpoint-improve']")).ToHaveCountAsync(0);
        await card.ScrollIntoViewIfNeededAsync();
        await UiFixture.ViewportScreenshotAsync(page, "overview-checkpoint-note");
    }

    [Fact]
    public async Task A_music_videos_checkpoint_card_shows_its_song_excerpt_and_lyrics()
    {
        var page = await NewCreatorPageAsync("overview-mv", "Singer");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.ChooseTypeAsync("MusicMv");
        await form.FillAsync("Rooftop", "夏夜的城市天台，霓虹和晚风，一个人在风里跳舞");
        var (samples, _) = SongAnalyzerTests.ClickTrack(120, 24, 0.5, loudFrom: 8.5, loudTo: 16.5);
        await page.Locator("[data-testid='checkpoint-song']").Locator("input[type=file]").Last
            .SetInputFilesAsync(new FilePayload { Name = "rooftop.wav", MimeType = "audio/wav", Buffer = SongAnalyzerTests.Wav(samples) });
        await Expect(page.Locator("[data-testid='checkpoint-song-summary']")).ToContainTextAsync("120 BPM", new() { Timeout = 60_000 });
        await page.Locator("textarea[data-testid='checkpoint-lyrics'], [data-testid='checkpoint-lyrics'] textarea").First
            .FillAsync("[00:01.00]天台的风\n[00:09.00]霓虹在闪\n[00:17.00]我在跳舞");
        await form.CreateAsync();

        var card = await OverviewCardAsync(page);
        await Expect(card.Locator("[data-testid='checkpoint-song']")).ToHaveTextAsync("rooftop.wav");
        await Expect(card.Locator("[data-testid='checkpoint-song-length']")).ToHaveTextAsync("0:24 long");
        await Expect(card.Locator("[data-testid='checkpoint-excerpt']")).ToHaveTextAsync("The whole song");
        await Expect(card.Locator("[data-testid='checkpoint-lyrics']")).ToHaveTextAsync("3 lines with their times (LRC)");
        await Expect(card.Locator("[data-testid='checkpoint-episodes']")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid='checkpoint-improve']")).ToHaveCountAsync(0);
        await card.ScrollIntoViewIfNeededAsync();
        await UiFixture.ViewportScreenshotAsync(page, "overview-checkpoint-mv");
    }

    private static async Task<ILocator> OverviewCardAsync(IPage page)
    {
        await new ProjectDetailsPage(page).OpenFromCanvasAsync();
        var card = page.Locator("[data-testid='checkpoint-card']");
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
        return card;
    }
}
