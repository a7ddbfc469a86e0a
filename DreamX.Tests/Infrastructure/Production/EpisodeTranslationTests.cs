using DreamX.Tests.Support;
using System.Text.RegularExpressions;
using DreamX.Domain.Characters;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Domain.Canvas;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Infrastructure.Providers.Routing;
using DreamX.Tests.Infrastructure.Providers.OpenAICompatible;
using DreamX.Tests.Support.FakeOpenAi;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>
/// A Chinese episode made on the built-in providers becomes an English one: a translation task queued, priced per line
/// and charged like every Generate, translated lines (the built-in translates the lines it wrote and names the rest),
/// English voices by gender and age, edits kept, a line longer than its shot lengthening it, and a compose (real ffmpeg
/// and espeak-ng) whose subtitles are the English lines; a translation that fails gives its credits back and says why.
/// On PostgreSQL.
/// </summary>
public sealed partial class EpisodeTranslationTests(StudioApp app) : IClassFixture<StudioApp>, IAsyncLifetime
{
    private readonly StudioApp _app = app;
    private string _ownerId = "";
    private string _editorId = "";
    private string _viewerId = "";

    public async Task InitializeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        _ownerId = (await accounts.RegisterAsync($"translator-{Guid.NewGuid():N}@example.com", "translate-it-1", "Owner")).Value.Id;
        _editorId = (await accounts.RegisterAsync($"editor-{Guid.NewGuid():N}@example.com", "translate-it-1", "Editor")).Value.Id;
        _viewerId = (await accounts.RegisterAsync($"viewer-{Guid.NewGuid():N}@example.com", "translate-it-1", "Viewer")).Value.Id;
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>()
            .PostAsync(_ownerId, CreditEntryKind.Purchased, 5000, $"grant-{_ownerId}", "test credits");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_chinese_episode_is_translated_voiced_and_composed_in_english()
    {
        var project = await MakeChineseEpisodeAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var translations = scope.ServiceProvider.GetRequiredService<EpisodeTranslations>();
        Guid episodeId;
        List<Shot> shots;
        List<Character> cast;
        await using (var db = CreateContext())
        {
            episodeId = (await db.Episodes.AsNoTracking().SingleAsync(e => e.ProjectId == project.Id)).Id;
            shots = await db.Shots.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync();
            cast = await db.Characters.AsNoTracking().Where(c => c.ProjectId == project.Id).ToListAsync();
        }

        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        Assert.Equal(EpisodeTranslations.SameLanguage, (await production.TranslateAsync(_ownerId, episodeId, "zh-CN")).Error);
        Assert.Equal(EpisodeTranslations.UnsupportedLanguage, (await production.TranslateAsync(_ownerId, episodeId, "fr-FR")).Error);

        // The quote: the type's price per spoken line (each translated and voiced), nothing queued yet.
        var spoken = shots.Where(s => s.SpokenLine is { Text.Length: > 0 }).ToList();
        var quote = (await translations.QuoteAsync(_ownerId, episodeId, "en-US")).Value;
        Assert.Null(quote.Blocker);
        Assert.Equal(spoken.Count, quote.Lines);
        Assert.Equal(spoken.Count * await PricePerLineAsync(), quote.Credits);
        Assert.True(quote.Credits > 0);
        Assert.Empty(await translations.WorkAsync(_ownerId, episodeId));

        // "Translate to…" queues one task on the engine; the same click again at once is answered with that task.
        var wallet = scope.ServiceProvider.GetRequiredService<ICreditLedger>();
        var before = await wallet.GetBalanceAsync(_ownerId);
        var queued = await production.TranslateAsync(_ownerId, episodeId, "en-US");
        Assert.True(queued.IsSuccess, queued.Error);
        Assert.Equal(GenerationTaskType.TranslateScript, queued.Value.Type);
        Assert.Equal(quote.Credits, queued.Value.CreditsReserved);
        Assert.Equal(queued.Value.Id, (await production.TranslateAsync(_ownerId, episodeId, "en-US")).Value.Id);
        await _app.Database.WaitSucceededAsync([queued.Value.Id], "translation", 300);

        // Charged the quote on success, once; the version's work says it is done.
        await using (var db = CreateContext())
        {
            var task = await db.GenerationTasks.AsNoTracking().SingleAsync(t => t.Id == queued.Value.Id);
            Assert.Equal(quote.Credits, task.CreditsCharged);
            Assert.Equal(1, await db.GenerationTasks.CountAsync(t => t.ProjectId == project.Id && t.Type == GenerationTaskType.TranslateScript));
            Assert.Equal(EpisodeTranslations.VersionId(episodeId, "en-US"), task.TargetId);
        }
        var after = await wallet.GetBalanceAsync(_ownerId);
        Assert.Equal((before.Balance - quote.Credits, before.Reserved), (after.Balance, after.Reserved));
        var work = Assert.Single(await translations.WorkAsync(_ownerId, episodeId));
        Assert.Equal(("en-US", GenerationTaskStatus.Succeeded, quote.Credits, (TaskFailureReason?)null), (work.Language, work.Status, work.Credits, work.Reason));

        var view = (await translations.GetAsync(_ownerId, episodeId, "en-US")).Value;
        // A first version moves the episode's switch to it.
        Assert.True((await translations.LanguagesAsync(_ownerId, project.Id))[episodeId].Single(l => l.Language == "en-US").IsChosen);

        // One line per spoken shot, each next to its original, the built-in named as the translator.
        Assert.Equal(spoken.Count, view.Lines.Count);
        Assert.StartsWith("builtin/", view.TranslatedBy);
        Assert.All(view.Lines, l => Assert.Equal(spoken.Single(s => s.Id == l.ShotId).SpokenLine!.Text, l.Original));
        // The lines it wrote from its templates are English now; what it did not write it says it could not translate.
        // (The built-in's lines that carry the idea's own words, its object and its relation, have no counterpart: it has no
        // dictionary, so a short episode told from the idea has few lines it can translate.)
        var done = view.Lines.Where(l => !l.Untranslated).ToList();
        Assert.True(done.Count >= 1, "the built-in translated none of the lines it wrote: " + string.Join(" | ", view.Lines.Select(l => l.Original)));
        Assert.All(done, l => Assert.Matches("[A-Za-z]{3,}", l.Text));
        // (Names stay as they are: a Chinese name in an English line is the character's name.)
        Assert.All(done, l => Assert.DoesNotMatch(Chinese(), WithoutNames(l.Text, cast)));
        Assert.Equal(view.Lines.Count(l => l.Untranslated), view.Untranslated);
        Assert.All(view.Lines.Where(l => l.Untranslated), l => Assert.Equal(l.Original, l.Text));

        // Every speaker has an English voice of their gender (the library has both), every line is voiced.
        await using (var db = CreateContext())
        {
            var english = await db.Voices.AsNoTracking().Where(v => v.Language == "en-US").ToListAsync();
            foreach (var voice in view.Voices)
            {
                var chosen = english.Single(v => v.Id == voice.VoiceId);
                if (cast.FirstOrDefault(c => c.Key == voice.CharacterKey) is { Gender: Gender.Female or Gender.Male } speaker)
                    Assert.Equal(speaker.Gender, chosen.Gender);
            }
        }
        Assert.True(view.IsVoiced);
        Assert.All(view.Lines, l => Assert.True(l.AudioSeconds > 0));

        // The creator writes the lines the built-in could not translate, and makes one far longer than its shot.
        var edited = view;
        foreach (var line in view.Lines.Where(l => l.Untranslated))
        {
            var saved = await translations.EditLineAsync(_ownerId, episodeId, "en-US", line.ShotId, $"This is line {line.Number}, written by hand.");
            Assert.True(saved.IsSuccess, saved.Error);
            edited = saved.Value;
        }
        var longLine = view.Lines[0];
        const string Long = "I have waited for this moment for ten long years, and now that it is finally here, I find I have nothing left to say to you at all. "
                            + "Every night I walked past your window and every morning I told myself that today would be the day I finally knocked on your door, "
                            + "and every single time I turned around and went home again, because I was afraid that you would not remember my name or my face.";
        edited = (await translations.EditLineAsync(_ownerId, episodeId, "en-US", longLine.ShotId, Long)).Value;
        var flagged = edited.Lines.Single(l => l.ShotId == longLine.ShotId);
        Assert.True(flagged.Edited);
        Assert.True(flagged.LengthensShotBy > 0, $"a {flagged.AudioSeconds} s line in a {flagged.ShotSeconds} s shot is not flagged");
        Assert.Equal(0, edited.Untranslated);
        Assert.Equal(EpisodeTranslations.TextRequired, (await translations.EditLineAsync(_ownerId, episodeId, "en-US", longLine.ShotId, "  ")).Error);

        // Translating again (a new request: the creator edited since) keeps the creator's lines.
        var again = await TranslateAsync(_ownerId, episodeId, "en-US");
        Assert.Equal(Long, again.Value.Lines.Single(l => l.ShotId == longLine.ShotId).Text);
        Assert.Equal(0, again.Value.Untranslated);

        // The switch on the episode: the compose renders the English version over the same pictures.
        Assert.True((await translations.ChooseAsync(_ownerId, episodeId, "en-US")).IsSuccess);
        var languages = (await translations.LanguagesAsync(_ownerId, project.Id))[episodeId];
        Assert.Equal(["zh-CN", "en-US"], languages.Select(l => l.Language).ToArray());
        Assert.True(languages.Single(l => l.Language == "en-US").IsChosen);
        await RunAsync(project.Id, ProductionStep.ComposePreview, seconds: 600);

        await using (var db = CreateContext())
        {
            var composition = await db.Compositions.AsNoTracking().Include(c => c.Renders).SingleAsync(c => c.EpisodeId == episodeId);
            var render = Assert.Single(composition.Renders);
            Assert.Equal("en-US", render.Language);
            var srt = await ReadTextAsync(render.SubtitlesKey!);
            Assert.Contains(Long, srt.ReplaceLineEndings(" "));
            var cueLines = srt.Split('\n').Where(l => l.Length > 0 && !char.IsAsciiDigit(l[0])).ToList();
            Assert.Equal(again.Value.Lines.Count, cueLines.Count);
            Assert.All(cueLines, l => Assert.DoesNotMatch(Chinese(), WithoutNames(l, cast)));
            // Every picture of the episode is the episode's own: the version made none.
            Assert.Equal(shots.Count, await db.Shots.CountAsync(s => s.ProjectId == project.Id));
            // The long line is not cut: its cue lasts as long as its voice.
            var flaggedAudio = (double)again.Value.Lines.Single(l => l.ShotId == longLine.ShotId).AudioSeconds!.Value;
            var cue = CueOf(srt, Long);
            Assert.InRange(cue.End - cue.Start, flaggedAudio - 0.05, flaggedAudio + 0.05);
            Assert.True(render.DurationSeconds > 0);
        }

        // Dual-language subtitles: the English line over the Chinese one.
        Assert.True((await translations.SetDualSubtitlesAsync(_ownerId, episodeId, "en-US", true)).IsSuccess);
        await RunAsync(project.Id, ProductionStep.ComposePreview, seconds: 600);
        await using (var db = CreateContext())
        {
            var render = await db.CompositionRenders.AsNoTracking().Where(r => r.Language == "en-US").OrderByDescending(r => r.Version).FirstAsync();
            var srt = await ReadTextAsync(render.SubtitlesKey!);
            Assert.Contains(Long + "\n" + longLine.Original, srt.ReplaceLineEndings("\n"));
        }
    }

