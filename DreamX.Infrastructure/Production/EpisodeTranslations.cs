using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Domain.Common;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Production;

/// <summary>A language version of an episode as the side-by-side editor shows it.</summary>
public sealed record TranslationView(
    Guid EpisodeId,
    string Language,
    string OriginalLanguage,
    IReadOnlyList<TranslationLineView> Lines,
    IReadOnlyList<TranslationVoiceView> Voices,
    bool DualSubtitles,
    string TranslatedBy,
    int Untranslated,
    bool IsVoiced);

/// <summary>
/// One line next to its original. <paramref name="OriginalChanged"/>: the episode's line was edited after the translation.
/// <paramref name="LengthensShotBy"/>: seconds the voiced line adds to its shot (a line is never cut).
/// </summary>
public sealed record TranslationLineView(
    Guid ShotId, int Number, string? Speaker, string Original, string Text, bool Untranslated, bool Edited, bool OriginalChanged,
    decimal ShotSeconds, decimal? AudioSeconds, decimal LengthensShotBy, string? VoiceError);

/// <summary>A speaker's voice in the version (<paramref name="CharacterKey"/> "" is the narrator).</summary>
public sealed record TranslationVoiceView(string CharacterKey, string Name, Guid VoiceId, string VoiceName);

/// <summary>
/// What translating an episode into <paramref name="Language"/> would cost: <paramref name="Lines"/> spoken lines, each
/// translated and voiced, for <paramref name="Credits"/>; <paramref name="Blocker"/> says why it cannot be done (a code).
/// </summary>
public sealed record TranslationQuote(string Language, int Lines, int Credits, int EstimatedSeconds, string? Blocker);

/// <summary>
/// The latest translation task of a language version: its state and progress, why it failed (never the raw error) and
/// the credits it holds, was charged, or gave back (<paramref name="Credits"/>: charged once it succeeded, else reserved).
/// </summary>
public sealed record TranslationWork(
    string Language, Guid TaskId, GenerationTaskStatus Status, int Progress, TaskFailureReason? Reason, int Credits, DateTimeOffset At)
{
    public bool IsOpen => Status is GenerationTaskStatus.Blocked or GenerationTaskStatus.Queued or GenerationTaskStatus.Running;
}

/// <summary>A translation task's inputs: which episode, into which language (the lines are read when it runs).</summary>
public sealed record TranslateScriptInput(Guid EpisodeId, string Language);

/// <summary>A translation task's result: the version's lines (voiced) and voices, and who translated it.</summary>
public sealed record TranslationOutcome(IReadOnlyList<TranslatedLine> Lines, IReadOnlyList<CharacterVoice> Voices, string TranslatedBy);

/// <summary>A language an episode can be composed in; <paramref name="IsChosen"/>: the one its compose node renders now.</summary>
public sealed record EpisodeLanguage(string Language, bool IsOriginal, bool IsVoiced, int Untranslated, bool IsChosen);

