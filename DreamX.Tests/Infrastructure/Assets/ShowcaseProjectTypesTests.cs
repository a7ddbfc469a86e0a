using DreamX.Domain.Assets;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Notes;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.MusicVideos;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Production.Steps;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Infrastructure.Media.Music;
using DreamX.Tests.Support;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Assets;

/// <summary>
/// The showcase takes the studio's other project types, made by the whole studio on the built-in providers: an
/// image-text note (published as a copy of its pages and its post, paged through by a visitor, withdrawn by its creator)
/// and a music video's final render (published and played like a drama's episode).
/// </summary>
public sealed class ShowcaseProjectTypesTests(StudioApp app) : IClassFixture<StudioApp>, IAsyncLifetime
{
    private readonly StudioApp _app = app;
    private string _userId = "";
    private string _strangerId = "";
    private AsyncServiceScope _scope;

    public async Task InitializeAsync()
    {
        _scope = _app.Services.CreateAsyncScope();
        _userId = await RegisterAsync("publisher", credits: 2000);
        _strangerId = await RegisterAsync("stranger", credits: 0);
    }

    public async Task DisposeAsync() => await _scope.DisposeAsync();

    [Fact]
    public async Task A_note_is_published_as_a_copy_of_its_pages_a_visitor_reads_it_and_its_creator_withdraws_it()
    {
        var project = await CreateNoteAsync("zh-CN", "周末在家做低卡早餐，分享十分钟就能做好的食谱，新手也不会失败", pages: 2);
        await RunAsync(project.Id, ProductionStep.NoteOutline);
        await RunAsync(project.Id, ProductionStep.NotePages);
        var submissions = Service<ShowcaseSubmissions>();

        // Not finished (no post yet), not the stranger's, not a note: refused with the reason, nothing published.
        Assert.Equal(ShowcaseSubmissions.NoteNotReady, (await submissions.SubmitNoteAsync(_userId, project.Id, null, null)).Error);
        await RunAsync(project.Id, ProductionStep.NotePost);
        Assert.Equal(ShowcaseSubmissions.NoteNotFound, (await submissions.SubmitNoteAsync(_strangerId, project.Id, null, null)).Error);
        Assert.Null(await submissions.EntryOfNoteAsync(_userId, project.Id));

        var submitted = await submissions.SubmitNoteAsync(_userId, project.Id, null, "十分钟早餐");
        Assert.True(submitted.IsSuccess, submitted.Error);
        Assert.Equal(ShowcaseStatus.Pending, (await submissions.EntryOfNoteAsync(_userId, project.Id))!.Status);
        Assert.Equal(ShowcaseSubmissions.AlreadySubmitted, (await submissions.SubmitNoteAsync(_userId, project.Id, null, null)).Error);
        // Waiting for review: a visitor does not see it.
        Assert.DoesNotContain(await Service<ShowcaseCatalog>().ListApprovedAsync(CancellationToken.None), s => s.Id == submitted.Value.Id);
        Assert.True((await submissions.ReviewAsync(submitted.Value.Id, approve: true, adminId: "admin-1", note: null)).IsSuccess);

        List<NotePage> pages;
        NotePost post;
        await using (var db = _app.Database.CreateContext())
        {
            pages = await db.NotePages.AsNoTracking().Where(p => p.ProjectId == project.Id).OrderBy(p => p.Number).ToListAsync();
            post = await db.NotePosts.AsNoTracking().SingleAsync(p => p.ProjectId == project.Id);
        }
        // A visitor reads it: the post as written, titled after it, every page (cover first) a copy anyone may open.
        var shown = Assert.Single(await Service<ShowcaseCatalog>().ListApprovedAsync(CancellationToken.None), s => s.Id == submitted.Value.Id);
        var note = Assert.IsType<ShowcaseNote>(shown.Note);
        Assert.Equal((post.Title, post.Title, post.Body, "十分钟早餐"), (shown.Title, note.PostTitle, note.PostBody, shown.Description));
        Assert.Equal(post.Hashtags.ToArray(), note.Hashtags.ToArray());
        Assert.Null(shown.VideoKey);
        Assert.Equal(note.PageKeys[0], shown.CoverKey);
        Assert.Equal(pages.Count, note.PageKeys.Count);
        var urls = Service<MediaUrls>();
        for (var i = 0; i < pages.Count; i++)
        {
            var copy = ObjectKey.Parse(note.PageKeys[i]);
            Assert.Equal(ObjectKeyScope.Asset, copy.Scope);
            Assert.True((await urls.GetReadUrlAsync(copy, ObjectReader.Anonymous, CancellationToken.None)).IsSuccess);
            Assert.Equal(await ReadAsync(pages[i].ImageKey!), await ReadAsync(note.PageKeys[i]));
        }
        // The project's own pages stay private.
        Assert.True((await urls.GetReadUrlAsync(ObjectKey.Parse(pages[1].ImageKey!), ObjectReader.Anonymous, CancellationToken.None)).IsFailure);

        // The creator makes page 1 again: the project has a new picture, the showcase keeps the one it was published with.
        var before = await ReadAsync(pages[1].ImageKey!);
        Assert.True((await Service<NoteEdits>().EditPageAsync(_userId, project.Id, pages[1].Id,
            new NotePageEdit("早餐第一步", "燕麦加牛奶，三分钟", "一碗燕麦和一杯牛奶放在木桌上"))).IsSuccess);
        await RunAsync(project.Id, ProductionStep.NotePages, pages[1].Id);
        string remade;
        await using (var db = _app.Database.CreateContext())
            remade = (await db.NotePages.AsNoTracking().SingleAsync(p => p.Id == pages[1].Id)).ImageKey!;
        Assert.NotEqual(pages[1].ImageKey, remade);
        Assert.NotEqual(before, await ReadAsync(remade));
        var still = (await Service<ShowcaseCatalog>().FindAsync(shown.Id, CancellationToken.None))!;
        Assert.Equal(note.PageKeys, still.Note!.PageKeys);
        Assert.Equal(before, await ReadAsync(still.Note.PageKeys[1]));

        // Only its creator takes it out; then it is gone from the gallery with its copies, the project's pages untouched.
        Assert.Equal(ShowcaseSubmissions.NotFound, (await submissions.WithdrawAsync(_strangerId, shown.Id)).Error);
        Assert.Contains(await Service<ShowcaseCatalog>().ListApprovedAsync(CancellationToken.None), s => s.Id == shown.Id);
        Assert.True((await submissions.WithdrawAsync(_userId, shown.Id)).IsSuccess);
        Assert.DoesNotContain(await Service<ShowcaseCatalog>().ListApprovedAsync(CancellationToken.None), s => s.Id == shown.Id);
        Assert.Null(await submissions.EntryOfNoteAsync(_userId, project.Id));
        var storage = _app.Services.GetRequiredService<IObjectStorage>();
        foreach (var key in note.PageKeys)
            Assert.False(await storage.ExistsAsync(ObjectKey.Parse(key), CancellationToken.None), $"{key} outlived its showcase");
        Assert.True(await storage.ExistsAsync(ObjectKey.Parse(remade), CancellationToken.None));

        // Submitted again, it shows the note as it is now.
        var again = await submissions.SubmitNoteAsync(_userId, project.Id, "低卡早餐", null);
        Assert.True(again.IsSuccess, again.Error);
        Assert.Equal(await ReadAsync(remade), await ReadAsync(again.Value.Note!.PageKeys[1]));
    }

