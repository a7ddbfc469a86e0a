using DreamX.Domain.Generation;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Api.Tasks;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Api.Projects;

/// <summary>A translation task of a language version: its state, progress and, when it failed, why (its credits came back).</summary>
public sealed record TranslationTaskResponse(Guid Id, GenerationTaskStatus Status, int Progress, TaskFailureReason? FailureReason, int Credits, DateTimeOffset At);

/// <summary>
/// One language an episode can be composed in: its own (<paramref name="IsOriginal"/>) or a version; whether every line is
/// voiced, how many lines still wait for a translation, whether the compose renders it now, and its latest translation task.
/// </summary>
public sealed record EpisodeLanguageResponse(
    string Language, bool IsOriginal, bool IsVoiced, int Untranslated, bool IsChosen, TranslationTaskResponse? Translation);

/// <summary>An episode's languages: its own first, then its versions (and languages whose first translation is on its way).</summary>
public sealed record EpisodeLanguagesResponse(Guid EpisodeId, IReadOnlyList<EpisodeLanguageResponse> Languages);

/// <summary>What translating the episode would cost: per spoken line (translated and voiced); a blocker says why it cannot.</summary>
public sealed record TranslationQuoteResponse(string Language, int Lines, int Credits, int EstimatedSeconds, string? Blocker, string? BlockerMessage);

/// <summary>The creator's words for one line of a version (kept across translations; voiced again at once).</summary>
public sealed record TranslationLineRequest(string? Text);

/// <summary>The language an episode's compose renders: its own, or one of its versions.</summary>
public sealed record EpisodeLanguageRequest(string? Language);

