using DreamX.Tests.Support;
using System.IO.Compression;
using System.Text;
using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Notes;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Media.Notes;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>The whole studio (engine, Quartz, PostgreSQL, built-in providers) making an image-text note and exporting it.</summary>
public sealed class NotePipelineTests(StudioApp app) : IClassFixture<StudioApp>, IAsyncLifetime
{
    private readonly StudioApp _app = app;
    private string _userId = "";

    public async Task InitializeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .RegisterAsync($"noter-{Guid.NewGuid():N}@example.com", "make-a-note-1", "Noter");
        _userId = user.Value.Id;
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>()
            .PostAsync(_userId, CreditEntryKind.Purchased, 2000, $"grant-{_userId}", "test credits");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_note_is_outlined_drawn_posted_and_exported_on_the_built_in_providers()
    {
        var project = await CreateNoteAsync("zh-CN", "周末在家做低卡早餐，分享十分钟就能做好的食谱，新手也不会失败", pages: 3);

        await RunAsync(project.Id, ProductionStep.NoteOutline);
        await RunAsync(project.Id, ProductionStep.NotePages);
        await RunAsync(project.Id, ProductionStep.NotePost);

        // The project page's board lists the note's own steps, each done: one outline, the cover and three pages, one post.
        await using (var boardScope = _app.Services.CreateAsyncScope())
        {
            var board = StepStatus.Of((await boardScope.ServiceProvider.GetRequiredService<StageProduction>().LoadAsync(_userId, project.Id))!);
            Assert.Equal([(ProductionStep.NoteOutline, 1), (ProductionStep.NotePages, 4), (ProductionStep.NotePost, 1)], board.Select(s => (s.Step, s.Done)));
            Assert.All(board, s => Assert.Equal((NodeState.Ready, s.Done), (s.State, s.Total)));
        }

        await using var db = CreateContext();
        var note = await db.Notes.AsNoTracking().Include(n => n.Pages).SingleAsync(n => n.ProjectId == project.Id);
        Assert.Equal(NodeState.Ready, note.State);
        Assert.Equal([0, 1, 2, 3], note.Pages.OrderBy(p => p.Number).Select(p => p.Number).ToArray());
        Assert.Equal(note.Hook, note.Pages.Single(p => p.IsCover).Heading);
        Assert.All(note.Pages, p => Assert.Equal(NodeState.Ready, p.State));
        var storage = _app.Services.GetRequiredService<IObjectStorage>();
        foreach (var page in note.Pages)
        {
            var bytes = await ReadAsync(storage, page.ImageKey!);
            using var bitmap = SKBitmap.Decode(bytes);
            Assert.Equal((1080, 1440), (bitmap.Width, bitmap.Height));
            Assert.Equal(0xD8, bytes[1]);
        }
        var post = await db.NotePosts.AsNoTracking().SingleAsync(p => p.ProjectId == project.Id);
        Assert.Empty(NoteRules.ValidatePost(post.Title, post.Body, post.Hashtags));
        Assert.Equal(ProjectStage.Compose, (await db.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id)).Stage);