    [Fact]
    public async Task A_drama_project_has_no_note_to_submit()
    {
        var created = await Service<ProjectLibrary>().CreateAsync(_userId, new CheckpointInput
        {
            Title = "Drama " + Guid.NewGuid().ToString("N")[..6], Language = "en-US",
            Idea = "Two rival bakers are forced to share one tiny kitchen for a televised contest.",
        });
        Assert.True(created.IsSuccess, created.Error);

        Assert.Equal(ShowcaseSubmissions.NoteNotFound, (await Service<ShowcaseSubmissions>().SubmitNoteAsync(_userId, created.Value.Id, null, null)).Error);
    }

    [Fact]
    public async Task A_music_videos_final_render_is_published_and_plays_in_the_showcase_like_an_episode()
    {
        var (samples, _) = SongAnalyzerTests.ClickTrack(120, 24, 0.5, loudFrom: 8.5, loudTo: 16.5);
        var project = await CreateMusicVideoAsync(samples, "[00:02.00]天台的风\n[00:09.00]我在跳舞");
        await RunAsync(project.Id, ProductionStep.StoryBible);
        // Its bible is a visual concept written for the song: asked with the song's sections and the music-video prompt.
        await using (var db = _app.Database.CreateContext())
        {
            var task = await db.GenerationTasks.AsNoTracking().SingleAsync(t => t.ProjectId == project.Id && t.Type == GenerationTaskType.StoryBible);
            var input = StageJson.Deserialize<StageInput<StoryBibleContext>>(task.InputJson!).Value;
            Assert.NotNull(input.Context.Song);
            Assert.Contains(input.Context.Song.Sections, s => s.Energy == SongEnergy.High);
            Assert.Contains("visual concept", input.UserPrompt);
            var bible = await db.StoryBibles.AsNoTracking().SingleAsync(b => b.ProjectId == project.Id);
            Assert.Equal("音乐视频", bible.Genre);
            Assert.Matches(@"副歌 0:0\d–0:1\d（强）：近景", bible.Synopsis);
            Assert.Contains("120 BPM", bible.Tone);
        }
        foreach (var step in new[] { ProductionStep.SongMap, ProductionStep.MusicVideoShots, ProductionStep.ShotImages })
            await RunAsync(project.Id, step);
        await RunAsync(project.Id, ProductionStep.ComposeFinal, seconds: 300);

        CompositionRender render;
        await using (var db = _app.Database.CreateContext())
            render = await db.CompositionRenders.AsNoTracking()
                .Where(r => db.Compositions.Any(c => c.Id == r.CompositionId && c.ProjectId == project.Id) && r.Quality == RenderQuality.Final).SingleAsync();
        var submissions = Service<ShowcaseSubmissions>();
        Assert.Null(await submissions.EntryOfRenderAsync(_userId, render.Id));
        Assert.Equal(ShowcaseSubmissions.RenderNotFound, (await submissions.SubmitAsync(_strangerId, render.Id, null, null)).Error);

        var submitted = await submissions.SubmitAsync(_userId, render.Id, null, "A rooftop at night");
        Assert.True(submitted.IsSuccess, submitted.Error);
        Assert.True((await submissions.ReviewAsync(submitted.Value.Id, approve: true, adminId: "admin-1", note: null)).IsSuccess);
        Assert.Equal(ShowcaseStatus.Approved, (await submissions.EntryOfRenderAsync(_userId, render.Id))!.Status);

        // In the gallery as an episode is: its video (the song and the beat-cut pictures), cover and lyrics, for anyone.
        var shown = Assert.Single(await Service<ShowcaseCatalog>().ListApprovedAsync(CancellationToken.None), s => s.Id == submitted.Value.Id);
        Assert.Null(shown.Note);
        Assert.Equal(project.Title, shown.Title);
        Assert.Equal(await ReadAsync(render.VideoKey), await ReadAsync(shown.VideoKey!));
        Assert.NotNull(shown.CoverKey);
        var language = Assert.Single(shown.Languages);
        Assert.Equal("zh-CN", language.Language);
        Assert.Contains("我在跳舞", System.Text.Encoding.UTF8.GetString(await ReadAsync(language.SubtitlesKey!)));
        Assert.True((await Service<MediaUrls>().GetReadUrlAsync(ObjectKey.Parse(shown.VideoKey!), ObjectReader.Anonymous, CancellationToken.None)).IsSuccess);
        var file = Path.Combine(Path.GetTempPath(), $"dreamx-showcase-mv-{Guid.NewGuid():N}.mp4");
        try
        {
            await File.WriteAllBytesAsync(file, await ReadAsync(shown.VideoKey!));
            var probe = await FFMpegCore.FFProbe.AnalyseAsync(file);
            Assert.NotNull(probe.PrimaryVideoStream);
            Assert.Single(probe.AudioStreams);
            Assert.InRange(probe.Duration.TotalSeconds, 23.8, 24.2);
        }
        finally
        {
            File.Delete(file);
        }

        // Withdrawn by its creator, it leaves the gallery.
        Assert.True((await submissions.WithdrawAsync(_userId, shown.Id)).IsSuccess);
        Assert.DoesNotContain(await Service<ShowcaseCatalog>().ListApprovedAsync(CancellationToken.None), s => s.Id == shown.Id);
        Assert.Null(await submissions.EntryOfRenderAsync(_userId, render.Id));
    }