/// <summary>
/// Language versions of an episode over the API (the canvas' language switch): quote and queue a translation (a task on
/// the engine, priced per line, charged on success and refunded on failure; the repeat rule holds), list the episode's
/// languages, read a version's lines side by side with the originals, write a line by hand, and choose the language its
/// compose renders (also <c>?language=</c> on <c>POST …/canvas/compose</c>). The same services and rules as the canvas.
/// </summary>
public static class TranslationEndpoints
{
    public static RouteGroupBuilder MapTranslationEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapGet("/{projectId:guid}/episodes/{episodeId:guid}/translations", ListAsync).WithName("ListEpisodeLanguages")
            .WithSummary("An episode's languages: its own and its versions, which one the compose renders, each version's latest translation task");
        projects.MapGet("/{projectId:guid}/episodes/{episodeId:guid}/translations/{language}/quote", QuoteAsync).WithName("QuoteTranslation")
            .WithSummary("What translating the episode into a language would cost (per spoken line, translated and voiced)");
        projects.MapPost("/{projectId:guid}/episodes/{episodeId:guid}/translations/{language}", TranslateAsync).WithName("TranslateEpisode")
            .WithSummary("Queue a translation of the episode into a language (lines edited by hand are kept): the task").Spends().Idempotent();
        projects.MapGet("/{projectId:guid}/episodes/{episodeId:guid}/translations/{language}", GetAsync).WithName("GetTranslation")
            .WithSummary("A language version: its lines next to the originals, its voices and subtitles");
        projects.MapPut("/{projectId:guid}/episodes/{episodeId:guid}/translations/{language}/lines/{shotId:guid}", EditLineAsync)
            .WithName("EditTranslationLine").WithSummary("Write one line of a version by hand (kept across translations, voiced again)").RequiresWrite();
        projects.MapPut("/{projectId:guid}/episodes/{episodeId:guid}/language", ChooseAsync).WithName("ChooseEpisodeLanguage")
            .WithSummary("The language the episode's compose renders: its own or one of its versions").RequiresWrite();
        return projects;
    }

    private static async Task<Results<Ok<EpisodeLanguagesResponse>, ProblemHttpResult>> ListAsync(
        Guid projectId, Guid episodeId, HttpContext http, EpisodeTranslations translations, IStringLocalizer<TranslationText> text, CancellationToken ct)
    {
        var userId = http.UserId();
        if (await RefusalAsync(translations, userId, projectId, episodeId, text, ct) is { } refused)
            return refused;
        var languages = (await translations.LanguagesAsync(userId, projectId, ct)).GetValueOrDefault(episodeId) ?? [];
        var work = (await translations.WorkAsync(userId, episodeId, ct)).ToDictionary(w => w.Language);
        var listed = languages.Select(l => new EpisodeLanguageResponse(l.Language, l.IsOriginal, l.IsVoiced, l.Untranslated, l.IsChosen, TaskOf(work.GetValueOrDefault(l.Language))))
            .ToList();
        // A first translation on its way (or failed) has no version yet: its language is listed with its task.
        listed.AddRange(work.Values.Where(w => languages.All(l => l.Language != w.Language))
            .Select(w => new EpisodeLanguageResponse(w.Language, false, false, 0, false, TaskOf(w))));
        return TypedResults.Ok(new EpisodeLanguagesResponse(episodeId, listed));
    }

    private static async Task<Results<Ok<TranslationQuoteResponse>, ProblemHttpResult>> QuoteAsync(
        Guid projectId, Guid episodeId, string language, HttpContext http, EpisodeTranslations translations, IStringLocalizer<TranslationText> text,
        CancellationToken ct)
    {
        var userId = http.UserId();
        if (await RefusalAsync(translations, userId, projectId, episodeId, text, ct) is { } refused)
            return refused;
        var quote = await translations.QuoteAsync(userId, episodeId, language, ct);
        if (quote.IsFailure)
            return Problem(quote.Error, text);
        var q = quote.Value;
        return TypedResults.Ok(new TranslationQuoteResponse(q.Language, q.Lines, q.Credits, q.EstimatedSeconds, q.Blocker,
            q.Blocker is null ? null : Describe(text, q.Blocker)));
    }

    private static async Task<Results<Accepted<TaskResponse>, ProblemHttpResult>> TranslateAsync(
        Guid projectId, Guid episodeId, string language, HttpContext http, EpisodeTranslations translations, StageProduction production,
        IStringLocalizer<TranslationText> text, CancellationToken ct)
    {
        var userId = http.UserId();
        if (await RefusalAsync(translations, userId, projectId, episodeId, text, ct) is { } refused)
            return refused;
        var queued = await production.TranslateAsync(userId, episodeId, language, ct);
        return queued.IsSuccess
            ? TypedResults.Accepted($"{ApiRoutes.Prefix}/tasks/{queued.Value.Id}", TaskResponse.From(queued.Value))
            : Problem(queued.Error, text);
    }

    private static async Task<Results<Ok<TranslationView>, ProblemHttpResult>> GetAsync(
        Guid projectId, Guid episodeId, string language, HttpContext http, EpisodeTranslations translations, IStringLocalizer<TranslationText> text,
        CancellationToken ct)
    {
        var userId = http.UserId();
        if (await RefusalAsync(translations, userId, projectId, episodeId, text, ct) is { } refused)
            return refused;
        var view = await translations.GetAsync(userId, episodeId, language, ct);
        return view.IsSuccess ? TypedResults.Ok(view.Value) : Problem(view.Error, text);
    }

    private static async Task<Results<Ok<TranslationView>, ProblemHttpResult>> EditLineAsync(
        Guid projectId, Guid episodeId, string language, Guid shotId, TranslationLineRequest request, HttpContext http, EpisodeTranslations translations,
        IStringLocalizer<TranslationText> text, CancellationToken ct)
    {
        var userId = http.UserId();
        if (await RefusalAsync(translations, userId, projectId, episodeId, text, ct) is { } refused)
            return refused;
        var edited = await translations.EditLineAsync(userId, episodeId, language, shotId, request.Text ?? "", ct);
        return edited.IsSuccess ? TypedResults.Ok(edited.Value) : Problem(edited.Error, text);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChooseAsync(
        Guid projectId, Guid episodeId, EpisodeLanguageRequest request, HttpContext http, EpisodeTranslations translations,
        IStringLocalizer<TranslationText> text, CancellationToken ct)
    {
        var userId = http.UserId();
        if (await RefusalAsync(translations, userId, projectId, episodeId, text, ct) is { } refused)
            return refused;
        var chosen = await translations.ChooseAsync(userId, episodeId, request.Language ?? "", ct);
        return chosen.IsSuccess ? TypedResults.NoContent() : Problem(chosen.Error, text);
    }

    /// <summary>
    /// An episode that is not the route's project's, or a project the caller may not read, is not found, before the
    /// body is looked at: its rules must not tell a stranger that the episode exists.
    /// </summary>
    private static async Task<ProblemHttpResult?> RefusalAsync(
        EpisodeTranslations translations, string userId, Guid projectId, Guid episodeId, IStringLocalizer<TranslationText> text, CancellationToken ct)
    {
        var project = await translations.ProjectOfAsync(userId, episodeId, ct);
        return project.IsSuccess && project.Value == projectId ? null : Problem(EpisodeTranslations.NotFound, text);
    }

    private static TranslationTaskResponse? TaskOf(TranslationWork? work) =>
        work is null ? null : new TranslationTaskResponse(work.TaskId, work.Status, work.Progress, work.Reason, work.Credits, work.At);

    /// <summary>
    /// A refusal as a problem: not found 404, a viewer's 403, no credits or over the budget 402, a translation already on
    /// its way or nothing to translate 409, a language or line the rules refuse 422.
    /// </summary>
    internal static ProblemHttpResult Problem(string? code, IStringLocalizer<TranslationText> text)
    {
        code ??= "unknown";
        var detail = Describe(text, code);
        return code switch
        {
            EpisodeTranslations.NotFound => ApiProblems.NotFound(detail, code),
            ProjectAccess.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", detail, code),
            CreditLedger.Insufficient => ApiProblems.Problem(StatusCodes.Status402PaymentRequired, "Not enough credits", detail, code),
            ProjectBudgets.Exceeded => ApiProblems.Problem(StatusCodes.Status402PaymentRequired, "Over the project's budget", detail, code),
            StageProduction.AlreadyRunning or EpisodeTranslations.NothingToTranslate => ApiProblems.Conflict(detail, code),
            _ when ApiProblems.IsNotFound(code) => ApiProblems.NotFound(detail, code),
            _ => ApiProblems.Unprocessable(detail, code),
        };
    }

    private static string Describe(IStringLocalizer<TranslationText> text, string code)
    {
        var message = text[$"Error.{code}"];
        return message.ResourceNotFound ? code : message.Value;
    }
}