    [Fact]
    public async Task Roles_decide_who_translates_edits_and_looks()
    {
        var project = await MakeChineseEpisodeAsync(stopAfterScripts: true);
        await using var scope = _app.Services.CreateAsyncScope();
        var members = scope.ServiceProvider.GetRequiredService<ProjectMembers>();
        await using (var db = CreateContext())
        {
            var editor = await db.Users.AsNoTracking().SingleAsync(u => u.Id == _editorId);
            var viewer = await db.Users.AsNoTracking().SingleAsync(u => u.Id == _viewerId);
            Assert.True((await members.InviteAsync(_ownerId, project.Id, editor.Email!, ProjectRole.Editor)).IsSuccess);
            Assert.True((await members.InviteAsync(_ownerId, project.Id, viewer.Email!, ProjectRole.Viewer)).IsSuccess);
        }
        var translations = scope.ServiceProvider.GetRequiredService<EpisodeTranslations>();
        Guid episodeId;
        await using (var db = CreateContext())
            episodeId = (await db.Episodes.AsNoTracking().SingleAsync(e => e.ProjectId == project.Id)).Id;

        // A viewer is refused by the service, a stranger is not told the episode exists; neither queued anything.
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        Assert.Equal(ProjectAccess.Forbidden, (await production.TranslateAsync(_viewerId, episodeId, "en-US")).Error);
        var stranger = (await scope.ServiceProvider.GetRequiredService<UserAccounts>().RegisterAsync($"stranger-{Guid.NewGuid():N}@example.com", "translate-it-1", "S")).Value.Id;
        Assert.Equal(EpisodeTranslations.NotFound, (await production.TranslateAsync(stranger, episodeId, "en-US")).Error);
        Assert.Empty(await translations.WorkAsync(stranger, episodeId));
        await using (var db = CreateContext())
            Assert.False(await db.GenerationTasks.AnyAsync(t => t.ProjectId == project.Id && t.Type == GenerationTaskType.TranslateScript));

        // An editor translates and edits; the edit is a creator's edit (a Generate after it is a new request).
        DateTimeOffset? before;
        await using (var db = CreateContext())
            before = await CreatorEdits.LastAsync(db, project.Id, CancellationToken.None);
        // (The editor spends the owner's credits: the task is the owner's.)
        var translated = await TranslateAsync(_editorId, episodeId, "en-US");
        await using (var db = CreateContext())
            Assert.Equal(_ownerId, (await db.GenerationTasks.AsNoTracking().SingleAsync(t => t.ProjectId == project.Id && t.Type == GenerationTaskType.TranslateScript)).OwnerId);
        var line = translated.Value.Lines[0];
        Assert.True((await translations.EditLineAsync(_editorId, episodeId, "en-US", line.ShotId, "Edited by the editor.")).IsSuccess);
        await using (var db = CreateContext())
        {
            var after = await CreatorEdits.LastAsync(db, project.Id, CancellationToken.None);
            Assert.True(after is { } marked && (before is null || marked > before), $"no creator's edit was marked ({before} -> {after})");
        }

        // The viewer reads the version but changes nothing.
        var read = await translations.GetAsync(_viewerId, episodeId, "en-US");
        Assert.True(read.IsSuccess, read.Error);
        Assert.Equal("Edited by the editor.", read.Value.Lines[0].Text);
        Assert.Equal(ProjectAccess.Forbidden, (await translations.EditLineAsync(_viewerId, episodeId, "en-US", line.ShotId, "no")).Error);
        Assert.Equal(ProjectAccess.Forbidden, (await translations.ChooseAsync(_viewerId, episodeId, "en-US")).Error);
        Assert.Equal(ProjectAccess.Forbidden, (await translations.SetDualSubtitlesAsync(_viewerId, episodeId, "en-US", true)).Error);

        // A voice must be one of the version's language.
        Guid chinese;
        await using (var db = CreateContext())
            chinese = (await db.Voices.AsNoTracking().FirstAsync(v => v.Language == "zh-CN")).Id;
        Assert.Equal(EpisodeTranslations.UnknownVoice,
            (await translations.SetVoiceAsync(_ownerId, episodeId, "en-US", translated.Value.Voices[0].CharacterKey, chinese)).Error);
    }