    private T Service<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    private async Task<string> RegisterAsync(string who, int credits)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .RegisterAsync($"{who}-{Guid.NewGuid():N}@example.com", "publish-it-please-1", who);
        Assert.True(user.IsSuccess, user.Error);
        if (credits > 0)
            await scope.ServiceProvider.GetRequiredService<ICreditLedger>()
                .PostAsync(user.Value.Id, CreditEntryKind.Purchased, credits, $"grant-{user.Value.Id}", "test credits");
        return user.Value.Id;
    }

    private async Task<Project> CreateNoteAsync(string language, string idea, int pages)
    {
        var created = await Service<ProjectLibrary>().CreateAsync(_userId, new CheckpointInput
        {
            Title = "Note " + Guid.NewGuid().ToString("N")[..6], Type = ProjectType.RedbookNote, Language = language,
            Idea = idea, NotePageCount = pages, NoteTone = "friendly",
        });
        Assert.True(created.IsSuccess, created.Error);
        return created.Value;
    }

    private Task<Project> CreateMusicVideoAsync(float[] samples, string lyrics) =>
        Production.MusicVideoPipelineTests.CreateRooftopAsync(_app.Services, _userId, samples, lyrics);

    private async Task<byte[]> ReadAsync(string key)
    {
        await using var stored = await _app.Services.GetRequiredService<IObjectStorage>().OpenReadAsync(ObjectKey.Parse(key), CancellationToken.None);
        Assert.NotNull(stored);
        using var buffer = new MemoryStream();
        await stored.Stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task RunAsync(Guid projectId, ProductionStep step, Guid? nodeId = null, int seconds = 120)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_userId, projectId, step, nodeId);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        await _app.Database.WaitSucceededAsync(queued.Value.Select(t => t.Id).ToList(), step.ToString(), seconds);
    }
}
