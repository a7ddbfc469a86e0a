using DreamX.Domain.Projects;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Projects;

/// <summary>
/// Two people on one project: each sees the other's presence, the editor generates and the owner sees it arrive live;
/// a viewer sees the canvas without a Generate or edit button.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ProjectPresenceTests(UiFixture ui) : UiTest(ui)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 60_000 };

    [Fact]
    public async Task Owner_and_editor_see_each_other_and_the_editors_work_live_and_a_viewer_only_looks()
    {
        var (owner, ownerId, _) = await RegisterAsync("owner", "Olivia");
        var (editor, editorId, editorEmail) = await RegisterAsync("editor", "Eddie");
        var (viewer, viewerId, viewerEmail) = await RegisterAsync("viewer", "Vera");
        Guid projectId;
        await using (var scope = Ui.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DreamX.Domain.Credits.ICreditLedger>()
                .PostAsync(ownerId, DreamX.Domain.Credits.CreditEntryKind.Purchased, 500, $"grant-{ownerId}", "test credits");
            var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(ownerId, new CheckpointInput
            {
                Title = "Together " + Guid.NewGuid().ToString("N")[..6], Language = "en-US", EpisodeDurationSeconds = 20,
                Idea = "Two rival bakers are forced to share one tiny kitchen for a televised contest.",
            });
            projectId = created.Value.Id;
            var members = scope.ServiceProvider.GetRequiredService<ProjectMembers>();
            Assert.True((await members.InviteAsync(ownerId, projectId, editorEmail, ProjectRole.Editor)).IsSuccess);
            Assert.True((await members.InviteAsync(ownerId, projectId, viewerEmail, ProjectRole.Viewer)).IsSuccess);
        }

        var ownerCanvas = await new CanvasPage(owner).OpenAsync(projectId);
        await ownerCanvas.WaitForReadyAsync();
        var editorCanvas = await new CanvasPage(editor).OpenAsync(projectId);
        await editorCanvas.WaitForReadyAsync();

        // Each sees the other, with their role.
        await Expect(Present(owner, editorId)).ToHaveAttributeAsync("data-role", "Editor", Slow);
        await Expect(Present(editor, ownerId)).ToHaveAttributeAsync("data-role", "Owner", Slow);
        await Expect(Present(owner, editorId)).ToContainTextAsync("Eddie");

        // The editor generates; the owner's canvas shows the story bible arrive without a reload.
        await editorCanvas.GenerateAsync(editorCanvas.CardGenerate(ProjectGraphMapper.CheckpointKey), confirm: false);
        await Expect(ownerCanvas.Node(ProjectGraphMapper.StoryBibleKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await UiFixture.ViewportScreenshotAsync(owner, "presence-owner-sees-editor");

        // A viewer: the canvas without a Generate button, a panel without forms; the others see them come.
        var viewerCanvas = await new CanvasPage(viewer).OpenAsync(projectId);
        await viewerCanvas.WaitForReadyAsync();
        await Expect(viewerCanvas.Node(ProjectGraphMapper.StoryBibleKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);
        await Expect(viewer.Locator("[data-testid='canvas-read-only']")).ToBeVisibleAsync();
        await Expect(viewer.Locator("[data-testid='canvas-viewer-notice']")).ToContainTextAsync("not generate or edit");
        await UiFixture.ViewportScreenshotAsync(viewer, "presence-viewer-header");
        await Expect(viewer.Locator("[data-action='generate'], [data-action='next'], [data-action='retry']")).ToHaveCountAsync(0);
        await viewerCanvas.OpenPanelAsync(ProjectGraphMapper.StoryBibleKey);
        await Expect(viewerCanvas.Panel.Locator("[data-testid='node-actions']")).ToHaveCountAsync(0);
        await Expect(viewerCanvas.Panel.Locator("[data-testid='viewer-notice']")).ToBeVisibleAsync();
        await Expect(viewerCanvas.Panel.Locator("[data-testid='node-form-save']")).ToHaveCountAsync(0);
        await Expect(Present(owner, viewerId)).ToHaveAttributeAsync("data-role", "Viewer", Slow);
        await UiFixture.ViewportScreenshotAsync(viewer, "presence-viewer-read-only");

        // The editor leaves: gone from the owner's canvas at the owner's next beat (a beat racing the close times out).
        await editor.CloseAsync();
        await Expect(Present(owner, editorId)).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        await Expect(Present(owner, viewerId)).ToHaveCountAsync(1);
    }

    private static ILocator Present(IPage page, string userId) =>
        page.Locator($"[data-testid='canvas-present-user'][data-user-id='{userId}']");

    private async Task<(IPage Page, string UserId, string Email)> RegisterAsync(string who, string nickname)
    {
        var page = await Ui.NewPageAsync();
        var email = $"{who}-{Guid.NewGuid():N}@example.com";
        await (await new RegisterPage(page).OpenAsync()).RegisterAsync(email, "night-shift-7", nickname);
        await page.WaitForAddressAsync("/projects");
        await using var db = Ui.App.Database.CreateContext();
        return (page, await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(), email);
    }
}