    [Fact]
    public async Task A_translation_whose_model_fails_gives_its_credits_back_and_says_why_on_the_episodes_language_switch()
    {
        var project = await MakeChineseEpisodeAsync(stopAfterScripts: true);
        Guid episodeId;
        await using (var db = CreateContext())
            episodeId = (await db.Episodes.AsNoTracking().SingleAsync(e => e.ProjectId == project.Id)).Id;

        // The text model is a configured provider that answers 500 to everything, and the built-in may not stand in.
        await using var server = await FakeOpenAiServer.StartAsync();
        await using var scope = _app.Services.CreateAsyncScope();
        var config = OpenAICompatibleProviderTests.Config(server.BaseUrl, "failing-ai-" + Guid.NewGuid().ToString("N")[..6]);
        config.Capabilities = ProviderCapabilities.Text;
        config.ProtectedApiKey = scope.ServiceProvider.GetRequiredService<DreamX.Infrastructure.Providers.OpenAICompatible.ProviderKeyProtector>().Protect("sk-test");
        await using (var db = CreateContext())
        {
            db.ProviderConfigs.Add(config);
            await db.SaveChangesAsync();
        }
        Assert.True((await scope.ServiceProvider.GetRequiredService<ProviderSettings>().SaveBuiltinFallbackAsync(ProviderCapabilities.None, CancellationToken.None)).IsSuccess);
        var catalog = scope.ServiceProvider.GetRequiredService<ProviderCatalog>();
        catalog.Invalidate();
        try
        {
            var wallet = scope.ServiceProvider.GetRequiredService<ICreditLedger>();
            var before = await wallet.GetBalanceAsync(_ownerId);
            var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().TranslateAsync(_ownerId, episodeId, "en-US");
            Assert.True(queued.IsSuccess, queued.Error);
            Assert.True(queued.Value.CreditsReserved > 0);
            Assert.Equal(before.Reserved + queued.Value.CreditsReserved, (await wallet.GetBalanceAsync(_ownerId)).Reserved);

            var failed = await WaitFinishedAsync(queued.Value.Id, seconds: 300);
            Assert.Equal(GenerationTaskStatus.Failed, failed.Status);
            Assert.True(server.RequestsTo("chat/completions").Count >= 1, "the configured model was never asked");

            // Nothing charged: the hold is given back whole.
            Assert.Equal(0, failed.CreditsCharged);
            var after = await wallet.GetBalanceAsync(_ownerId);
            Assert.Equal((before.Balance, before.Reserved), (after.Balance, after.Reserved));

            // The creator reads why on the episode's language switch (a reason, never the raw error); nothing was made,
            // and neither the episode's script nor a stage of the board is marked failed by it.
            var translations = scope.ServiceProvider.GetRequiredService<EpisodeTranslations>();
            var work = Assert.Single(await translations.WorkAsync(_ownerId, episodeId));
            Assert.Equal((GenerationTaskStatus.Failed, TaskFailureReason.ProviderUnavailable), (work.Status, work.Reason));
            Assert.Equal(EpisodeTranslations.NotFound, (await translations.GetAsync(_ownerId, episodeId, "en-US")).Error);
            await using (var db = CreateContext())
                Assert.NotEqual(NodeState.Failed, (await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episodeId)).State);
            var board = await scope.ServiceProvider.GetRequiredService<StageProduction>().LoadAsync(_ownerId, project.Id);
            Assert.All(StepStatus.Of(board!), step => Assert.Equal(0, step.Failed));
        }
        finally
        {
            await using (var db = CreateContext())
            {
                db.ProviderConfigs.RemoveRange(db.ProviderConfigs.Where(c => c.Name == config.Name));
                await db.SaveChangesAsync();
            }
            catalog.Invalidate();
        }
    }

    /// <summary>"Translate to…" through the Generate service; waits for its task and returns the version it made.</summary>
    private async Task<Result<TranslationView>> TranslateAsync(string userId, Guid episodeId, string language)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().TranslateAsync(userId, episodeId, language);
        Assert.True(queued.IsSuccess, queued.Error);
        await _app.Database.WaitSucceededAsync([queued.Value.Id], "translation", 300);
        var view = await scope.ServiceProvider.GetRequiredService<EpisodeTranslations>().GetAsync(userId, episodeId, language);
        Assert.True(view.IsSuccess, view.Error);
        return view;
    }

    private async Task<GenerationTask> WaitFinishedAsync(Guid taskId, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var db = CreateContext();
            var task = await db.GenerationTasks.AsNoTracking().SingleAsync(t => t.Id == taskId);
            if (task.IsFinished)
                return task;
            Assert.True(DateTime.UtcNow < deadline, $"the translation did not finish: {task.Status}");
            await Task.Delay(100);
        }
    }

    private async Task<int> PricePerLineAsync()
    {
        await using var db = CreateContext();
        return await db.CreditPrices.AsNoTracking()
            .Where(p => p.TaskType == GenerationTaskType.TranslateScript && p.Quality == GenerationQuality.Standard)
            .Select(p => (int?)p.Credits).FirstOrDefaultAsync() ?? DefaultCreditPrices.For(GenerationTaskType.TranslateScript, GenerationQuality.Standard);
    }

    private async Task<Project> MakeChineseEpisodeAsync(bool stopAfterScripts = false)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(_ownerId, new CheckpointInput
        {
            Title = "出海 " + Guid.NewGuid().ToString("N")[..6],
            Type = ProjectType.SingleEpisode,
            Language = "zh-CN",
            Idea = "普通设计师为救家人签下与总裁的契约婚约，却发现契约背后藏着十年前的约定。",
            EpisodeDurationSeconds = 20,
        });
        Assert.True(created.IsSuccess, created.Error);
        var steps = stopAfterScripts
            ? new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Scripts, ProductionStep.ShotLists }
            : [ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Scripts, ProductionStep.ShotLists, ProductionStep.ShotImages, ProductionStep.ShotAudio];
        foreach (var step in steps)
            await RunAsync(created.Value.Id, step);
        return created.Value;
    }

    /// <summary>The text without the cast's names and surnames.</summary>
    private static string WithoutNames(string text, IEnumerable<Character> cast) =>
        cast.Aggregate(text, (t, c) => t.Replace(c.Name, "", StringComparison.Ordinal).Replace(c.Name[..1], "", StringComparison.Ordinal));

    private static (double Start, double End) CueOf(string srt, string text)
    {
        var blocks = srt.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        var block = blocks.First(b => b.Contains(text, StringComparison.Ordinal)).Split('\n');
        var times = block[1].Split(" --> ");
        return (Seconds(times[0]), Seconds(times[1]));
        static double Seconds(string t) => TimeSpan.ParseExact(t.Trim(), @"hh\:mm\:ss\,fff", System.Globalization.CultureInfo.InvariantCulture).TotalSeconds;
    }

    private async Task<string> ReadTextAsync(string key)
    {
        var storage = _app.Services.GetRequiredService<IObjectStorage>();
        await using var stored = await storage.OpenReadAsync(ObjectKey.Parse(key), CancellationToken.None);
        Assert.NotNull(stored);
        using var reader = new StreamReader(stored.Stream);
        return await reader.ReadToEndAsync();
    }

    private async Task RunAsync(Guid projectId, ProductionStep step, int seconds = 120)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_ownerId, projectId, step);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        var ids = queued.Value.Select(t => t.Id).ToList();
        await _app.Database.WaitSucceededAsync(ids, step.ToString(), seconds);
    }

    private DreamXDbContext CreateContext() => _app.Database.CreateContext();

    [GeneratedRegex(@"[\u4e00-\u9fff]")]
    private static partial Regex Chinese();
}
