using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Notes;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Media.Notes;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>
/// A note page's inputs, fixed at queue time: the picture to ask for (no text in it) and what the studio lays over it.
/// <paramref name="Number"/> 0 is the cover; <paramref name="PageCount"/> counts the content pages.
/// </summary>
public sealed record NotePageInput(
    ImageRequest Picture,
    int Number,
    int PageCount,
    string Heading,
    string Text,
    string Language,
    IReadOnlyList<string> Palette);

/// <summary>A note's outline: the cover's hook and one page per point; the pages keep their nodes across regenerations.</summary>
public sealed class NoteOutlineStep(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : TextStageStep<NoteOutlineContext, NoteOutlineDraft>(text, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.NoteOutline;

    protected override string? Problem(NoteOutlineContext context, NoteOutlineDraft draft) =>
        string.IsNullOrWhiteSpace(draft.Hook) ? "the outline has no cover hook"
        : draft.Pages.Count != context.Brief.PageCount ? $"the outline has {draft.Pages.Count} pages, not {context.Brief.PageCount}"
        : draft.Pages.Any(p => string.IsNullOrWhiteSpace(p.Heading) || string.IsNullOrWhiteSpace(p.Line)) ? "a page has no heading or line"
        : null;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, NoteOutlineDraft draft, DateTimeOffset now)
    {
        var note = graph.Note ?? throw new InvalidOperationException("the note's outline node is missing");
        note.Hook = NoteRules.Cut(draft.Hook, NoteRules.HookMaxLength);
        var wanted = new List<NotePageDraft> { new(draft.CoverText, draft.Hook, draft.CoverText, draft.CoverImagePrompt) };
        wanted.AddRange(draft.Pages);
        for (var number = 0; number < wanted.Count; number++)
        {
            var page = note.Pages.FirstOrDefault(p => p.Number == number);
            if (page is null)
            {
                page = new NotePage { ProjectId = note.ProjectId, NoteId = note.Id, Number = number };
                db.NotePages.Add(page);
                note.Pages.Add(page);
            }
            var source = wanted[number];
            page.Line = NoteRules.Cut(number == 0 ? draft.Hook : source.Line, NoteRules.LineMaxLength);
            page.Heading = NoteRules.Cut(source.Heading, NoteRules.HeadingLimit(number == 0));
            page.Text = NoteRules.Cut(source.Text, NoteRules.TextMaxLength);
            page.ImagePrompt = NoteRules.Cut(source.ImagePrompt.Length > 0 ? source.ImagePrompt : source.Line, NoteRules.ImagePromptMaxLength);
            page.LastError = null;
            // The page's text changed: a picture made before no longer says it, until it is made again.
            page.State = page.ImageKey is null ? NodeState.Empty : NodeState.Stale;
            NodeVersions.Append(db, page, NotePageSnapshot.Of(page), NodeVersionSource.Generated, task.Id, null, now);
        }
        foreach (var gone in note.Pages.Where(p => p.Number >= wanted.Count).ToList())
        {
            db.NotePages.Remove(gone);
            note.Pages.Remove(gone);
        }
        note.State = NodeState.Ready;
        note.LastError = null;
        NodeVersions.Append(db, note, NoteOutlineSnapshot.Of(note), NodeVersionSource.Generated, task.Id, null, now);
        graph.Post?.MarkStale();
        graph.Project.Advance(ProjectStage.Script);
    }
}

/// <summary>
/// One page of a note: the routed image provider paints the picture, the studio lays the heading and text over it
/// (<see cref="NotePageLayout"/>) and stores the 1080×1440 JPEG.
/// </summary>
public sealed class NotePageStep(IImageProvider images, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : MediaStageStep<NotePageInput>(storage, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.NotePage;
    protected override string Area => ProjectAreas.Images;

    protected override async Task<(byte[], string, decimal?, ProviderUsage)> ProduceAsync(NotePageInput request, CancellationToken ct)
    {
        var picture = await images.GenerateImageAsync(request.Picture, ct);
        var page = NotePageLayout.Render(picture.Content, new NotePageText(request.Number, request.PageCount, request.Heading, request.Text), request.Palette);
        return (page, "image/jpeg", null, picture.Usage);
    }

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, MediaResult result, DateTimeOffset now)
    {
        var page = graph.Note?.Pages.FirstOrDefault(p => p.Id == task.TargetId) ?? throw new InvalidOperationException("the page no longer exists");
        page.ImageKey = result.Key;
        page.State = NodeState.Ready;
        page.LastError = null;
        NodeVersions.Append(db, page, NotePageSnapshot.Of(page), NodeVersionSource.Generated, task.Id, null, now);
        graph.Project.Advance(ProjectStage.Segments);
        if (graph.Note!.Pages.All(p => p.ImageKey is not null) && graph.Post is { CurrentVersion: > 0 })
            graph.Project.Advance(ProjectStage.Compose);
        graph.Project.Touch();
    }
}

/// <summary>The note's post: title, body and hashtags, kept inside the platform's limits.</summary>
public sealed class NotePostStep(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : TextStageStep<NotePostContext, NotePostDraft>(text, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.NotePost;

    protected override string? Problem(NotePostContext context, NotePostDraft draft) =>
        string.IsNullOrWhiteSpace(draft.Title) ? "the post has no title"
        : string.IsNullOrWhiteSpace(draft.Body) ? "the post has no body"
        : null;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, NotePostDraft draft, DateTimeOffset now)
    {
        var post = graph.Post ?? throw new InvalidOperationException("the note's post node is missing");
        // A model that wrote past the platform's limits is cut to them (the creator sees and can edit the result).
        post.Title = NoteRules.Cut(draft.Title, NoteRules.TitleMaxLength);
        post.Body = NoteRules.Cut(draft.Body, NoteRules.BodyMaxLength);
        post.Hashtags = draft.Hashtags.Select(NoteRules.CleanHashtag).Where(t => t.Length > 0)
            .Select(t => NoteRules.Cut(t, NoteRules.HashtagMaxLength)).Distinct().Take(NoteRules.MaxHashtags).ToList();
        post.State = NodeState.Ready;
        post.LastError = null;
        NodeVersions.Append(db, post, NotePostSnapshot.Of(post), NodeVersionSource.Generated, task.Id, null, now);
        if (graph.Note is { } note && note.Pages.Count > 0 && note.Pages.All(p => p.ImageKey is not null))
            graph.Project.Advance(ProjectStage.Compose);
    }
}
