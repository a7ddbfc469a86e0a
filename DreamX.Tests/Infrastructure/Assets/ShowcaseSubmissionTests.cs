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

    [Fact]
    public async Task A_showcase_offers_every_finished_language_of_the_episode_each_with_its_video_and_subtitles()
    {
        var creator = await EngineUser.CreateAsync(Database, credits: 0);
        string own;
        await using (var db = Database.CreateContext())
            own = db.Checkpoints.Single(c => c.ProjectId == creator.ProjectId).Language;
        var version = own == "en-US" ? "zh-CN" : "en-US";
        var episode = new Episode { ProjectId = creator.ProjectId, Number = 1, Title = "One" };
        var composition = new Composition { ProjectId = creator.ProjectId, EpisodeId = episode.Id };
        async Task<CompositionRender> Stored(int number, RenderQuality quality, string? language)
        {
            var video = ObjectKey.ForProject(creator.ProjectId, "renders", $"{Guid.NewGuid():N}.mp4");
            var subtitles = ObjectKey.ForProject(creator.ProjectId, "renders", $"{Guid.NewGuid():N}.srt");
            await Storage.PutAsync(video, new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"video-{number}")), "video/mp4", CancellationToken.None);
            await Storage.PutAsync(subtitles, new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"srt-{number}")), "application/x-subrip", CancellationToken.None);
            return new CompositionRender
            {
                CompositionId = composition.Id, Version = number, Quality = quality, Language = language, VideoKey = video.Value, SubtitlesKey = subtitles.Value,
            };
        }
        // The episode's own final (v1), the version's final (v2), the version's newer preview (v3: not finished), the own final again (v4).
        var renders = new[] { await Stored(1, RenderQuality.Final, null), await Stored(2, RenderQuality.Final, version),
            await Stored(3, RenderQuality.Preview, version), await Stored(4, RenderQuality.Final, null) };
        await using (var db = Database.CreateContext())
        {
            db.Episodes.Add(episode);
            db.Compositions.Add(composition);
            db.CompositionRenders.AddRange(renders);
            await db.SaveChangesAsync();
        }

        var submitted = await Submissions.SubmitAsync(creator.UserId, renders[3].Id, "Two languages", null);
        Assert.True(submitted.IsSuccess, submitted.Error);
        await Submissions.ReviewAsync(submitted.Value.Id, approve: true, adminId: "admin-1", note: null);

        var shown = Assert.Single(await Catalog.ListApprovedAsync(CancellationToken.None));
        Assert.Equal([own, version], shown.Languages.Select(l => l.Language).ToArray());
        Assert.Equal(shown.VideoKey, shown.Languages[0].VideoKey);
        // Each language's own video and subtitles, copied where anyone may read them.
        foreach (var (language, expected) in new[] { (shown.Languages[0], 4), (shown.Languages[1], 2) })
        {
            Assert.Equal($"video-{expected}", await ReadAsync(language.VideoKey));
            Assert.Equal($"srt-{expected}", await ReadAsync(language.SubtitlesKey!));
            Assert.True(ObjectAccessPolicy.CanRead(ObjectKey.Parse(language.SubtitlesKey!), ObjectReader.Anonymous, projectOwnerId: null));
        }
    }

    private async Task<string> ReadAsync(string key)
    {
        await using var content = await Storage.OpenReadAsync(ObjectKey.Parse(key), CancellationToken.None);
        Assert.NotNull(content);
        return System.Text.Encoding.UTF8.GetString(ReadAll(content.Stream));
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
