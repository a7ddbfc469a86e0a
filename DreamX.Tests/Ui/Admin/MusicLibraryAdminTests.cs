using System.Text.RegularExpressions;
using DreamX.Tests.Infrastructure.Assets;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

[Collection(UiCollection.Name)]
public sealed class MusicLibraryAdminTests(UiFixture ui) : UiTest(ui)
{
    private async Task<CatalogAdminPage> MusicPageAsync(string culture = "en-US")
    {
        var page = await Ui.NewPageAsync(culture);
        await (await new LoginPage(page).OpenAsync("/admin/music")).LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/music$"));
        var music = CatalogAdminPage.Music(page);
        await music.WaitForInteractiveAsync();
        return music;
    }

    [Fact]
    public async Task The_admin_uploads_a_track_and_sees_it_listed_with_its_duration()
    {
        var music = await MusicPageAsync();
        var title = $"Harbour Dawn {Guid.NewGuid().ToString("N")[..6]}";
        var wav = await MusicTrackCatalogTests.ToneWavAsync(12, "harbour.wav");

        await music.OpenNewEditorAsync();
        await music.FillAsync("title", title);
        await music.FillAsync("mood", "calm warm 温暖");
        await music.PickFileAsync("audio", wav.FileName, "audio/wav", wav.Content.ToArray());
        await Expect(music.UploadReady("audio")).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(music.Page, "admin-music-editor");
        await music.SaveAsync();

        await Expect(music.Editor).ToBeHiddenAsync();
        var row = music.Row(title);
        await Expect(row.GetByTestId("track-duration")).ToHaveTextAsync("0:12");
        await Expect(row.GetByTestId("track-player")).ToHaveAttributeAsync("src", new Regex("/media/assets/music/"));
        await UiFixture.ScreenshotAsync(music.Page, "admin-music");
    }

    [Fact]
    public async Task A_track_shorter_than_ten_seconds_is_refused_in_the_editor()
    {
        var music = await MusicPageAsync();
        var wav = await MusicTrackCatalogTests.ToneWavAsync(3, "blip.wav");

        await music.OpenNewEditorAsync();
        await music.FillAsync("title", "Too short");
        await music.PickFileAsync("audio", wav.FileName, "audio/wav", wav.Content.ToArray());
        await Expect(music.UploadReady("audio")).ToBeVisibleAsync();
        await music.SaveAsync();

        await Expect(music.EditorError).ToContainTextAsync("shorter than 10 seconds");
        await Expect(music.Editor).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_music_link_is_in_the_admin_menu_in_chinese()
    {
        var music = await MusicPageAsync("zh-CN");

        await Expect(music.Page.GetByTestId("nav-admin-music")).ToHaveTextAsync("音乐库");
        await UiFixture.ScreenshotAsync(music.Page, "admin-music-zh");
    }
}
