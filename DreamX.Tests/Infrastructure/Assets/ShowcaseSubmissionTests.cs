using DreamX.Domain.Assets;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Assets;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Assets;

[Collection(DatabaseCollection.Name)]
public sealed class ShowcaseSubmissionTests(PostgresDatabase database) : CatalogTestBed(database)
{
    private ShowcaseSubmissions Submissions => new(Database.ContextFactory, Storage, TimeProvider.System);

    private ShowcaseCatalog Catalog => new(Database.ContextFactory, Media, TimeProvider.System);

    [Fact]
    public async Task A_submitted_and_approved_episode_is_in_the_public_gallery_with_a_video_anyone_may_read()
    {
        var creator = await EngineUser.CreateAsync(Database, credits: 0);
        var render = await RenderAsync(creator, RenderQuality.Final);

        var submitted = await Submissions.SubmitAsync(creator.UserId, render.Id, "Harbour lights", "Episode one.");
        var pendingInGallery = await Catalog.ListApprovedAsync(CancellationToken.None);
        await Submissions.ReviewAsync(submitted.Value.Id, approve: true, adminId: "admin-1", note: null);

        Assert.Empty(pendingInGallery);
        var shown = Assert.Single(await Catalog.ListApprovedAsync(CancellationToken.None));
        Assert.Equal(("Harbour lights", creator.UserId), (shown.Title, shown.SubmittedBy));
        var video = ObjectKey.Parse(shown.VideoKey!);
        Assert.True(ObjectAccessPolicy.CanRead(video, ObjectReader.Anonymous, projectOwnerId: null));
        await using var content = await Storage.OpenReadAsync(video, CancellationToken.None);
        Assert.Equal("final-video"u8.ToArray(), ReadAll(content!.Stream));
    }

    [Fact]
    public async Task A_preview_render_cannot_be_submitted()
    {
        var creator = await EngineUser.CreateAsync(Database, credits: 0);
        var render = await RenderAsync(creator, RenderQuality.Preview);

        var result = await Submissions.SubmitAsync(creator.UserId, render.Id, null, null);

        Assert.Equal(ShowcaseSubmissions.NotFinal, result.Error);
    }

    [Fact]
    public async Task Someone_elses_render_cannot_be_submitted()
    {
        var creator = await EngineUser.CreateAsync(Database, credits: 0);
        var stranger = await EngineUser.CreateAsync(Database, credits: 0);
        var render = await RenderAsync(creator, RenderQuality.Final);

        var result = await Submissions.SubmitAsync(stranger.UserId, render.Id, null, null);

        Assert.Equal(ShowcaseSubmissions.RenderNotFound, result.Error);
    }

    [Fact]
    public async Task An_episode_waiting_for_review_is_not_submitted_twice()
    {
        var creator = await EngineUser.CreateAsync(Database, credits: 0);
        var render = await RenderAsync(creator, RenderQuality.Final);
        await Submissions.SubmitAsync(creator.UserId, render.Id, null, null);

        var again = await Submissions.SubmitAsync(creator.UserId, render.Id, null, null);

        Assert.Equal(ShowcaseSubmissions.AlreadySubmitted, again.Error);
    }

    [Fact]
    public async Task A_rejected_showcase_stays_out_of_the_gallery_and_cannot_be_reviewed_again()
    {
        var creator = await EngineUser.CreateAsync(Database, credits: 0);
        var render = await RenderAsync(creator, RenderQuality.Final);
        var submitted = await Submissions.SubmitAsync(creator.UserId, render.Id, null, null);

        await Submissions.ReviewAsync(submitted.Value.Id, approve: false, adminId: "admin-1", note: "Too short");
        var approveLater = await Submissions.ReviewAsync(submitted.Value.Id, approve: true, adminId: "admin-1", note: null);

        Assert.Equal(ShowcaseSubmissions.NotPending, approveLater.Error);
        Assert.Empty(await Catalog.ListApprovedAsync(CancellationToken.None));
    }

    private async Task<CompositionRender> RenderAsync(EngineUser creator, RenderQuality quality)
    {
        var episode = new Episode { ProjectId = creator.ProjectId, Number = 1, Title = "One" };
        var composition = new Composition { ProjectId = creator.ProjectId, EpisodeId = episode.Id };
        var videoKey = ObjectKey.ForProject(creator.ProjectId, "renders", $"{Guid.NewGuid():N}.mp4");
        await Storage.PutAsync(videoKey, new MemoryStream("final-video"u8.ToArray()), "video/mp4", CancellationToken.None);
        var render = new CompositionRender { CompositionId = composition.Id, Version = 1, Quality = quality, VideoKey = videoKey.Value };
        await using var db = Database.CreateContext();
        db.Episodes.Add(episode);
        db.Compositions.Add(composition);
        db.CompositionRenders.Add(render);
        await db.SaveChangesAsync();
        return render;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
