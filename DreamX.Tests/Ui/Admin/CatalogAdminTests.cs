using System.Diagnostics;
using System.Text.RegularExpressions;
using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

[Collection(UiCollection.Name)]
public sealed class CatalogAdminTests(UiFixture ui) : UiTest(ui)
{
    private async Task<IPage> AdminPageAsync(string returnUrl, string culture = "en-US", bool dark = false)
    {
        var page = await Ui.NewPageAsync(culture);
        if (dark)
            await page.Context.AddCookiesAsync([new() { Name = "dreamx.theme", Value = "dark", Url = Ui.App.BaseAddress.ToString() }]);
        await (await new LoginPage(page).OpenAsync(returnUrl)).LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(returnUrl) + "$"));
        return page;
    }

    [Fact]
    public async Task The_admin_creates_a_visual_style_with_a_sample_image_and_sees_it_listed()
    {
        var page = await AdminPageAsync("/admin/styles");
        var styles = CatalogAdminPage.Styles(page);
        await styles.WaitForInteractiveAsync();
        var title = $"Moonlit Harbor {Guid.NewGuid().ToString("N")[..6]}";

        await styles.OpenNewEditorAsync();
        await styles.FillAsync("title", title);
        await styles.FillAsync("type", "painterly");
        await styles.FillAsync("palette", "#101820 #F2AA4C #E8E2D0");
        await styles.PickFileAsync("sample", "harbor.png", "image/png", CatalogArtwork.RenderCard(title, "painterly", ["#101820", "#F2AA4C"]));
        await Expect(styles.UploadReady("sample")).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "admin-style-editor");
        await styles.SaveAsync();

        await Expect(styles.Editor).ToBeHiddenAsync();
        var row = styles.Row(title);
        await Expect(row).ToBeVisibleAsync();
        await Expect(row.Locator("img")).ToHaveAttributeAsync("src", new Regex("/media/assets/styles/"));
        await UiFixture.ScreenshotAsync(page, "admin-styles");
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_with_a_message_and_the_form_keeps_its_input()
    {
        var page = await AdminPageAsync("/admin/styles");
        var styles = CatalogAdminPage.Styles(page);
        await styles.WaitForInteractiveAsync();

        await styles.OpenNewEditorAsync();
        await styles.FillAsync("title", "Keeps its title");
        await styles.PickFileAsync("sample", "notes.png", "image/png", "plain text, not a picture"u8.ToArray());

        await Expect(styles.UploadError("sample")).ToContainTextAsync("This file type is not accepted: use PNG, JPG, WEBP.");
        await Expect(styles.Field("title")).ToHaveValueAsync("Keeps its title");
        await UiFixture.ScreenshotAsync(page, "admin-style-editor-wrong-file");
    }

    [Fact]
    public async Task A_style_titled_like_an_existing_one_is_refused_and_the_editor_stays_open()
    {
        var page = await AdminPageAsync("/admin/styles");
        var styles = CatalogAdminPage.Styles(page);
        await styles.WaitForInteractiveAsync();

        await styles.OpenNewEditorAsync();
        await styles.FillAsync("title", "anime · 日系动漫");
        await styles.SaveAsync();

        await Expect(styles.EditorError).ToHaveTextAsync("Another entry already has this title.");
        await Expect(styles.Field("title")).ToHaveValueAsync("anime · 日系动漫");
    }

    [Fact]
    public async Task A_creator_who_is_not_an_admin_is_refused_the_admin_styles_page()
    {
        var page = await Ui.NewPageAsync();
        await (await new RegisterPage(page).OpenAsync()).RegisterAsync($"creator-{Guid.NewGuid():N}@example.com", "night-shift-7");
        await Expect(page).ToHaveURLAsync(new Regex("/projects"));

        await page.GotoAsync("/admin/styles");

        await Expect(page.Locator("[data-testid='access-denied']")).ToBeVisibleAsync();
        await Expect(CatalogAdminPage.Styles(page).Table).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_voices_page_lists_the_seeded_voices_in_both_languages()
    {
        var page = await AdminPageAsync("/admin/voices", dark: true);
        var voices = CatalogAdminPage.Voices(page);

        await Expect(voices.Row("晓悦")).ToBeVisibleAsync();
        await Expect(voices.Row("Emma")).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "admin-voices-dark");
        await voices.WaitForInteractiveAsync();
        await voices.OpenNewEditorAsync();
        await UiFixture.ScreenshotAsync(page, "admin-voice-editor");
    }

    [Fact]
    public async Task The_showcases_page_lists_the_seeded_showcases_in_chinese()
    {
        var page = await AdminPageAsync("/admin/showcases");
        await page.GotoAsync("/culture/set?culture=zh-CN&returnUrl=%2Fadmin%2Fshowcases");
        var showcases = CatalogAdminPage.Showcases(page);

        await Expect(page.Locator("h1")).ToHaveTextAsync("作品管理");
        await Expect(showcases.Row("Midnight Express")).ToContainTextAsync("已通过");
        await UiFixture.ScreenshotAsync(page, "admin-showcases-zh");
    }

    [Fact]
    public async Task The_admin_deletes_a_style_after_confirming()
    {
        var title = $"Short-lived {Guid.NewGuid().ToString("N")[..6]}";
        var catalog = Ui.App.Services.GetRequiredService<VisualStyleCatalog>();
        await catalog.CreateAsync(new VisualStyleDraft(title, "test", "", "", ["#000000"]), null, CancellationToken.None);
        var page = await AdminPageAsync("/admin/styles");
        var styles = CatalogAdminPage.Styles(page);
        await styles.WaitForInteractiveAsync();

        await styles.DeleteAsync(title);

        await Expect(styles.Row(title)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_showcase_added_with_a_video_plays_in_the_public_gallery()
    {
        var title = $"Harbor Lights {Guid.NewGuid().ToString("N")[..6]}";
        var page = await AdminPageAsync("/admin/showcases");
        var showcases = CatalogAdminPage.Showcases(page);
        await showcases.WaitForInteractiveAsync();

        await showcases.OpenNewEditorAsync();
        await showcases.FillAsync("title", title);
        await showcases.FillAsync("description", "A lighthouse keeper's last night.");
        await showcases.PickFileAsync("cover", "cover.png", "image/png", CatalogArtwork.RenderCard(title, "Drama", ["#0B132B", "#F4D35E"]));
        await showcases.PickFileAsync("video", "clip.mp4", "video/mp4", await TinyMp4Async());
        await Expect(showcases.UploadReady("video")).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "admin-showcase-editor");
        await showcases.SaveAsync();
        await Expect(showcases.Row(title)).ToBeVisibleAsync();

        var gallery = await new GalleryPage(page).OpenAsync();
        await gallery.Card(title).Locator("[data-testid='gallery-play']").ClickAsync();

        await Expect(gallery.Player.Locator("video")).ToHaveAttributeAsync("src", new Regex("/media/assets/showcases/.+\\.mp4"));
        await UiFixture.ScreenshotAsync(page, "showcase-gallery-player");
    }

    /// <summary>One second of colour bars encoded by the real ffmpeg.</summary>
    private static async Task<byte[]> TinyMp4Async()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dreamx-clip-{Guid.NewGuid():N}.mp4");
        try
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg",
                ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=320x180:rate=12:duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", path])
            { RedirectStandardError = true })!;
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
