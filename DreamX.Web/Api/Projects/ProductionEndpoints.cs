using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Api.Tasks;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Api.Projects;

/// <summary>What a step would cost before it is queued.</summary>
/// <param name="Step">The canvas verb.</param>
/// <param name="TaskCount">How many tasks it would queue (items already queued or running are not counted again).</param>
/// <param name="Credits">What it would cost.</param>
/// <param name="EstimatedSeconds">About how long, at your plan's parallel tasks.</param>
/// <param name="Blocker">Why it cannot run now (a code), or null.</param>
/// <param name="BlockerMessage">The blocker in words.</param>
public sealed record QuoteResponse(string Step, int TaskCount, int Credits, int EstimatedSeconds, string? Blocker, string? BlockerMessage, int ParallelTasks);

/// <summary>The tasks a generate call queued: follow them at <c>/api/v1/tasks/{id}</c>.</summary>
public sealed record GenerateResponse(string Step, Guid? NodeId, IReadOnlyList<TaskResponse> Tasks);

/// <summary>How many of a step's tasks were stopped.</summary>
public sealed record StopResponse(int Stopped);

/// <summary>A character's card (the same fields as the canvas panel).</summary>
public sealed record CharacterEditRequest(string Name, string Occupation, CharacterLevel Level, Gender Gender, int? Age, string Bio, string Appearance, Guid? VoiceId);

/// <summary>A scene's dialogue and action lines, in order.</summary>
public sealed record SceneLinesRequest(IReadOnlyList<ScriptLine> Lines);

/// <summary>A shot (the same fields as the canvas panel).</summary>
public sealed record ShotEditRequest(ShotType ShotType, CameraMove CameraMove, decimal DurationSeconds, ShotTransition Transition, string VisualPrompt, string? SpokenText);

/// <summary>An episode's compose settings: its music (null: chosen from the story's mood) and burned subtitles.</summary>
public sealed record ComposeSettingsRequest(Guid? MusicTrackId, bool BurnSubtitles);

/// <summary>A shot's new place in its scene, from 1.</summary>
public sealed record MoveShotRequest(int Position);

/// <summary>The story bible's fields; an empty episode plan keeps the current one.</summary>
public sealed record StoryBibleEditRequest(
    string Genre, string Logline, string Synopsis, string World, IReadOnlyList<string> Themes, string Tone, IReadOnlyList<EpisodePlanEntry>? EpisodePlan);

/// <summary>
/// Production on the canvas, with the seed-000 verbs: <c>checkpoint</c> (improve the idea), <c>story-bible</c>, <c>characters</c>,
/// <c>portraits</c>, <c>script</c>, <c>scene-design</c>, <c>segment-design</c> (shot lists), <c>shot-images</c>, <c>shot-audio</c>,
/// <c>shot-videos</c> (a clip per shot from the video providers), <c>compose-preview</c>, <c>compose</c>; for an image-text note <c>note-outline</c>,
/// <c>note-pages</c>, <c>note-post</c>. Without <c>nodeId</c> a verb fans out over every item of its stage; with one it makes
/// that node only. Node edits mark what was made from the node stale, as the canvas panel does.
/// </summary>
public static class ProductionEndpoints
{
    public static readonly IReadOnlyDictionary<string, ProductionStep> Verbs = new Dictionary<string, ProductionStep>(StringComparer.OrdinalIgnoreCase)
    {
        ["checkpoint"] = ProductionStep.ImproveIdea,
        ["story-bible"] = ProductionStep.StoryBible,
        ["characters"] = ProductionStep.Characters,
        ["portraits"] = ProductionStep.Portraits,
        ["script"] = ProductionStep.Scripts,
        ["scene-design"] = ProductionStep.SceneDesigns,
        ["segment-design"] = ProductionStep.ShotLists,
        ["shot-images"] = ProductionStep.ShotImages,
        ["shot-audio"] = ProductionStep.ShotAudio,
        ["shot-videos"] = ProductionStep.ShotVideos,
        ["compose-preview"] = ProductionStep.ComposePreview,
        ["compose"] = ProductionStep.ComposeFinal,
        ["note-outline"] = ProductionStep.NoteOutline,
        ["note-pages"] = ProductionStep.NotePages,
        ["note-post"] = ProductionStep.NotePost,
        ["song-map"] = ProductionStep.SongMap,
        ["mv-shots"] = ProductionStep.MusicVideoShots,
    };

    public static string VerbOf(ProductionStep step) => Verbs.First(v => v.Value == step).Key;

