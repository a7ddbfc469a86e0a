using System.Text.Json.Nodes;
using DreamX.Domain.Characters;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Characters;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Production.Steps;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Infrastructure.Providers.Routing;
using DreamX.Domain.Generation.Stages;
using DreamX.Tests.Support.FakeOpenAi;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Characters;

/// <summary>
/// Characters' reference sheets in the whole studio (engine, Quartz, storage): a shot with two characters in it shows both
/// characters' pictures to a model that takes references, in the OpenAI images edit shape and in Ark's Seedream shape; a
/// locked look survives regenerating the cast; the sheet's extras are checked and capped.
/// </summary>
public sealed class CharacterReferenceSheetTests(StudioApp app) : IClassFixture<StudioApp>, IAsyncLifetime
{
    private readonly StudioApp _app = app;
    private string _userId = "";

    public async Task InitializeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .RegisterAsync($"casting-{Guid.NewGuid():N}@example.com", "make-a-drama-1", "Casting");
        _userId = user.Value.Id;
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>()
            .PostAsync(_userId, CreditEntryKind.Purchased, 5000, $"grant-{_userId}", "test credits");
    }

    public async Task DisposeAsync()
    {
        // The providers a test configured must not route the next test's pictures.
        await using var db = CreateContext();
        await db.ProviderConfigs.Where(p => p.Kind != ProviderKind.Builtin).ExecuteDeleteAsync();
        _app.Services.GetRequiredService<ProviderCatalog>().Invalidate();
    }

    [Fact]
    public async Task A_shot_with_two_characters_sends_both_reference_sheets_as_image_files_to_the_images_edit_call()
    {
        await using var fake = await FakeReferenceImageServer.StartAsync(ReferenceTestPictures.Solid(720, 1280, SKColors.DarkSlateBlue));
        var (projectId, shotId, first, second) = await TwoCharacterShotAsync();
        var extra = await AddExtraAsync(projectId, first.Id, SKColors.Goldenrod);
        // A provider that draws better but takes no references, and one that takes them: the frame goes to the second.
        await AddProviderAsync("words-only", ProviderKind.OpenAICompatible, fake.OpenAiBaseUrl, references: false, quality: 9);
        await AddProviderAsync("with-references", ProviderKind.OpenAICompatible, fake.OpenAiBaseUrl, references: true, quality: 2);

        var task = await RunAsync(projectId, ProductionStep.ShotImages, shotId);

        var call = Assert.Single(fake.Calls);
        Assert.Equal("/v1/images/edits", call.Path);
        Assert.Equal("gpt-image-test", call.Fields["model"]);
        Assert.Equal("720x1280", call.Fields["size"]);
        Assert.False(string.IsNullOrWhiteSpace(call.Fields["prompt"]));
        Assert.All(call.Files, f => Assert.Equal("image[]", f.Name));
        // The first character's portrait, then its extra, then the second character's portrait: the bytes stored for them.
        var expected = new[] { await StoredAsync(first.PortraitKey!), await StoredAsync(extra), await StoredAsync(second.PortraitKey!) };
        Assert.Equal(expected.Length, call.Files.Count);
        for (var i = 0; i < expected.Length; i++)
            Assert.Equal(expected[i], call.Files[i].Content);
        Assert.Equal(new[] { "image/png", "image/jpeg", "image/png" }, call.Files.Select(f => f.ContentType));
        Assert.Contains(first.Name.Split(' ')[0], call.Files[0].FileName);
        Assert.Equal("with-references", task.Provider);
        Assert.Equal(3, StageJson.Deserialize<MediaResult>(task.ResultJson!).Value.ReferenceImages);
    }

    [Fact]
    public async Task A_shot_with_two_characters_sends_both_reference_sheets_as_data_urls_in_the_Ark_image_list()
    {
        await using var fake = await FakeReferenceImageServer.StartAsync(ReferenceTestPictures.Solid(720, 1280, SKColors.DarkOliveGreen));
        var (projectId, shotId, first, second) = await TwoCharacterShotAsync();
        var extra = await AddExtraAsync(projectId, second.Id, SKColors.Crimson);
        await AddProviderAsync("seedream", ProviderKind.VolcengineArk, fake.ArkBaseUrl, references: true, quality: 5);

        var task = await RunAsync(projectId, ProductionStep.ShotImages, shotId);

        var call = Assert.Single(fake.Calls);
        Assert.Equal("/api/v3/images/generations", call.Path);
        var body = Assert.IsAssignableFrom<JsonObject>(call.Json);
        Assert.Equal("gpt-image-test", (string?)body["model"]);
        Assert.Equal("b64_json", (string?)body["response_format"]);
        Assert.False((bool)body["watermark"]!);
        Assert.Equal("720x1280", (string?)body["size"]);
        Assert.NotNull(body["seed"]);
        var images = Assert.IsType<JsonArray>(body["image"]).Select(i => (string)i!).ToList();
        var expected = new[] { await StoredAsync(first.PortraitKey!), await StoredAsync(second.PortraitKey!), await StoredAsync(extra) };
        Assert.Equal(expected.Length, images.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var type = i == 2 ? "image/jpeg" : "image/png";
            Assert.StartsWith($"data:{type};base64,", images[i]);
            Assert.Equal(expected[i], Convert.FromBase64String(images[i][(images[i].IndexOf(',') + 1)..]));
        }
        Assert.DoesNotContain("/media/", call.Json!.ToJsonString());
        Assert.Equal("seedream", task.Provider);
        Assert.Equal(3, StageJson.Deserialize<MediaResult>(task.ResultJson!).Value.ReferenceImages);
    }

    [Fact]
    public async Task A_locked_look_keeps_its_portrait_and_appearance_when_the_cast_is_regenerated()
    {
        var projectId = await CreateProjectAsync("Two rival bakers named Mia and Theo are forced to share one tiny kitchen for a televised contest.");
        await RunAsync(projectId, ProductionStep.StoryBible);
        await RunAsync(projectId, ProductionStep.Characters);
        await RunAsync(projectId, ProductionStep.Portraits);
        Character locked, open;
        await using (var db = CreateContext())
        {
            var cast = await db.Characters.Where(c => c.ProjectId == projectId).OrderBy(c => c.SortOrder).ToListAsync();
            (locked, open) = (cast[0], cast[1]);
            // Both looks drift from what the writer would say; only the locked one must keep its drift.
            locked.Appearance = "silver hair in a bun, round glasses, flour-dusted blue apron";
            open.Appearance = "a look the writer never wrote";
            await db.SaveChangesAsync();
        }
        var references = _app.Services.GetRequiredService<ICharacterReferences>();
        Assert.True((await references.SetLookLockedAsync(_userId, projectId, locked.Id, true)).IsSuccess);

        await RunAsync(projectId, ProductionStep.Characters);
        await using var scope = _app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        var portraits = await production.GenerateAsync(_userId, projectId, ProductionStep.Portraits);
        var lockedAlone = await production.GenerateAsync(_userId, projectId, ProductionStep.Portraits, locked.Id);

        await using var check = CreateContext();
        var lockedNow = await check.Characters.AsNoTracking().SingleAsync(c => c.Id == locked.Id);
        var openNow = await check.Characters.AsNoTracking().SingleAsync(c => c.Id == open.Id);
        Assert.Equal("silver hair in a bun, round glasses, flour-dusted blue apron", lockedNow.Appearance);
        Assert.Equal(locked.PortraitKey, lockedNow.PortraitKey);
        Assert.True(lockedNow.LookLocked);
        Assert.NotEqual("a look the writer never wrote", openNow.Appearance);
        Assert.True(portraits.IsSuccess, portraits.Error);
        Assert.DoesNotContain(portraits.Value, t => t.TargetId == locked.Id);
        Assert.Contains(portraits.Value, t => t.TargetId == open.Id);
        Assert.Equal(ProductionRequests.LookLocked, lockedAlone.Error);
    }

    [Fact]
    public async Task A_sheet_holds_at_most_three_extras_and_a_picked_shot_is_copied_onto_it()
    {
        var (projectId, shotId, first, _) = await TwoCharacterShotAsync();
        var references = _app.Services.GetRequiredService<ICharacterReferences>();

        var picked = await references.AddFromShotAsync(_userId, projectId, first.Id, shotId);
        await AddExtraAsync(projectId, first.Id, SKColors.Coral);
        await AddExtraAsync(projectId, first.Id, SKColors.Chocolate);
        var fourth = await references.AddUploadAsync(_userId, projectId, first.Id, ReferenceTestPictures.Solid(512, 512, SKColors.Aqua));
        var strangers = await references.AddUploadAsync("someone-else", projectId, first.Id, ReferenceTestPictures.Solid(512, 512, SKColors.Aqua));

        Assert.True(picked.IsSuccess, picked.Error);
        Assert.Equal(CharacterReferences.Full, fourth.Error);
        Assert.Equal(CharacterReferences.NotFound, strangers.Error);
        await using var db = CreateContext();
        var shot = await db.Shots.AsNoTracking().SingleAsync(s => s.Id == shotId);
        Assert.NotEqual(shot.ImageKey, picked.Value);
        Assert.Equal(await StoredAsync(shot.ImageKey!), await StoredAsync(picked.Value));
        var sheet = Assert.Single(await references.SheetsAsync([first.Id]));
        Assert.Equal(3, sheet.ExtraKeys.Count);
        Assert.Equal(first.PortraitKey, sheet.ImageKeys[0]);
        Assert.Equal(4, sheet.ImageKeys.Count);

        var removed = await references.RemoveAsync(_userId, projectId, first.Id, picked.Value);
        Assert.True(removed.IsSuccess, removed.Error);
        Assert.False(await _app.Services.GetRequiredService<IObjectStorage>().ExistsAsync(ObjectKey.Parse(picked.Value), CancellationToken.None));
    }

    [Fact]
    public async Task A_portrait_regenerated_from_the_same_seed_is_the_same_picture_and_a_new_seed_draws_anew()
    {
        var projectId = await CreateProjectAsync("A night-shift nurse named Lena discovers that her quiet patient is the heir the whole city is hunting for.");
        await RunAsync(projectId, ProductionStep.StoryBible);
        await RunAsync(projectId, ProductionStep.Characters);
        await RunAsync(projectId, ProductionStep.Portraits);
        Character lena;
        await using (var db = CreateContext())
            lena = await db.Characters.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.SortOrder).FirstAsync();
        var before = await StoredAsync(lena.PortraitKey!);
        Assert.Equal(CharacterSeed.FromKey(lena.Key), lena.Seed);

        var again = await RunAsync(projectId, ProductionStep.Portraits, lena.Id);
        var sameSeed = await StoredAsync(StageJson.Deserialize<MediaResult>(again.ResultJson!).Value.Key);
        var references = _app.Services.GetRequiredService<ICharacterReferences>();
        Assert.True((await references.SetSeedAsync(_userId, projectId, lena.Id, lena.Seed!.Value + 1)).IsSuccess);
        var reseeded = await RunAsync(projectId, ProductionStep.Portraits, lena.Id);
        var newSeed = await StoredAsync(StageJson.Deserialize<MediaResult>(reseeded.ResultJson!).Value.Key);

        Assert.Equal(before, sameSeed);
        Assert.NotEqual(before, newSeed);
    }

    /// <summary>A project with a cast, portraits and shot images (built-in providers), and its first shot given two characters.</summary>
    private async Task<(Guid ProjectId, Guid ShotId, Character First, Character Second)> TwoCharacterShotAsync()
    {
        var projectId = await CreateProjectAsync("Two rival bakers named Mia and Theo are forced to share one tiny kitchen for a televised contest.");
        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Portraits, ProductionStep.Scripts, ProductionStep.ShotLists })
            await RunAsync(projectId, step);
        await using var db = CreateContext();
        var cast = await db.Characters.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.SortOrder).Take(2).ToListAsync();
        var graph = (await ProductionGraph.LoadAsync(db, projectId, _userId, CancellationToken.None))!;
        var shot = graph.Shots.First();
        shot.CharacterKeys = [cast[0].Key, cast[1].Key];
        await db.SaveChangesAsync();
        await RunAsync(projectId, ProductionStep.ShotImages, shot.Id);
        return (projectId, shot.Id, cast[0], cast[1]);
    }

    private async Task<string> AddExtraAsync(Guid projectId, Guid characterId, SKColor colour)
    {
        var added = await _app.Services.GetRequiredService<ICharacterReferences>()
            .AddUploadAsync(_userId, projectId, characterId, ReferenceTestPictures.Solid(640, 800, colour, SKEncodedImageFormat.Webp));
        Assert.True(added.IsSuccess, added.Error);
        return added.Value;
    }

    private async Task AddProviderAsync(string name, ProviderKind kind, string baseUrl, bool references, int quality)
    {
        var saved = await _app.Services.GetRequiredService<ProviderSettings>().SaveAsync(new ProviderEdit
        {
            Name = name, Kind = kind, BaseUrl = baseUrl, NewApiKey = "sk-test", Image = true, ImageModel = "gpt-image-test",
            AcceptsReferenceImages = references, QualityScore = quality, SpeedScore = 5,
        }, CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error);
    }

    private async Task<byte[]> StoredAsync(string key)
    {
        await using var content = await _app.Services.GetRequiredService<IObjectStorage>().OpenReadAsync(ObjectKey.Parse(key), CancellationToken.None);
        Assert.NotNull(content);
        using var buffer = new MemoryStream();
        await content.Stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    private async Task<Guid> CreateProjectAsync(string idea)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(_userId, new CheckpointInput
        {
            Title = "Casting " + Guid.NewGuid().ToString("N")[..6],
            Type = ProjectType.SingleEpisode,
            Language = "en-US",
            Idea = idea,
            EpisodeDurationSeconds = 60,
        });
        Assert.True(created.IsSuccess, created.Error);
        return created.Value.Id;
    }

    /// <summary>Queues <paramref name="step"/> (for one node when given) and waits for its tasks; returns the last one.</summary>
    private async Task<GenerationTask> RunAsync(Guid projectId, ProductionStep step, Guid? nodeId = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_userId, projectId, step, nodeId);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        var ids = queued.Value.Select(t => t.Id).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            await using var db = CreateContext();
            var tasks = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).ToListAsync();
            var failed = tasks.FirstOrDefault(t => t.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled);
            Assert.True(failed is null, $"{step}: {failed?.Type} failed: {failed?.Error}");
            if (tasks.Count == ids.Count && tasks.All(t => t.Status == GenerationTaskStatus.Succeeded))
                return tasks[^1];
            Assert.True(DateTime.UtcNow < deadline, $"{step} did not finish: {string.Join(", ", tasks.Select(t => t.Status))}");
            await Task.Delay(100);
        }
    }

    private DreamXDbContext CreateContext() => _app.Database.CreateContext();
}
