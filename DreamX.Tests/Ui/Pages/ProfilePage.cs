using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Pages;

public sealed class ProfilePage(IPage page) : StudioPage(page)
{
    public async Task<ProfilePage> OpenAsync()
    {
        await Page.GotoAsync("/profile");
        await WaitForInteractiveAsync();
        await TestId("profile-avatar-card").WaitForAsync();
        return this;
    }

    public ILocator Nickname => Input("profile-nickname");
    public ILocator AvatarImage => TestId("profile-avatar-image");
    public ILocator AvatarError => TestId("profile-avatar-error");

    public async Task SaveAsync()
    {
        await TestId("profile-save").ClickAsync();
        await Page.Locator(".mud-snackbar").Filter(new() { HasText = "Profile saved." }).WaitForAsync();
    }

    public async Task UploadAvatarAsync(string name, string mimeType, byte[] content) =>
        await Page.Locator("[data-testid='profile-avatar-card'] input[type=file]").SetInputFilesAsync(
            new FilePayload { Name = name, MimeType = mimeType, Buffer = content });
}