/// <summary>
/// Language versions of episodes (issue: take a finished drama overseas). Translating is a generation task like every
/// other stage (<see cref="StageProduction.TranslateAsync"/> queues it, priced per line; <see cref="Steps.TranslateScriptStep"/>
/// runs it on the engine): it asks the routed text provider for the episode's spoken lines in the target language (the built-in writer translates the lines it wrote from its own
/// templates and names the rest as untranslated), gives every speaker a voice of that language from the library (by
/// gender and age, see <see cref="VoiceChoice"/>) and voices every line. The pictures and
/// clips stay the episode's; the compose node renders the language its switch is set to. Every change the creator makes
/// here is a creator's edit (<see cref="CreatorEdits"/>), so a compose right after it is a new request.
/// </summary>
public sealed class EpisodeTranslations(
    IDbContextFactory<DreamXDbContext> contexts,
    ITextProvider text,
    ISpeechProvider speech,
    IObjectStorage storage,
    TimeProvider clock,
    ILogger<EpisodeTranslations> logger)
{
    public const string NotFound = "translation.not_found";
    public const string UnsupportedLanguage = "translation.unsupported_language";
    public const string SameLanguage = "translation.same_language";
    public const string NothingToTranslate = "translation.nothing_to_translate";
    public const string TextRequired = "translation.text_required";
    public const string TextTooLong = "translation.text_too_long";
    public const string UnknownVoice = "translation.unknown_voice";

    /// <summary>The languages each episode of a project can be composed in: its own first, then its versions.</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<EpisodeLanguage>>> LanguagesAsync(string? userId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Read, NotFound, ct);
        if (access.IsFailure)
            return new Dictionary<Guid, IReadOnlyList<EpisodeLanguage>>();
        var original = await db.Checkpoints.AsNoTracking().Where(c => c.ProjectId == projectId).Select(c => c.Language).FirstOrDefaultAsync(ct) ?? StoryLanguage.Chinese;
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.ProjectId == projectId).Select(e => e.Id).ToListAsync(ct);
        var versions = await db.EpisodeTranslations.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync(ct);
        var chosen = await db.Compositions.AsNoTracking().Where(c => c.ProjectId == projectId).ToDictionaryAsync(c => c.EpisodeId, c => c.Language, ct);
        return episodes.ToDictionary(id => id, id => (IReadOnlyList<EpisodeLanguage>)
        [
            new EpisodeLanguage(original, true, true, 0, chosen.GetValueOrDefault(id) is null),
            .. versions.Where(v => v.EpisodeId == id).OrderBy(v => v.Language, StringComparer.Ordinal)
                .Select(v => new EpisodeLanguage(v.Language, false, v.IsVoiced, v.UntranslatedCount, chosen.GetValueOrDefault(id) == v.Language)),
        ]);
    }

    /// <summary>The project of an episode the caller may read (a stranger is told it does not exist).</summary>
    public async Task<Result<Guid>> ProjectOfAsync(string? userId, Guid episodeId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var projectId = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId).Select(e => (Guid?)e.ProjectId).FirstOrDefaultAsync(ct);
        if (projectId is null)
            return Result.Failure<Guid>(NotFound);
        var access = await ProjectAccess.ActAsync(db, userId, projectId.Value, ProjectPermission.Read, NotFound, ct);
        return access.IsSuccess ? projectId.Value : Result.Failure<Guid>(access.Error!);
    }

    public async Task<Result<TranslationView>> GetAsync(string? userId, Guid episodeId, string language, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadAsync(db, userId, episodeId, ProjectPermission.Read, ct);
        if (loaded.IsFailure)
            return Result.Failure<TranslationView>(loaded.Error!);
        var episode = loaded.Value;
        var translation = await db.EpisodeTranslations.AsNoTracking().FirstOrDefaultAsync(t => t.EpisodeId == episodeId && t.Language == language, ct);
        return translation is null ? Result.Failure<TranslationView>(NotFound) : await ViewAsync(db, episode, translation, ct);
    }

    /// <summary>
    /// The language version's id, known before it exists: the target of its translation tasks (one per episode and
    /// language, so two languages translate side by side while a burst of clicks on one is one request).
    /// </summary>
    public static Guid VersionId(Guid episodeId, string language)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"episode-translation:{episodeId:N}:{language}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // a version-8 (name-based, custom) UUID
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    /// <summary>
    /// What translating the episode into <paramref name="language"/> costs before it is queued: the type's price (the
    /// admin's table, else <see cref="Generation.DefaultCreditPrices"/>) per spoken line, each translated and voiced.
    /// </summary>
    public async Task<Result<TranslationQuote>> QuoteAsync(string? userId, Guid episodeId, string language, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadAsync(db, userId, episodeId, ProjectPermission.Read, ct);
        if (loaded.IsFailure)
            return Result.Failure<TranslationQuote>(loaded.Error!);
        var plan = Plan(loaded.Value, language);
        var lines = plan.IsSuccess ? plan.Value : 0;
        var (credits, seconds) = await PriceAsync(db, lines, ct);
        return new TranslationQuote(language, lines, credits, seconds, plan.IsFailure ? plan.Error : null);
    }

    /// <summary>
    /// Why the episode cannot be translated into <paramref name="language"/> now, or how many lines a translation
    /// would translate and voice (the price units of its task); the check <see cref="StageProduction"/> makes before queuing.
    /// </summary>
    internal static async Task<Result<(Guid ProjectId, int Lines)>> PlanAsync(DreamXDbContext db, Guid episodeId, string language, CancellationToken ct)
    {
        var loaded = await LoadAsync(db, userId: null, episodeId, ProjectPermission.Read, ct, checkAccess: false);
        if (loaded.IsFailure)
            return Result.Failure<(Guid, int)>(loaded.Error!);
        var plan = Plan(loaded.Value, language);
        return plan.IsSuccess ? (loaded.Value.ProjectId, plan.Value) : Result.Failure<(Guid, int)>(plan.Error!);
    }

    private static Result<int> Plan(LoadedEpisode episode, string language)
    {
        if (!StoryLanguage.IsSupported(language))
            return Result.Failure<int>(UnsupportedLanguage);
        if (episode.OriginalLanguage == language)
            return Result.Failure<int>(SameLanguage);
        var spoken = episode.Shots.Count(s => s.Shot.SpokenLine is { Text.Length: > 0 });
        return spoken == 0 ? Result.Failure<int>(NothingToTranslate) : spoken;
    }

    /// <summary>Credits and seconds for a translation of <paramref name="lines"/> lines.</summary>
    internal static async Task<(int Credits, int Seconds)> PriceAsync(DreamXDbContext db, int lines, CancellationToken ct)
    {
        var price = await db.CreditPrices.AsNoTracking()
            .Where(p => p.TaskType == GenerationTaskType.TranslateScript && p.Quality == GenerationQuality.Standard)
            .Select(p => new { p.Credits, p.EstimatedSeconds }).FirstOrDefaultAsync(ct);
        var credits = (price?.Credits ?? Generation.DefaultCreditPrices.For(GenerationTaskType.TranslateScript, GenerationQuality.Standard)) * Math.Max(1, lines);
        return (lines == 0 ? 0 : credits, price?.EstimatedSeconds ?? Generation.DefaultCreditPrices.EstimatedSeconds(GenerationTaskType.TranslateScript));
    }

    /// <summary>
    /// The latest translation task of each language of the episode (queued, running, failed with its reason, done), for
    /// the language switch: a version on its way shows its progress, a failed one why and that its credits came back.
    /// </summary>
    public async Task<IReadOnlyList<TranslationWork>> WorkAsync(string? userId, Guid episodeId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var projectId = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId).Select(e => (Guid?)e.ProjectId).FirstOrDefaultAsync(ct);
        if (projectId is null || (await ProjectAccess.ActAsync(db, userId, projectId.Value, ProjectPermission.Read, NotFound, ct)).IsFailure)
            return [];
        var targets = StoryLanguage.All.ToDictionary(l => VersionId(episodeId, l));
        var ids = targets.Keys.ToList();
        var tasks = await db.GenerationTasks.AsNoTracking()
            .Where(t => t.ProjectId == projectId && t.Type == GenerationTaskType.TranslateScript && ids.Contains(t.TargetId))
            .Select(t => new { t.Id, t.TargetId, t.Status, t.Progress, t.Error, t.CreditsReserved, t.CreditsCharged, t.CreatedAt, t.FinishedAt })
            .ToListAsync(ct);
        return tasks.GroupBy(t => t.TargetId).Select(g => g.MaxBy(t => t.CreatedAt)!)
            .Select(t => new TranslationWork(targets[t.TargetId], t.Id, t.Status, t.Progress,
                t.Status == GenerationTaskStatus.Failed ? TaskFailureReasons.Classify(t.Error) : null,
                t.Status == GenerationTaskStatus.Succeeded ? t.CreditsCharged : t.CreditsReserved, t.FinishedAt ?? t.CreatedAt))
            .OrderBy(w => w.Language, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The work of a translation task (<see cref="Steps.TranslateScriptStep"/>): translates the episode's spoken lines into
    /// the task's language (lines the creator edited in the version are kept), chooses the voices of speakers that have
    /// none in it yet and voices every line that needs it. Nothing is written to the version here: the result is the
    /// task's, and <see cref="ApplyAsync"/> writes it once the task succeeds. A model that fails throws (the engine retries
    /// a transient failure and refunds the task's credits when it gives up).
    /// </summary>
    internal async Task<(TranslationOutcome Outcome, ProviderUsage Usage)> ProduceAsync(
        TranslateScriptInput input, Func<int, string, Task> report, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadAsync(db, userId: null, input.EpisodeId, ProjectPermission.Read, ct, checkAccess: false);
        if (loaded.IsFailure)
            throw new InvalidOperationException("the episode no longer exists");
        var episode = loaded.Value;
        var language = input.Language;
        if (Plan(episode, language) is { IsFailure: true } refused)
            throw new InvalidOperationException($"the episode cannot be translated into {language}: {refused.Error}");
        var spoken = episode.Shots.Where(s => s.Shot.SpokenLine is { Text.Length: > 0 }).ToList();

        var translation = await db.EpisodeTranslations.AsNoTracking().FirstOrDefaultAsync(t => t.EpisodeId == input.EpisodeId && t.Language == language, ct);
        var kept = translation?.Lines.Where(l => l.Edited).ToDictionary(l => l.ShotId) ?? new Dictionary<Guid, TranslatedLine>();
        var wanted = spoken.Where(s => !kept.ContainsKey(s.Shot.Id) || kept[s.Shot.Id].Original != s.Shot.SpokenLine!.Text).ToList();

        await report(5, "writing");
        var (draft, by, usage) = await AskAsync(db, episode, language, wanted, ct);

        var answers = draft.Lines.Where(l => !string.IsNullOrWhiteSpace(l.Text)).GroupBy(l => l.Index).ToDictionary(g => g.Key, g => g.First().Text.Trim());
        var previous = translation?.Lines.ToDictionary(l => l.ShotId) ?? new Dictionary<Guid, TranslatedLine>();
        var lines = new List<TranslatedLine>();
        foreach (var (shot, _) in spoken)
        {
            var original = shot.SpokenLine!.Text;
            if (kept.TryGetValue(shot.Id, out var edited) && edited.Original == original)
            {
                lines.Add(edited with { CharacterKey = shot.SpokenLine.CharacterKey });
                continue;
            }
            var index = wanted.FindIndex(w => w.Shot.Id == shot.Id);
            var said = answers.TryGetValue(index, out var answer) ? Clip(answer) : null;
            // What the translator could not translate keeps the original words until the creator writes the line.
            var line = new TranslatedLine(shot.Id, shot.SpokenLine.CharacterKey, original, said ?? original, Untranslated: said is null);
            // The same words as before keep their voice.
            if (previous.TryGetValue(shot.Id, out var before) && before.Text == line.Text && before.CharacterKey == line.CharacterKey)
                line = line with { AudioKey = before.AudioKey, AudioSeconds = before.AudioSeconds };
            lines.Add(line);
        }

        var version = new EpisodeTranslation
        {
            ProjectId = episode.ProjectId, EpisodeId = input.EpisodeId, Language = language,
            Lines = lines, DualSubtitles = translation?.DualSubtitles ?? false,
        };
        version.Voices = await VoicesForAsync(db, episode, language, translation?.Voices ?? [], lines, ct);
        await report(50, "voicing");
        await VoiceLinesAsync(db, episode, version, ct);
        await report(95, "saving");
        return (new TranslationOutcome(version.Lines, version.Voices, by.Length > 0 ? by : translation?.TranslatedBy ?? ""), usage);
    }

    /// <summary>
    /// Writes a translation task's result to the language version (made now when it is the first): its lines and voices,
    /// except a line the creator saved while the task ran, which stays as they wrote it. A first version also moves the
    /// episode's language switch to it (what the creator asked for is what they want to hear). Not a creator's edit: a
    /// repeat of the same click right after the task finished is still the same request.
    /// </summary>
    internal async Task ApplyAsync(GenerationTask task, TranslationOutcome outcome, CancellationToken ct)
    {
        var input = StageJson.Deserialize<TranslateScriptInput>(task.InputJson ?? "");
        if (input.IsFailure)
            throw new InvalidOperationException($"the task's inputs cannot be read: {input.Error}");
        var (episodeId, language) = (input.Value.EpisodeId, input.Value.Language);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Episodes.AnyAsync(e => e.Id == episodeId, ct))
            throw new InvalidOperationException("the episode no longer exists");
        var now = clock.GetUtcNow();
        var lines = outcome.Lines.ToList();
        var translation = await db.EpisodeTranslations.FirstOrDefaultAsync(t => t.EpisodeId == episodeId && t.Language == language, ct);
        if (translation is null)
        {
            translation = new EpisodeTranslation { Id = VersionId(episodeId, language), ProjectId = task.ProjectId, EpisodeId = episodeId, Language = language, CreatedAt = now };
            db.EpisodeTranslations.Add(translation);
            var composition = await db.Compositions.FirstOrDefaultAsync(c => c.EpisodeId == episodeId, ct);
            if (composition is { Language: null })
            {
                composition.Language = language;
                composition.UpdatedAt = now;
            }
        }
        else
        {
            var saved = translation.Lines.Where(l => l.Edited).ToDictionary(l => l.ShotId);
            for (var i = 0; i < lines.Count; i++)
            {
                if (saved.TryGetValue(lines[i].ShotId, out var edited) && edited.Original == lines[i].Original && edited.Text != lines[i].Text)
                    lines[i] = edited;
            }
        }
        translation.Lines = lines;
        translation.Voices = outcome.Voices.ToList();
        translation.TranslatedBy = outcome.TranslatedBy;
        translation.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The creator's words for one line of a version: kept across re-translations, voiced again at once.</summary>
    public async Task<Result<TranslationView>> EditLineAsync(string? userId, Guid episodeId, string language, Guid shotId, string lineText, CancellationToken ct = default)
    {
        var words = lineText.Trim();
        if (words.Length == 0)
            return Result.Failure<TranslationView>(TextRequired);
        if (words.Length > EpisodeTranslation.TextMaxLength)
            return Result.Failure<TranslationView>(TextTooLong);
        return await ChangeAsync(userId, episodeId, language, translation =>
        {
            var index = translation.Lines.FindIndex(l => l.ShotId == shotId);
            if (index < 0)
                return NotFound;
            var line = translation.Lines[index];
            if (line.Text == words && !line.Untranslated)
                return null;
            translation.Lines[index] = line with { Text = words, Edited = true, Untranslated = false, AudioKey = null, AudioSeconds = null, VoiceError = null };
            return null;
        }, ct);
    }

    /// <summary>Gives a speaker of the version another voice of its language; their lines are voiced again.</summary>
    public async Task<Result<TranslationView>> SetVoiceAsync(string? userId, Guid episodeId, string language, string characterKey, Guid voiceId, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.Voices.AsNoTracking().AnyAsync(v => v.Id == voiceId && v.IsActive && v.Language == language, ct))
                return Result.Failure<TranslationView>(UnknownVoice);
        }
        return await ChangeAsync(userId, episodeId, language, translation =>
        {
            var index = translation.Voices.FindIndex(v => v.CharacterKey == characterKey);
            if (index < 0)
                return NotFound;
            if (translation.Voices[index].VoiceId == voiceId)
                return null;
            translation.Voices[index] = new CharacterVoice(characterKey, voiceId);
            translation.Lines = translation.Lines.Select(l => l.SpeakerKey == characterKey ? l with { AudioKey = null, AudioSeconds = null, VoiceError = null } : l).ToList();
            return null;
        }, ct);
    }

    /// <summary>Whether the version's subtitles show the original line under the translated one.</summary>
    public Task<Result<TranslationView>> SetDualSubtitlesAsync(string? userId, Guid episodeId, string language, bool dual, CancellationToken ct = default) =>
        ChangeAsync(userId, episodeId, language, translation =>
        {
            translation.DualSubtitles = dual;
            return null;
        }, ct);

    /// <summary>
    /// The episode's language switch: the language its compose node renders (the episode's own, or one of its versions).
    /// </summary>
    public async Task<Result> ChooseAsync(string? userId, Guid episodeId, string language, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var composition = await db.Compositions.FirstOrDefaultAsync(c => c.EpisodeId == episodeId, ct);
        if (composition is null)
            return Result.Failure(NotFound);
        var access = await ProjectAccess.ActAsync(db, userId, composition.ProjectId, ProjectPermission.Edit, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var original = await db.Checkpoints.AsNoTracking().Where(c => c.ProjectId == composition.ProjectId).Select(c => c.Language).FirstAsync(ct);
        string? chosen = language == original ? null : language;
        if (chosen is not null && !await db.EpisodeTranslations.AnyAsync(t => t.EpisodeId == composition.EpisodeId && t.Language == chosen, ct))
            return Result.Failure(NotFound);
        if (composition.Language == chosen)
            return Result.Success();
        var now = clock.GetUtcNow();
        composition.Language = chosen;
        composition.UpdatedAt = now;
        await CreatorEdits.SaveWithMarkAsync(db, composition.ProjectId, now, ct);
        return Result.Success();
    }

    /// <summary>The library's active voices of a language, for the version's voice pickers.</summary>
    public async Task<IReadOnlyList<Voice>> VoicesAsync(string language, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Voices.AsNoTracking().Where(v => v.IsActive && v.Language == language).OrderBy(v => v.Name).ToListAsync(ct);
    }

    private async Task<Result<TranslationView>> ChangeAsync(string? userId, Guid episodeId, string language, Func<EpisodeTranslation, string?> change, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var loaded = await LoadAsync(db, userId, episodeId, ProjectPermission.Edit, ct);
        if (loaded.IsFailure)
            return Result.Failure<TranslationView>(loaded.Error!);
        var episode = loaded.Value;
        var translation = await db.EpisodeTranslations.FirstOrDefaultAsync(t => t.EpisodeId == episodeId && t.Language == language, ct);
        if (translation is null)
            return Result.Failure<TranslationView>(NotFound);
        // A jsonb list is compared by value: a fresh list makes the change visible to the tracker.
        translation.Lines = [.. translation.Lines];
        translation.Voices = [.. translation.Voices];
        if (change(translation) is { } error)
            return Result.Failure<TranslationView>(error);
        var now = clock.GetUtcNow();
        translation.UpdatedAt = now;
        await VoiceLinesAsync(db, episode, translation, ct);
        await CreatorEdits.SaveWithMarkAsync(db, episode.ProjectId, now, ct);
        return await ViewAsync(db, episode, translation, ct);
    }

    private async Task<(TranslationDraft Draft, string By, ProviderUsage Usage)> AskAsync(
        DreamXDbContext db, LoadedEpisode episode, string language, IReadOnlyList<(Shot Shot, Scene Scene)> wanted, CancellationToken ct)
    {
        // Every line is the creator's already: nothing to ask a model for (the voices are still made).
        if (wanted.Count == 0)
            return (new TranslationDraft([], []), "", new ProviderUsage(Providers.Builtin.BuiltinProviders.Key, "kept-lines"));
        var genre = await db.StoryBibles.AsNoTracking().Where(b => b.ProjectId == episode.ProjectId).Select(b => b.Genre).FirstOrDefaultAsync(ct) ?? "";
        var context = new TranslateScriptContext(
            episode.OriginalLanguage, language, genre,
            episode.Characters.Select(c => new TranslateCastMember(c.Key, c.Name, c.Gender.ToString().ToLowerInvariant())).ToList(),
            wanted.Select((w, i) => new TranslateLineInput(i, w.Shot.SpokenLine!.CharacterKey, w.Shot.SpokenLine.Emotion, w.Shot.SpokenLine.Text)).ToList());
        var contextJson = StageJson.Serialize(context);
        var prompt = await StagePrompts.ForAsync(db, GenerationTaskType.TranslateScript, language, genre, contextJson, ct);
        var response = await text.CompleteJsonAsync(new TextRequest(
            GenerationTaskType.TranslateScript, language, prompt.System, prompt.User, contextJson, StageSchemas.For(GenerationTaskType.TranslateScript)), ct);
        var draft = StageJson.Deserialize<TranslationDraft>(response.Json);
        if (draft.IsFailure)
            throw new ProviderFailure(response.Usage.Provider, $"the translation cannot be read: {draft.Error}", isTransient: false);
        return (draft.Value, $"{response.Usage.Provider}/{response.Usage.Model}", response.Usage);
    }

    /// <summary>
    /// Keeps the voices already chosen; a speaker without one gets the library's voice of the language that fits their
    /// gender and age best, preferring one no other speaker of the version has yet. The narrator is the first voice.
    /// </summary>
    private static async Task<List<CharacterVoice>> VoicesForAsync(
        DreamXDbContext db, LoadedEpisode episode, string language, IReadOnlyList<CharacterVoice> chosen, IReadOnlyList<TranslatedLine> lines, CancellationToken ct)
    {
        var library = await db.Voices.AsNoTracking().Where(v => v.IsActive && v.Language == language).OrderBy(v => v.Name).ToListAsync(ct);
        var result = chosen.Where(c => library.Any(v => v.Id == c.VoiceId)).ToList();
        foreach (var speaker in lines.Select(l => l.SpeakerKey).Distinct())
        {
            if (result.Any(r => r.CharacterKey == speaker))
                continue;
            var character = episode.Characters.FirstOrDefault(c => c.Key == speaker);
            var voice = VoiceChoice.Choose(library, character?.Gender, character?.Age, result.Select(r => r.VoiceId).ToList());
            if (voice is not null)
                result.Add(new CharacterVoice(speaker, voice.Id));
        }
        return result;
    }

    /// <summary>Voices every line that has words and no voice yet; a line whose voice fails says why and the rest go on.</summary>
    private async Task VoiceLinesAsync(DreamXDbContext db, LoadedEpisode episode, EpisodeTranslation translation, CancellationToken ct)
    {
        if (translation.Lines.All(l => l.AudioKey is not null || string.IsNullOrWhiteSpace(l.Text)))
            return;
        var voices = await db.Voices.AsNoTracking().Where(v => v.Language == translation.Language).ToListAsync(ct);
        var lines = new List<TranslatedLine>(translation.Lines.Count);
        foreach (var line in translation.Lines)
        {
            if (line.AudioKey is not null || string.IsNullOrWhiteSpace(line.Text))
            {
                lines.Add(line);
                continue;
            }
            var chosen = translation.Voices.FirstOrDefault(v => v.CharacterKey == line.SpeakerKey);
            var voice = chosen is null ? null : voices.FirstOrDefault(v => v.Id == chosen.VoiceId);
            var character = episode.Characters.FirstOrDefault(c => c.Key == line.CharacterKey);
            var key = voice is null ? (line.CharacterKey ?? "narrator")
                : voice.EngineVariant is { Length: > 0 } variant ? $"{voice.EngineVoice}+{variant}" : voice.EngineVoice;
            var request = new SpeechRequest(line.Text, translation.Language, key, voice?.Pitch ?? 50, voice?.WordsPerMinute ?? 160,
                (character?.Gender ?? voice?.Gender)?.ToString().ToLowerInvariant());
            try
            {
                var audio = await speech.SynthesizeAsync(request, ct);
                var extension = audio.ContentType switch { "audio/mpeg" => "mp3", "audio/wav" => "wav", _ => "bin" };
                var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(StageJson.Serialize(request))))[..16];
                var objectKey = ObjectKey.ForProject(episode.ProjectId, ProjectAreas.Audio,
                    $"{line.ShotId:N}-{translation.Language.ToLowerInvariant()}-{hash}.{extension}");
                await storage.PutAsync(objectKey, new MemoryStream(audio.Content), audio.ContentType, ct);
                lines.Add(line with { AudioKey = objectKey.Value, AudioSeconds = (decimal)Math.Round(audio.Duration.TotalSeconds, 3), VoiceError = null });
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Voicing a {Language} line of shot {Shot} failed", translation.Language, line.ShotId);
                lines.Add(line with { VoiceError = exception is ProviderFailure failure ? failure.Message : "the voice could not be made" });
            }
        }
        translation.Lines = lines;
    }

    private static async Task<TranslationView> ViewAsync(DreamXDbContext db, LoadedEpisode episode, EpisodeTranslation translation, CancellationToken ct)
    {
        var voiceIds = translation.Voices.Select(v => v.VoiceId).ToList();
        var voiceNames = await db.Voices.AsNoTracking().Where(v => voiceIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var numbers = episode.Shots.Select((s, i) => (s.Shot, Number: i + 1)).ToDictionary(x => x.Shot.Id, x => (x.Shot, x.Number));
        string? NameOf(string? key) => key is null ? null : episode.Characters.FirstOrDefault(c => c.Key == key)?.Name ?? key;
        var lines = translation.Lines.Where(l => numbers.ContainsKey(l.ShotId)).Select(l =>
        {
            var (shot, number) = numbers[l.ShotId];
            var seconds = shot.DurationSeconds;
            return new TranslationLineView(l.ShotId, number, NameOf(l.CharacterKey), l.Original, l.Text, l.Untranslated, l.Edited,
                shot.SpokenLine?.Text != l.Original, seconds, l.AudioSeconds, l.LengthensShotBy(seconds), l.VoiceError);
        }).ToList();
        var voices = translation.Voices.Select(v => new TranslationVoiceView(v.CharacterKey, NameOf(v.CharacterKey.Length == 0 ? null : v.CharacterKey) ?? "",
            v.VoiceId, voiceNames.GetValueOrDefault(v.VoiceId, ""))).ToList();
        return new TranslationView(translation.EpisodeId, translation.Language, episode.OriginalLanguage, lines, voices,
            translation.DualSubtitles, translation.TranslatedBy, translation.UntranslatedCount, translation.IsVoiced);
    }

    private static string Clip(string line) => line.Length <= EpisodeTranslation.TextMaxLength ? line : line[..EpisodeTranslation.TextMaxLength];

    private sealed record LoadedEpisode(Guid ProjectId, Guid EpisodeId, string OriginalLanguage, IReadOnlyList<(Shot Shot, Scene Scene)> Shots, IReadOnlyList<Character> Characters);

    private static async Task<Result<LoadedEpisode>> LoadAsync(
        DreamXDbContext db, string? userId, Guid episodeId, ProjectPermission permission, CancellationToken ct, bool checkAccess = true)
    {
        var projectId = await db.Episodes.AsNoTracking().Where(e => e.Id == episodeId).Select(e => (Guid?)e.ProjectId).FirstOrDefaultAsync(ct);
        if (projectId is null)
            return Result.Failure<LoadedEpisode>(NotFound);
        if (checkAccess)
        {
            var access = await ProjectAccess.ActAsync(db, userId, projectId.Value, permission, NotFound, ct);
            if (access.IsFailure)
                return Result.Failure<LoadedEpisode>(access.Error!);
        }
        var episode = await db.Episodes.AsNoTracking().Include(e => e.Scenes).ThenInclude(s => s.Shots).AsSplitQuery().FirstAsync(e => e.Id == episodeId, ct);
        var language = await db.Checkpoints.AsNoTracking().Where(c => c.ProjectId == projectId).Select(c => c.Language).FirstOrDefaultAsync(ct) ?? StoryLanguage.Chinese;
        var characters = await db.Characters.AsNoTracking().Where(c => c.ProjectId == projectId).OrderBy(c => c.SortOrder).ToListAsync(ct);
        var shots = episode.Scenes.OrderBy(s => s.Number).SelectMany(s => s.Shots.OrderBy(x => x.Order).Select(x => (x, s))).ToList();
        return new LoadedEpisode(projectId.Value, episodeId, language, shots, characters);
    }
}

/// <summary>Which voice of the library fits a speaker: gender, then age; among equal fits, one no other speaker has yet.</summary>
public static class VoiceChoice
{
    public static Voice? Choose(IReadOnlyList<Voice> library, Gender? gender, int? age, IReadOnlyCollection<Guid> taken)
    {
        if (library.Count == 0)
            return null;
        if (gender is null)
            return library.OrderBy(v => v.Name, StringComparer.Ordinal).First(); // the narrator: the first voice, as in the original
        return library
            .OrderBy(v => gender is Gender.Other || v.Gender == gender ? 0 : 1)
            .ThenBy(v => AgeDistance(v.AgeRange, age))
            .ThenBy(v => taken.Contains(v.Id) ? 1 : 0)
            .ThenBy(v => v.Name, StringComparer.Ordinal)
            .First();
    }

    /// <summary>0 when the age is in the voice's range ("18-25"), else years outside it; unknown ages fit any range a little.</summary>
    public static int AgeDistance(string range, int? age)
    {
        var parts = range.Split('-', StringSplitOptions.TrimEntries);
        if (age is not { } years || parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var high))
            return 5;
        return years < low ? low - years : years > high ? years - high : 0;
    }
}
