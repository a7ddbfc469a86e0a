using DreamX.Domain.Canvas;
using DreamX.Domain.Common;
using DreamX.Domain.Notes;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>What a creator may change on a note page: the heading and text on the picture and what the picture shows.</summary>
public sealed record NotePageEdit(string Heading, string Text, string ImagePrompt);

/// <summary>What a creator may change on a note's post.</summary>
public sealed record NotePostEdit(string Title, string Body, IReadOnlyList<string> Hashtags);

/// <summary>
/// Hand edits of an image-text note's outline, pages and post. Each is a new version marked as the creator's; a page whose
/// words changed goes stale until its picture is made again, and the post goes stale when the outline changes.
/// Bad input is refused with the first broken rule's code (its arguments in <see cref="Result"/>'s error), and nothing is lost.
/// </summary>
public sealed class NoteEdits(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
{
    public const string NotFound = NodeEdits.NotFound;

    /// <summary>The cover's hook and each content page's line (as many lines as the note has pages).</summary>
    public async Task<Result> EditOutlineAsync(string ownerId, Guid projectId, string hook, IReadOnlyList<string> lines, CancellationToken ct = default)
    {
        if (NoteRules.ValidateOutline(hook, lines) is [var error, ..])
            return Result.Failure(error.Code);
        return await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            if (graph.Note is not { CurrentVersion: > 0 } note)
                return Result.Failure(NotFound);
            var pages = note.Pages.Where(p => !p.IsCover).OrderBy(p => p.Number).ToList();
            if (pages.Count != lines.Count)
                return Result.Failure("note.lines_count");
            var now = clock.GetUtcNow();
            var newHook = hook.Trim();
            if (note.Pages.FirstOrDefault(p => p.IsCover) is { } cover && cover.Heading != newHook)
            {
                cover.Line = newHook;
                cover.Heading = newHook;
                cover.MarkStale();
                NodeVersions.Append(db, cover, NotePageSnapshot.Of(cover), NodeVersionSource.HandEdit, null, ownerId, now);
            }
            note.Hook = newHook;
            for (var i = 0; i < pages.Count; i++)
            {
                var line = lines[i].Trim();
                if (pages[i].Line == line)
                    continue;
                pages[i].Line = line;
                pages[i].MarkStale();
                NodeVersions.Append(db, pages[i], NotePageSnapshot.Of(pages[i]), NodeVersionSource.HandEdit, null, ownerId, now);
            }
            note.State = NodeState.Ready;
            NodeVersions.Append(db, note, NoteOutlineSnapshot.Of(note), NodeVersionSource.HandEdit, null, ownerId, now);
            graph.Post?.MarkStale();
            return Result.Success();
        }, ct);
    }

    public async Task<Result> EditPageAsync(string ownerId, Guid projectId, Guid pageId, NotePageEdit edit, CancellationToken ct = default)
    {
        return await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            var page = graph.Note?.Pages.FirstOrDefault(p => p.Id == pageId);
            if (page is null)
                return Result.Failure(NotFound);
            if (NoteRules.ValidatePage(edit.Heading, edit.Text, edit.ImagePrompt, page.IsCover) is [var error, ..])
                return Result.Failure(error.Code);
            page.Heading = edit.Heading.Trim();
            page.Text = edit.Text.Trim();
            page.ImagePrompt = edit.ImagePrompt.Trim();
            if (page.IsCover)
            {
                graph.Note!.Hook = page.Heading;
                page.Line = page.Heading;
            }
            page.MarkStale();
            NodeVersions.Append(db, page, NotePageSnapshot.Of(page), NodeVersionSource.HandEdit, null, ownerId, clock.GetUtcNow());
            return Result.Success();
        }, ct);
    }

    public async Task<Result> EditPostAsync(string ownerId, Guid projectId, NotePostEdit edit, CancellationToken ct = default)
    {
        if (NoteRules.ValidatePost(edit.Title, edit.Body, edit.Hashtags) is [var error, ..])
            return Result.Failure(error.Code);
        return await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            if (graph.Post is not { CurrentVersion: > 0 } post)
                return Result.Failure(NotFound);
            post.Title = edit.Title.Trim();
            post.Body = edit.Body.Trim();
            post.Hashtags = edit.Hashtags.Select(NoteRules.CleanHashtag).Where(t => t.Length > 0).Distinct().ToList();
            post.State = NodeState.Ready;
            NodeVersions.Append(db, post, NotePostSnapshot.Of(post), NodeVersionSource.HandEdit, null, ownerId, clock.GetUtcNow());
            return Result.Success();
        }, ct);
    }

    private Task<Result> ChangeAsync(string userId, Guid projectId, Func<DreamXDbContext, ProductionGraph, Result> change, CancellationToken ct) =>
        NodeEdits.ApplyAsync(contexts, clock, userId, projectId, change, ct);
}
