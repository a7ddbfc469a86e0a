using DreamX.Domain.Canvas;
using DreamX.Domain.Notes;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Media.Notes;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Api.Projects;

/// <summary>One page of an image-text note: its words, what its picture shows, and a signed link to the finished page once made.</summary>
public sealed record NotePageResponse(
    Guid Id, NodeState State, int CurrentVersion, int Number, bool IsCover, string Line, string Heading, string Text, string ImagePrompt,
    DownloadLink? Image, string? LastError);

/// <summary>The note's post (title ≤ 20 characters, body ≤ 1000, hashtags).</summary>
public sealed record NotePostResponse(Guid Id, NodeState State, int CurrentVersion, string Title, string Body, IReadOnlyList<string> Hashtags, string? LastError);

/// <summary>An image-text note: the outline's hook and state, its pages (the cover first) and its post (null until written).</summary>
public sealed record NoteResponse(
    Guid ProjectId, Guid? OutlineId, NodeState OutlineState, string Hook, IReadOnlyList<NotePageResponse> Pages, NotePostResponse? Post);

/// <summary>The outline: the cover's hook and one line per content page (as many as the note has).</summary>
public sealed record NoteOutlineRequest(string? Hook, IReadOnlyList<string>? Lines);

/// <summary>A page's heading and text drawn on the picture, and what the picture shows.</summary>
public sealed record NotePageRequest(string? Heading, string? Text, string? ImagePrompt);

/// <summary>The post's title, body and hashtags (with or without '#').</summary>
public sealed record NotePostRequest(string? Title, string? Body, IReadOnlyList<string>? Hashtags);

/// <summary>
/// Image-text notes (项目类型 redbook_note) over the API: read the note, edit its outline, pages and post, and export it as
/// a ZIP of numbered JPEGs with post.txt. The note's stages are generated with the canvas verbs <c>note-outline</c>,
/// <c>note-pages</c> (one page with <c>?nodeId=</c>) and <c>note-post</c>. The same services and rules as the canvas.
/// </summary>
public static class NoteEndpoints
{
    private const string NotANote = "note.not_a_note";

