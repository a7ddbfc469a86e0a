using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Identity;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Admin;

[Collection(UiCollection.Name)]
public sealed class ShowcaseSubmissionFlowTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task A_submitted_episode_approved_by_an_admin_plays_for_a_logged_out_visitor()
    {
        var title = $"Harbour lights {Guid.NewGuid():N}"[..24];
        await SubmitAsCreatorAsync(title);

        var admin = await Ui.NewPageAsync();
        await (await new LoginPage(admin).OpenAsync("/admin/showcases")).LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        var row = admin.Locator("[data-testid='showcase-title']", new() { HasText = title }).Locator("xpath=ancestor::tr");
        await Expect(row.Locator("[data-testid='showcase-status-chip']")).ToHaveTextAsync("Pending");
        await UiFixture.ScreenshotAsync(admin, "admin-showcase-pending");
        await row.Locator("[data-testid='showcase-approve']").ClickAsync();
        await Expect(row.Locator("[data-testid='showcase-status-chip']")).ToHaveTextAsync("Approved");

        var visitor = await Ui.NewPageAsync();
        var gallery = await new GalleryPage(visitor).OpenAsync();
        await gallery.Card(title).Locator("[data-testid='gallery-play']").ClickAsync();

        var video = gallery.Player.Locator("video");
        await Expect(video).ToBeVisibleAsync();
        var response = await visitor.APIRequest.GetAsync(await video.GetAttributeAsync("src") ?? "");
        Assert.Equal(200, response.Status);
        await UiFixture.ScreenshotAsync(visitor, "showcase-submitted-playing");
    }

    private async Task SubmitAsCreatorAsync(string title)
    {
        await using var scope = Ui.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var creator = new ApplicationUser { UserName = $"creator-{Guid.NewGuid():N}@example.com", Email = $"creator-{Guid.NewGuid():N}@example.com" };
        Assert.True((await users.CreateAsync(creator, "night-shift-7")).Succeeded);
        var project = Project.Create(creator.Id, new CheckpointInput { Title = "Harbour" });
        var episode = new Episode { ProjectId = project.Id, Number = 1, Title = "One" };
        var composition = new Composition { ProjectId = project.Id, EpisodeId = episode.Id };
        var videoKey = ObjectKey.ForProject(project.Id, "renders", "final-1.mp4");
        await scope.ServiceProvider.GetRequiredService<IObjectStorage>()
            .PutAsync(videoKey, new MemoryStream(new byte[2048]), "video/mp4", CancellationToken.None);
        var coverKey = ObjectKey.ForProject(project.Id, "renders", "final-1.png");
        await scope.ServiceProvider.GetRequiredService<IObjectStorage>()
            .PutAsync(coverKey, new MemoryStream(CatalogArtwork.RenderCard(title, "final", ["#223344", "#aa6633"])), "image/png", CancellationToken.None);
        var render = new CompositionRender
        {
            CompositionId = composition.Id, Version = 1, Quality = RenderQuality.Final, VideoKey = videoKey.Value, CoverKey = coverKey.Value,
        };
        await using (var db = Ui.App.Database.CreateContext())
        {
            db.Projects.Add(project);
            db.Episodes.Add(episode);
            db.Compositions.Add(composition);
            db.CompositionRenders.Add(render);
            await db.SaveChangesAsync();
        }
        var submitted = await scope.ServiceProvider.GetRequiredService<ShowcaseSubmissions>().SubmitAsync(creator.Id, render.Id, title, "Episode one.");
        Assert.True(submitted.IsSuccess, submitted.Error);
    }
}