    public static RouteGroupBuilder MapProductionEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapGet("/{projectId:guid}/canvas/{verb}/quote", QuoteAsync).WithName("QuoteStep")
            .WithSummary("What a stage (or, with nodeId, one node) would cost and how long it would take");
        projects.MapPost("/{projectId:guid}/canvas/{verb}", GenerateAsync).WithName("GenerateStep")
            .WithSummary("Generate a stage (fan-out) or, with nodeId, one node: the tasks queued").Spends().Idempotent();
        projects.MapPost("/{projectId:guid}/canvas/{verb}/stop", StopAsync).WithName("StopStep")
            .WithSummary("Stop a stage's waiting, queued and running tasks (their credits come back)").RequiresWrite();

        projects.MapGet("/{projectId:guid}/shots/{shotId:guid}/{media:regex(^(image|audio|video)$)}/quote", QuoteShotAsync).WithName("QuoteShotMedia")
            .WithSummary("What one shot's image, audio or video clip would cost");
        projects.MapPost("/{projectId:guid}/shots/{shotId:guid}/{media:regex(^(image|audio|video)$)}", GenerateShotAsync).WithName("GenerateShotMedia")
            .WithSummary("Generate one shot's image, audio or video clip").Spends().Idempotent();

        projects.MapPut("/{projectId:guid}/story-bible", EditBibleAsync).WithName("EditStoryBible").WithSummary("Edit the story bible").RequiresWrite();
        projects.MapPut("/{projectId:guid}/characters/{characterId:guid}", EditCharacterAsync).WithName("EditCharacter")
            .WithSummary("Edit a character").RequiresWrite();
        projects.MapPut("/{projectId:guid}/scenes/{sceneId:guid}/lines", EditSceneLinesAsync).WithName("EditSceneLines")
            .WithSummary("Replace a scene's lines").RequiresWrite();
        projects.MapPut("/{projectId:guid}/shots/{shotId:guid}", EditShotAsync).WithName("EditShot").WithSummary("Edit a shot").RequiresWrite();
        projects.MapPost("/{projectId:guid}/shots/{shotId:guid}/move", MoveShotAsync).WithName("MoveShot")
            .WithSummary("Move a shot within its scene").RequiresWrite();
        projects.MapPut("/{projectId:guid}/compositions/{compositionId:guid}", EditComposeAsync).WithName("EditComposition")
            .WithSummary("An episode's music and subtitles").RequiresWrite();