    public static RouteGroupBuilder MapNoteEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapGet("/{projectId:guid}/note", GetAsync).WithName("GetNote")
            .WithSummary("An image-text note: outline, pages (with signed links to the finished pictures) and post");
        projects.MapPut("/{projectId:guid}/note/outline", EditOutlineAsync).WithName("EditNoteOutline")
            .WithSummary("Edit the note's hook and page lines (the pages whose line changed go stale)").RequiresWrite();
        projects.MapPut("/{projectId:guid}/note/pages/{pageId:guid}", EditPageAsync).WithName("EditNotePage")
            .WithSummary("Edit one page's heading, text and picture prompt (the page goes stale until made again)").RequiresWrite();
        projects.MapPut("/{projectId:guid}/note/post", EditPostAsync).WithName("EditNotePost")
            .WithSummary("Edit the post's title, body and hashtags").RequiresWrite();
        projects.MapPost("/{projectId:guid}/note/export", ExportAsync).WithName("ExportNote")
            .WithSummary("The finished note as a ZIP (01.jpg is the cover, then the pages, and post.txt): a signed link").RequiresWrite();
        return projects;
    }

    private static async Task<Results<Ok<NoteResponse>, ProblemHttpResult>> GetAsync(
        Guid projectId, HttpContext http, ProjectGraphReader graphs, MediaUrls media, IOptions<ObjectStorageOptions> storage, TimeProvider clock,
        CancellationToken ct)
    {
        var userId = http.UserId();
        var (graph, refused) = await ReadNoteAsync(graphs, userId, projectId, ct);
        if (refused is not null)
            return refused;
        var reader = ObjectReader.User(userId);
        var expires = clock.GetUtcNow() + storage.Value.ReadUrlLifetime;
        var note = graph.Note;
        var pages = new List<NotePageResponse>();
        foreach (var (page, index) in (note?.Pages ?? []).OrderBy(p => p.Number).Select((p, i) => (p, i)))
        {
            pages.Add(new NotePageResponse(page.Id, page.State, page.CurrentVersion, page.Number, page.IsCover, page.Line, page.Heading, page.Text,
                page.ImagePrompt, await DownloadEndpoints.LinkAsync(http, media, page.ImageKey, reader, NoteExport.FileName(index), expires, ct),
                page.LastError));
        }
        var post = graph.Post is { } p
            ? new NotePostResponse(p.Id, p.State, p.CurrentVersion, p.Title, p.Body, p.Hashtags, p.LastError)
            : null;
        return TypedResults.Ok(new NoteResponse(projectId, note?.Id, note?.State ?? NodeState.Empty, note?.Hook ?? "", pages, post));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> EditOutlineAsync(
        Guid projectId, NoteOutlineRequest request, HttpContext http, ProjectGraphReader graphs, NoteEdits edits, IStringLocalizer<CanvasPanelText> text,
        CancellationToken ct) =>
        await RefusalAsync(graphs, http.UserId(), projectId, ct) is { } refused
            ? refused
            : ProductionEndpoints.Edited(await edits.EditOutlineAsync(http.UserId(), projectId, request.Hook ?? "", request.Lines ?? [], ct), text);

    private static async Task<Results<NoContent, ProblemHttpResult>> EditPageAsync(
        Guid projectId, Guid pageId, NotePageRequest request, HttpContext http, ProjectGraphReader graphs, NoteEdits edits,
        IStringLocalizer<CanvasPanelText> text, CancellationToken ct) =>
        await RefusalAsync(graphs, http.UserId(), projectId, ct) is { } refused
            ? refused
            : ProductionEndpoints.Edited(await edits.EditPageAsync(http.UserId(), projectId, pageId,
                new NotePageEdit(request.Heading ?? "", request.Text ?? "", request.ImagePrompt ?? ""), ct), text);

    private static async Task<Results<NoContent, ProblemHttpResult>> EditPostAsync(
        Guid projectId, NotePostRequest request, HttpContext http, ProjectGraphReader graphs, NoteEdits edits, IStringLocalizer<CanvasPanelText> text,
        CancellationToken ct) =>
        await RefusalAsync(graphs, http.UserId(), projectId, ct) is { } refused
            ? refused
            : ProductionEndpoints.Edited(await edits.EditPostAsync(http.UserId(), projectId,
                new NotePostEdit(request.Title ?? "", request.Body ?? "", request.Hashtags ?? []), ct), text);

    /// <summary>
    /// Someone else's project is not found and a drama is not a note, before the body is looked at: the rules of the body
    /// must not tell a stranger that the project exists.
    /// </summary>
    private static async Task<ProblemHttpResult?> RefusalAsync(ProjectGraphReader graphs, string userId, Guid projectId, CancellationToken ct) =>
        (await ReadNoteAsync(graphs, userId, projectId, ct)).Refused;

    /// <summary>The note's project as the caller may read it, or why not (not found, or not a note).</summary>
    private static async Task<(ProjectGraph Graph, ProblemHttpResult? Refused)> ReadNoteAsync(
        ProjectGraphReader graphs, string userId, Guid projectId, CancellationToken ct)
    {
        var graph = await graphs.ReadAsync(userId, projectId, ct);
        if (graph.IsFailure)
            return (null!, ApiProblems.NotFound("There is no such project.", graph.Error));
        return graph.Value.Project.Type == ProjectType.RedbookNote ? (graph.Value, null) : (graph.Value, NotNote());
    }

    private static async Task<Results<Ok<DownloadLink>, ProblemHttpResult>> ExportAsync(
        Guid projectId, HttpContext http, NoteExport export, ProjectGraphReader graphs, MediaUrls media, IOptions<ObjectStorageOptions> storage,
        TimeProvider clock, IStringLocalizer<NoteText> text, CancellationToken ct)
    {
        var userId = http.UserId();
        var (graph, refused) = await ReadNoteAsync(graphs, userId, projectId, ct);
        if (refused is not null)
            return refused;
        var exported = await export.ExportAsync(userId, projectId, ct);
        if (exported.IsFailure)
        {
            var code = exported.Error!;
            if (code == NoteExport.NotFound)
                return ApiProblems.NotFound("There is no such project.", code);
            var message = text[$"Export.{code}"];
            return ApiProblems.Conflict(message.ResourceNotFound ? code : message.Value, code);
        }
        var name = $"{DownloadEndpoints.Slug(graph.Project.Title)}-note.zip";
        var link = await DownloadEndpoints.LinkAsync(http, media, exported.Value.ToString(), ObjectReader.User(userId), name,
            clock.GetUtcNow() + storage.Value.ReadUrlLifetime, ct);
        return link is null ? ApiProblems.NotFound("The note's export is missing.", NoteExport.NotFound) : TypedResults.Ok(link);
    }

    private static ProblemHttpResult NotNote() =>
        ApiProblems.Conflict("This project is not an image-text note: its type is set at the checkpoint.", NotANote);
}
