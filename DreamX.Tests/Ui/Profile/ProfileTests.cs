using DreamX.Tests.Infrastructure.Users;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.Playwright;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Profile;

[Collection(UiCollection.Name)]
public sealed class ProfileTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_creator_changes_the_nickname_and_uploads_an_avatar()
    {
        var page = await Ui.NewPageAsync();
        var register = await new RegisterPage(page).OpenAsync();
        await register.RegisterAsync($"ava-{Guid.NewGuid():N}@example.com", "night-shift-7", "Ava");
        await page.WaitForAddressAsync("/projects");
        var profile = await new ProfilePage(page).OpenAsync();

        await profile.Nickname.FillAsync("Ava the Director");
        await profile.SaveAsync();
        await profile.UploadAvatarAsync("face.png", "image/png", CreatorProfilesTests.Picture(400, 300, SKEncodedImageFormat.Png));

        await Expect(profile.AvatarImage).ToBeVisibleAsync();
        await page.ReloadAsync();
        await profile.WaitForInteractiveAsync();
        await Expect(profile.Nickname).ToHaveValueAsync("Ava the Director");
        await Expect(profile.AvatarImage).ToBeVisibleAsync();
        await UiFixture.ScreenshotAsync(page, "profile");
    }

    [Fact]
    public async Task A_file_that_is_not_a_picture_is_refused_with_a_message()
    {
        var page = await Ui.NewPageAsync();
        var register = await new RegisterPage(page).OpenAsync();
        await register.RegisterAsync($"bo-{Guid.NewGuid():N}@example.com", "night-shift-7", "Bo");
        await page.WaitForAddressAsync("/projects");
        var profile = await new ProfilePage(page).OpenAsync();

        await profile.UploadAvatarAsync("notes.png", "image/png", "not a picture at all"u8.ToArray());

        await Expect(profile.AvatarError).ToContainTextAsync("not a picture we can read");
        await Expect(profile.AvatarImage).ToHaveCountAsync(0);
        await UiFixture.ScreenshotAsync(page, "profile-avatar-error");
    }
}
