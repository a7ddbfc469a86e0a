using System.Diagnostics;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Tests.Infrastructure.Media.Compose;
using DreamX.Tests.Support;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Projects;

/// <summary>The members dialog on the canvas, and a share link opened by someone logged out, then revoked.</summary>
[Collection(UiCollection.Name)]
public sealed class ProjectSharingTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task The_owner_invites_an_editor_and_shares_a_link_that_works_logged_out_until_revoked()
    {
        var (owner, ownerId, _) = await RegisterAsync("owner");
        var (_, memberId, memberEmail) = await RegisterAsync("editor");
        var projectId = await SeedFinishedEpisodeAsync(ownerId);

        // The members dialog from the canvas header: invite by e-mail as editor.
        await owner.GotoAsync($"/projects/{projectId}");
        await Expect(owner.Locator("[data-testid='canvas-members']")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await owner.Locator("[data-testid='canvas-members']").ClickAsync();
        var dialog = owner.Locator("[data-testid='members-dialog']");
        await Expect(dialog).ToBeVisibleAsync();
        await Input(dialog, "invite-email").FillAsync("nobody-" + Guid.NewGuid().ToString("N")[..6] + "@example.com");
        await dialog.Locator("[data-testid='invite-viewer']").ClickAsync();
        await Expect(dialog.Locator("[data-testid='members-error']")).ToContainTextAsync("No registered user");
        await Input(dialog, "invite-email").FillAsync(memberEmail);
        await dialog.Locator("[data-testid='invite-editor']").ClickAsync();
        await Expect(dialog.Locator($"[data-testid='member-row'][data-email='{memberEmail}']")).ToHaveAttributeAsync("data-role", "Editor");
        await using (var db = Ui.App.Database.CreateContext())
            Assert.Equal(DreamX.Infrastructure.Projects.ProjectRole.Editor,
                (await db.Set<DreamX.Infrastructure.Projects.ProjectMember>().SingleAsync(m => m.ProjectId == projectId && m.UserId == memberId)).Role);

        // A read-only link for a week.
        await dialog.Locator("[data-testid='share-create']").ClickAsync();
        var shareUrl = await Input(dialog, "share-url").InputValueAsync();
        Assert.StartsWith(StudioApp.PublicUrl + "/share/", shareUrl);
        await UiFixture.ViewportScreenshotAsync(owner, "members-dialog");

        // Opened logged out, in a browser of its own: the finished episode and the storyboard.
        var visitor = await Ui.NewPageAsync();
        await visitor.GotoAsync(new Uri(shareUrl).PathAndQuery);
        await Expect(visitor.Locator("[data-testid='shared-title']")).ToHaveTextAsync("Shared Lighthouse");
        await Expect(visitor.Locator("[data-testid='shared-video']")).ToHaveCountAsync(1);
        await Expect(visitor.Locator("[data-testid='shared-shot']")).ToHaveCountAsync(3);
        await Expect(visitor.Locator("[data-testid='shared-shot'] img").First).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await visitor.Locator("[data-testid='shared-shot'] img").First.EvaluateAsync<int>("i => i.naturalWidth") > 0, "the storyboard picture loads");
        await UiFixture.ScreenshotAsync(visitor, "share-page");

        // Revoked in the dialog: the next load of the link is refused.
        await dialog.Locator("[data-testid='share-revoke']").ClickAsync();
        await Expect(dialog.Locator("[data-testid='share-link-row']")).ToHaveAttributeAsync("data-active", "false");
        await visitor.ReloadAsync();
        await Expect(visitor.Locator("[data-testid='shared-not-found']")).ToBeVisibleAsync();
        await Expect(visitor.Locator("[data-testid='shared-project']")).ToHaveCountAsync(0);
    }

    private static ILocator Input(ILocator within, string id) =>
        within.Locator($"[data-testid='{id}'] input, input[data-testid='{id}']").First;

    private async Task<(IPage Page, string UserId, string Email)> RegisterAsync(string who)
    {
        var page = await Ui.NewPageAsync();
        var email = $"{who}-{Guid.NewGuid():N}@example.com";
        await (await new RegisterPage(page).OpenAsync()).RegisterAsync(email, "night-shift-7", who);
        await page.WaitForAddressAsync("/projects");
        await using var db = Ui.App.Database.CreateContext();
        return (page, await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(), email);
    }

    /// <summary>A project with one episode of three shots with pictures and a final render.</summary>
    private async Task<Guid> SeedFinishedEpisodeAsync(string ownerId)
    {
        var graph = SampleProjectGraph.Build(ownerId, characters: 1, episodes: 1, scenesPerEpisode: 1, shotsPerScene: 3);
        graph.Project.Rename("Shared Lighthouse");
        var storage = Ui.App.Services.GetRequiredService<IObjectStorage>();
        var folder = Path.Combine(Path.GetTempPath(), "dreamx-share-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var shots = graph.Episodes[0].Scenes[0].Shots;
            for (var i = 0; i < shots.Count; i++)
            {
                var still = Path.Combine(folder, $"shot{i + 1}.png");
                SampleEpisode.WriteStill(still, i + 1, 270, 480);
                var key = ObjectKey.ForProject(graph.Project.Id, ProjectAreas.Images, $"shot{i + 1}.png");
                await using (var file = File.OpenRead(still))
                    await storage.PutAsync(key, file, "image/png", CancellationToken.None);
                shots[i].ImageKey = key.Value;
            }

            var video = Path.Combine(folder, "episode.mp4");
            var ffmpeg = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
            foreach (var argument in new[] { "-v", "error", "-f", "lavfi", "-i", "testsrc=size=270x480:rate=12:duration=1", "-pix_fmt", "yuv420p", video })
                ffmpeg.ArgumentList.Add(argument);
            using (var process = Process.Start(ffmpeg)!)
            {
                await process.WaitForExitAsync();
                Assert.Equal(0, process.ExitCode);
            }
            var videoKey = ObjectKey.ForProject(graph.Project.Id, ProjectAreas.Renders, "episode.mp4");
            await using (var file = File.OpenRead(video))
                await storage.PutAsync(videoKey, file, "video/mp4", CancellationToken.None);
            var composition = graph.Compositions[0];
            composition.Renders.Add(new CompositionRender
            {
                CompositionId = composition.Id, Version = 1, Quality = RenderQuality.Final, VideoKey = videoKey.Value, DurationSeconds = 1, Width = 270, Height = 480,
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await using var db = Ui.App.Database.CreateContext();
        await SampleProjectGraph.SaveAsync(db, graph);
        return graph.Project.Id;
    }
}