        projects.MapGet("/{projectId:guid}/nodes/{kind}/{nodeId:guid}/versions", VersionsAsync).WithName("ListNodeVersions")
            .WithSummary("A node's versions, newest first (kind: StoryBible, Character, Scene, Segment, …)");
        projects.MapPost("/{projectId:guid}/versions/{versionId:guid}/restore", RestoreAsync).WithName("RestoreNodeVersion")
            .WithSummary("Bring an earlier version back as a new version").RequiresWrite();
        return projects;
    }

    private static async Task<Results<Ok<QuoteResponse>, ProblemHttpResult>> QuoteAsync(
        Guid projectId, string verb, [FromQuery] Guid? nodeId, HttpContext http, StageProduction production,
        IStringLocalizer<ProductionText> text, CancellationToken ct)
    {
        if (!Verbs.TryGetValue(verb, out var step))
            return UnknownVerb(verb);
        var quote = await production.QuoteAsync(http.UserId(), projectId, step, nodeId, ct);
        if (quote.IsFailure)
            return Problem(quote.Error, text);
        var q = quote.Value;
        return TypedResults.Ok(new QuoteResponse(VerbOf(step), q.TaskCount, q.Credits, q.EstimatedSeconds, q.Blocker,
            q.Blocker is null ? null : text.Blocker(q.Blocker), q.ParallelTasks));
    }

    /// <param name="language">
    /// For <c>compose</c> and <c>compose-preview</c> of one episode (<c>nodeId</c>: its compose node): the language to render,
    /// its own or one of its versions. The episode's language switch is set to it first (as on the canvas), then the
    /// compose is queued.
    /// </param>
    private static async Task<Results<Accepted<GenerateResponse>, ProblemHttpResult>> GenerateAsync(
        Guid projectId, string verb, [FromQuery] Guid? nodeId, [FromQuery] string? language, HttpContext http, StageProduction production,
        EpisodeTranslations translations, IStringLocalizer<ProductionText> text, IStringLocalizer<TranslationText> translationText, CancellationToken ct)
    {
        if (!Verbs.TryGetValue(verb, out var step))
            return UnknownVerb(verb);
        if (!string.IsNullOrEmpty(language))
        {
            if (step is not (ProductionStep.ComposePreview or ProductionStep.ComposeFinal) || nodeId is null)
                return ApiProblems.Unprocessable("A language is chosen for one episode's compose: use it with compose or compose-preview and the compose node's nodeId.",
                    "production.language_needs_compose");
            var graph = await production.LoadAsync(http.UserId(), projectId, ct);
            if (graph is null)
                return Problem(StageProduction.NotFound, text);
            if (graph.Compositions.FirstOrDefault(c => c.Id == nodeId) is not { } composition)
                return ApiProblems.NotFound("There is no such compose node.", NodeEdits.NotFound);
            var chosen = await translations.ChooseAsync(http.UserId(), composition.EpisodeId, language, ct);
            if (chosen.IsFailure)
                return TranslationEndpoints.Problem(chosen.Error, translationText);
        }
        var queued = await production.GenerateAsync(http.UserId(), projectId, step, nodeId, ct);
        if (queued.IsFailure)
            return Problem(queued.Error, text);
        return TypedResults.Accepted($"{ApiRoutes.Prefix}/tasks?projectId={projectId}",
            new GenerateResponse(VerbOf(step), nodeId, queued.Value.Select(TaskResponse.From).ToList()));
    }

    private static async Task<Results<Ok<StopResponse>, ProblemHttpResult>> StopAsync(
        Guid projectId, string verb, [FromQuery] Guid? nodeId, HttpContext http, StageProduction production, CancellationToken ct)
    {
        if (!Verbs.TryGetValue(verb, out var step))
            return UnknownVerb(verb);
        var stopped = await production.StopAsync(http.UserId(), projectId, step, nodeId, ct);
        return stopped.IsSuccess ? TypedResults.Ok(new StopResponse(stopped.Value)) : Problem(stopped.Error);
    }

    private static Task<Results<Ok<QuoteResponse>, ProblemHttpResult>> QuoteShotAsync(
        Guid projectId, Guid shotId, string media, HttpContext http, StageProduction production, IStringLocalizer<ProductionText> text, CancellationToken ct) =>
        QuoteAsync(projectId, ShotVerb(media), shotId, http, production, text, ct);

    private static async Task<Results<Accepted<GenerateResponse>, ProblemHttpResult>> GenerateShotAsync(
        Guid projectId, Guid shotId, string media, HttpContext http, StageProduction production, IStringLocalizer<ProductionText> text,
        ProjectLibrary library, EpisodeTranslations translations, IStringLocalizer<TranslationText> translationText, CancellationToken ct)
    {
        // A shot id of another project (or nobody's) plans nothing: 404 rather than "already running".
        var graph = await production.LoadAsync(http.UserId(), projectId, ct);
        if (graph is null || graph.Shots.All(s => s.Id != shotId))
            return ApiProblems.NotFound("There is no such shot.", NodeEdits.NotFound);
        return await GenerateAsync(projectId, ShotVerb(media), shotId, null, http, production, translations, text, translationText, ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EditBibleAsync(
        Guid projectId, StoryBibleEditRequest request, HttpContext http, NodeEdits edits, ProjectLibrary library,
        IStringLocalizer<CanvasPanelText> text, CancellationToken ct)
    {
        var project = await library.GetAsync(http.UserId(), projectId, ct);
        if (project.IsFailure)
            return ApiProblems.NotFound("There is no such project.", project.Error);
        var draft = new StoryBibleDraft(project.Value.Title, request.Genre ?? "", request.Logline ?? "", request.Synopsis ?? "", request.World ?? "",
            request.Themes ?? [], request.Tone ?? "", request.EpisodePlan ?? []);
        return Edited(await edits.EditBibleAsync(http.UserId(), projectId, draft, ct), text);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EditCharacterAsync(
        Guid projectId, Guid characterId, CharacterEditRequest r, HttpContext http, NodeEdits edits, IStringLocalizer<CanvasPanelText> text, CancellationToken ct) =>
        Edited(await edits.EditCharacterAsync(http.UserId(), projectId, characterId,
            new CharacterEdit(r.Name ?? "", r.Occupation ?? "", r.Level, r.Gender, r.Age, r.Bio ?? "", r.Appearance ?? "", r.VoiceId), ct), text);

    private static async Task<Results<NoContent, ProblemHttpResult>> EditSceneLinesAsync(
        Guid projectId, Guid sceneId, SceneLinesRequest r, HttpContext http, NodeEdits edits, IStringLocalizer<CanvasPanelText> text, CancellationToken ct) =>
        Edited(await edits.EditSceneLinesAsync(http.UserId(), projectId, sceneId, r.Lines ?? [], ct), text);

    private static async Task<Results<NoContent, ProblemHttpResult>> EditShotAsync(
        Guid projectId, Guid shotId, ShotEditRequest r, HttpContext http, NodeEdits edits, IStringLocalizer<CanvasPanelText> text, CancellationToken ct) =>
        Edited(await edits.EditShotAsync(http.UserId(), projectId, shotId,
            new ShotEdit(r.ShotType, r.CameraMove, r.DurationSeconds, r.Transition, r.VisualPrompt ?? "", r.SpokenText), ct), text);

    private static async Task<Results<NoContent, ProblemHttpResult>> MoveShotAsync(
        Guid projectId, Guid shotId, MoveShotRequest r, HttpContext http, NodeEdits edits, IStringLocalizer<CanvasPanelText> text, CancellationToken ct) =>
        Edited(await edits.MoveShotAsync(http.UserId(), projectId, shotId, r.Position, ct), text);

    private static async Task<Results<NoContent, ProblemHttpResult>> EditComposeAsync(
        Guid projectId, Guid compositionId, ComposeSettingsRequest r, HttpContext http, NodeEdits edits, IStringLocalizer<CanvasPanelText> text,
        CancellationToken ct) =>
        Edited(await edits.EditComposeAsync(http.UserId(), projectId, compositionId, new ComposeSettings(r.MusicTrackId, r.BurnSubtitles), ct), text);

    private static async Task<Results<Ok<IReadOnlyList<NodeVersionInfo>>, ProblemHttpResult>> VersionsAsync(
        Guid projectId, NodeKind kind, Guid nodeId, HttpContext http, NodeEdits edits, ProjectLibrary library, CancellationToken ct)
    {
        var userId = http.UserId();
        var versions = await edits.ListVersionsAsync(userId, projectId, kind, nodeId, ct);
        if (versions.Count == 0 && (await library.GetAsync(userId, projectId, ct)).IsFailure)
            return ApiProblems.NotFound("There is no such project.", ProjectLibrary.NotFound);
        return TypedResults.Ok(versions);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RestoreAsync(
        Guid projectId, Guid versionId, HttpContext http, NodeEdits edits, IStringLocalizer<CanvasPanelText> text, CancellationToken ct) =>
        Edited(await edits.RestoreAsync(http.UserId(), projectId, versionId, ct), text);

    internal static Results<NoContent, ProblemHttpResult> Edited(Domain.Common.Result result, IStringLocalizer<CanvasPanelText> text)
    {
        if (result.IsSuccess)
            return TypedResults.NoContent();
        var code = result.Error ?? NodeEdits.Invalid;
        var message = text[$"Error.{code}"];
        var detail = message.ResourceNotFound ? code : message.Value;
        if (ApiProblems.IsNotFound(code))
            return ApiProblems.NotFound(detail, code);
        if (code == Infrastructure.Projects.ProjectAccess.Forbidden)
            return ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", detail, code);
        return code == "node.changed_meanwhile" ? ApiProblems.Conflict(detail, code) : ApiProblems.Unprocessable(detail, code);
    }

    private static string ShotVerb(string media) => media switch
    {
        "image" => "shot-images",
        "audio" => "shot-audio",
        _ => "shot-videos",
    };

    private static ProblemHttpResult UnknownVerb(string verb) =>
        ApiProblems.NotFound($"There is no canvas verb '{verb}'. Use one of: {string.Join(", ", Verbs.Keys)}.", "production.unknown_verb");

    /// <summary>A production refusal as a problem: not found 404, no credits or budget 402, a blocker or a repeat 409.</summary>
    internal static ProblemHttpResult Problem(string? code, IStringLocalizer<ProductionText>? text = null)
    {
        var detail = text is null ? code ?? "error" : text.Blocker(code ?? "error");
        return code switch
        {
            StageProduction.NotFound or ProjectLibrary.NotFound => ApiProblems.NotFound("There is no such project.", code),
            CreditLedger.Insufficient => ApiProblems.Problem(StatusCodes.Status402PaymentRequired, "Not enough credits", detail, code),
            ProjectBudgets.Exceeded => ApiProblems.Problem(StatusCodes.Status402PaymentRequired, "Over the project's budget", detail, code),
            Infrastructure.Projects.ProjectAccess.Forbidden => ApiProblems.Problem(StatusCodes.Status403Forbidden, "Forbidden", detail, code),
            _ when ApiProblems.IsNotFound(code) => ApiProblems.NotFound(detail, code),
            _ => ApiProblems.Conflict(detail, code),
        };
    }
}
