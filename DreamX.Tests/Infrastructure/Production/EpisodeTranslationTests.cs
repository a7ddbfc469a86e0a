using DreamX.Tests.Support;
using System.Text.RegularExpressions;
using DreamX.Domain.Characters;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>
/// A Chinese episode made on the built-in providers becomes an English one: translated lines (the built-in translates
/// the lines it wrote and names the rest), English voices by gender and age, edits kept, a line longer than its shot
/// lengthening it, and a compose (real ffmpeg and espeak-ng) whose subtitles are the English lines. On PostgreSQL.
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

        Assert.Equal(EpisodeTranslations.SameLanguage, (await translations.TranslateAsync(_ownerId, episodeId, "zh-CN")).Error);
        Assert.Equal(EpisodeTranslations.UnsupportedLanguage, (await translations.TranslateAsync(_ownerId, episodeId, "fr-FR")).Error);
        var translated = await translations.TranslateAsync(_ownerId, episodeId, "en-US");
        Assert.True(translated.IsSuccess, translated.Error);
        var view = translated.Value;

        // One line per spoken shot, each next to its original, the built-in named as the translator.
        var spoken = shots.Where(s => s.SpokenLine is { Text.Length: > 0 }).ToList();
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

        // Translating again keeps the creator's lines.
        var again = await translations.TranslateAsync(_ownerId, episodeId, "en-US");
        Assert.True(again.IsSuccess, again.Error);
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

        // A viewer is refused by the service, a stranger is not told the episode exists.
        Assert.Equal(ProjectAccess.Forbidden, (await translations.TranslateAsync(_viewerId, episodeId, "en-US")).Error);
        var stranger = (await scope.ServiceProvider.GetRequiredService<UserAccounts>().RegisterAsync($"stranger-{Guid.NewGuid():N}@example.com", "translate-it-1", "S")).Value.Id;
        Assert.Equal(EpisodeTranslations.NotFound, (await translations.TranslateAsync(stranger, episodeId, "en-US")).Error);

        // An editor translates and edits; the edit is a creator's edit (a Generate after it is a new request).
        DateTimeOffset? before;
        await using (var db = CreateContext())
            before = await CreatorEdits.LastAsync(db, project.Id, CancellationToken.None);
        var translated = await translations.TranslateAsync(_editorId, episodeId, "en-US");
        Assert.True(translated.IsSuccess, translated.Error);
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