        // Priced like the other stages: one outline, four pages and one post, at their prices.
        var charged = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == project.Id).SumAsync(t => t.CreditsCharged);
        var expected = 2 * DefaultCreditPrices.For(GenerationTaskType.NoteOutline, GenerationQuality.Standard)
                       + 4 * DefaultCreditPrices.For(GenerationTaskType.NotePage, GenerationQuality.Standard);
        Assert.Equal(expected, charged);

        await using var scope = _app.Services.CreateAsyncScope();
        var exported = await scope.ServiceProvider.GetRequiredService<NoteExport>().ExportAsync(_userId, project.Id);
        Assert.True(exported.IsSuccess, exported.Error);
        using var archive = new ZipArchive(new MemoryStream(await ReadAsync(storage, exported.Value.Value)), ZipArchiveMode.Read);
        Assert.Equal(["01.jpg", "02.jpg", "03.jpg", "04.jpg", "post.txt"], archive.Entries.Select(e => e.FullName).ToArray());
        using var text = new StreamReader(archive.GetEntry("post.txt")!.Open(), Encoding.UTF8);
        var postText = await text.ReadToEndAsync();
        Assert.StartsWith(post.Title + "\n\n", postText);
        Assert.Contains("#" + post.Hashtags[0], postText);
        // Unchanged note, same file.
        Assert.Equal(exported.Value, (await scope.ServiceProvider.GetRequiredService<NoteExport>().ExportAsync(_userId, project.Id)).Value);
    }

    [Fact]
    public async Task One_page_is_regenerated_alone_after_its_text_was_edited()
    {
        var project = await CreateNoteAsync("en-US", "Keeping houseplants alive in a dark apartment, with cheap tricks that actually work", pages: 2);
        await RunAsync(project.Id, ProductionStep.NoteOutline);
        await RunAsync(project.Id, ProductionStep.NotePages);

        NotePage page;
        await using (var db = CreateContext())
            page = await db.NotePages.AsNoTracking().SingleAsync(p => p.ProjectId == project.Id && p.Number == 2);
        await using var scope = _app.Services.CreateAsyncScope();
        var edits = scope.ServiceProvider.GetRequiredService<NoteEdits>();
        Assert.Equal("note.heading_too_long", (await edits.EditPageAsync(_userId, project.Id, page.Id, new NotePageEdit(new string('x', 25), "", "a plant"))).Error);
        Assert.True((await edits.EditPageAsync(_userId, project.Id, page.Id, new NotePageEdit("2. Water less", "Once a week is plenty", "a watering can by a window"))).IsSuccess);
        await using (var db = CreateContext())
            Assert.Equal(NodeState.Stale, (await db.NotePages.AsNoTracking().SingleAsync(p => p.Id == page.Id)).State);

        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        var quote = await production.QuoteAsync(_userId, project.Id, ProductionStep.NotePages, page.Id);
        Assert.Equal(1, quote.Value.TaskCount);
        Assert.Equal(DefaultCreditPrices.For(GenerationTaskType.NotePage, GenerationQuality.Standard), quote.Value.Credits);
        await RunAsync(project.Id, ProductionStep.NotePages, page.Id);

        await using var check = CreateContext();
        var pages = await check.NotePages.AsNoTracking().Where(p => p.ProjectId == project.Id).ToListAsync();
        var redone = pages.Single(p => p.Id == page.Id);
        Assert.Equal(NodeState.Ready, redone.State);
        Assert.NotEqual(page.ImageKey, redone.ImageKey);
        Assert.Equal("2. Water less", redone.Heading);
        Assert.Equal(2, await check.GenerationTasks.CountAsync(t => t.ProjectId == project.Id && t.Type == GenerationTaskType.NotePage && t.TargetId != page.Id));
    }

    [Fact]
    public async Task A_note_refuses_drama_stages_and_a_drama_refuses_note_stages()
    {
        var note = await CreateNoteAsync("zh-CN", "第一次一个人去云南旅行，大理和丽江怎么安排最省钱", pages: 2);
        await using var scope = _app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();

        Assert.Equal(ProductionRequests.OnlyForDramas, (await production.GenerateAsync(_userId, note.Id, ProductionStep.StoryBible)).Error);
        Assert.Equal(ProductionRequests.OnlyForDramas, (await production.GenerateAsync(_userId, note.Id, ProductionStep.ImproveIdea)).Error);
        Assert.Equal(ProductionRequests.NeedsOutline, (await production.GenerateAsync(_userId, note.Id, ProductionStep.NotePages)).Error);
        Assert.Equal(NoteExport.NoPages, (await scope.ServiceProvider.GetRequiredService<NoteExport>().ExportAsync(_userId, note.Id)).Error);

        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(_userId, new CheckpointInput
        {
            Title = "Drama " + Guid.NewGuid().ToString("N")[..6], Language = "en-US",
            Idea = "Two rival bakers are forced to share one tiny kitchen for a televised contest.",
        });
        Assert.Equal(ProductionRequests.NotANote, (await production.GenerateAsync(_userId, created.Value.Id, ProductionStep.NoteOutline)).Error);
        await using var db = CreateContext();
        Assert.Equal(0, await db.GenerationTasks.CountAsync(t => t.ProjectId == note.Id || t.ProjectId == created.Value.Id));
    }

    private async Task<Project> CreateNoteAsync(string language, string idea, int pages)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(_userId, new CheckpointInput
        {
            Title = "Note " + Guid.NewGuid().ToString("N")[..6],
            Type = ProjectType.RedbookNote,
            Language = language,
            Idea = idea,
            NotePageCount = pages,
            NoteTone = "friendly",
        });
        Assert.True(created.IsSuccess, created.Error);
        return created.Value;
    }

    private static async Task<byte[]> ReadAsync(IObjectStorage storage, string key)
    {
        await using var stored = await storage.OpenReadAsync(ObjectKey.Parse(key), CancellationToken.None);
        Assert.NotNull(stored);
        using var buffer = new MemoryStream();
        await stored.Stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task RunAsync(Guid projectId, ProductionStep step, Guid? nodeId = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_userId, projectId, step, nodeId);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        var ids = queued.Value.Select(t => t.Id).ToList();
        await _app.Database.WaitSucceededAsync(ids, step.ToString(), 120);
    }

    private DreamXDbContext CreateContext() => _app.Database.CreateContext();
}
