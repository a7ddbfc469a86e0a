using System.Text.RegularExpressions;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

[Collection(UiCollection.Name)]
public sealed class ShowcaseGalleryTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task An_anonymous_visitor_sees_the_approved_showcases_without_signing_in()
    {
        var page = await Ui.NewPageAsync();

        var gallery = await new GalleryPage(page).OpenAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/showcase$"));
        await Expect(gallery.CardTitles.Filter(new() { HasText = "Midnight Express" })).ToBeVisibleAsync();
        await Expect(gallery.Cards.First.Locator("img")).ToHaveAttributeAsync("src", new Regex("/media/assets/showcases/"));
        await UiFixture.ScreenshotAsync(page, "showcase-gallery");
    }

    [Fact]
    public async Task The_gallery_speaks_chinese_in_dark_mode()
    {
        var page = await Ui.NewPageAsync("zh-CN");
        await page.Context.AddCookiesAsync([new() { Name = "dreamx.theme", Value = "dark", Url = Ui.App.BaseAddress.ToString() }]);
        await page.GotoAsync("/culture/set?culture=zh-CN&returnUrl=%2Fshowcase");
        var gallery = new GalleryPage(page);
        await gallery.WaitForInteractiveAsync();

        await Expect(page.Locator("h1")).ToHaveTextAsync("作品展示");
        await Expect(gallery.CardTitles.Filter(new() { HasText = "霓虹雨夜" })).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "showcase-gallery-zh-dark");
    }
}
