using DreamX.Infrastructure.Audit;
using DreamX.Domain.Assets;
using DreamX.Domain.Common;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Media.Notes;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>
/// Creators submit a final render of their own episode to the showcase; admins approve or reject it. The render's
/// video and cover (and every finished language's video and subtitles: the episode's own and its language versions) are
/// copied from the private project scope into the public <c>assets/showcases/</c> scope, so the
/// gallery can play them without opening the project's files and deleting the project leaves the showcase intact.
/// An image-text note is submitted whole: its page pictures are copied the same way and its post is kept on the
/// showcase, so the gallery keeps showing the note as it was submitted (a page made again afterwards changes the
/// project, not the showcase; to show the new pages the creator withdraws the showcase and submits the note again, and
/// it is reviewed again). A creator may withdraw their own submission at any time: it leaves the gallery at once and its
/// copied files are deleted.
/// </summary>
public sealed class ShowcaseSubmissions(IDbContextFactory<DreamXDbContext> contexts, IObjectStorage storage, TimeProvider clock)
{
    public const string RenderNotFound = "showcase.render_not_found";
    public const string NotFinal = "showcase.not_final";
    public const string AlreadySubmitted = "showcase.already_submitted";
    public const string NotPending = "showcase.not_pending";
    public const string NoteNotFound = "showcase.note_not_found";
    public const string NoteNotReady = "showcase.note_not_ready";
    public const string NotFound = "showcase.not_found";

    /// <summary>The creator's pending or approved submission of this render's episode (what it is and where it stands), if any.</summary>
    public async Task<ShowcaseEntry?> EntryOfRenderAsync(string userId, Guid renderId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var episodeId = await (from r in db.CompositionRenders
                               join c in db.Compositions on r.CompositionId equals c.Id
                               where r.Id == renderId
                               select (Guid?)c.EpisodeId).FirstOrDefaultAsync(ct);
        if (episodeId is null)
            return null;
        return await db.Showcases.AsNoTracking()
            .Where(s => s.SubmittedBy == userId && s.EpisodeId == episodeId && s.Status != ShowcaseStatus.Rejected)
            .Select(s => new ShowcaseEntry(s.Id, s.Status)).FirstOrDefaultAsync(ct);
    }

    /// <summary>The creator's pending or approved submission of this project's note, if any.</summary>
    public async Task<ShowcaseEntry?> EntryOfNoteAsync(string userId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await PendingOrApprovedNote(db, userId, projectId).Select(s => new ShowcaseEntry(s.Id, s.Status)).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Submits the project's image-text note as a pending showcase: a copy of every page picture (the cover first) and
    /// its post as they are now. Only the project's owner submits, and only a finished note (every page made, the post
    /// written). Titled <paramref name="title"/>, else the post's title.
    /// </summary>
    public async Task<Result<Showcase>> SubmitNoteAsync(string userId, Guid projectId, string? title, string? description, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var owned = await db.Projects.AsNoTracking()
            .AnyAsync(p => p.Id == projectId && p.OwnerId == userId && p.Type == ProjectType.RedbookNote, ct);
        if (!owned)
            return Result.Failure<Showcase>(NoteNotFound);
        var bundle = await new NoteExport(contexts, storage).ReadAsync(userId, projectId, ct);
        if (bundle.IsFailure)
            return Result.Failure<Showcase>(bundle.Error == NoteExport.NotFound ? NoteNotFound : NoteNotReady);
        if (await PendingOrApprovedNote(db, userId, projectId).AnyAsync(ct))
            return Result.Failure<Showcase>(AlreadySubmitted);

        var post = bundle.Value.Post;
        var lastPlace = await db.Showcases.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
        var showcase = new Showcase
        {
            SortOrder = lastPlace + 10,
            Title = Clip(string.IsNullOrWhiteSpace(title) ? (string.IsNullOrWhiteSpace(post.Title) ? bundle.Value.Title : post.Title.Trim()) : title.Trim(),
                Showcase.TitleMaxLength),
            Description = Clip(description?.Trim() ?? "", Showcase.DescriptionMaxLength),
            ProjectId = projectId,
            SubmittedBy = userId,
            Status = ShowcaseStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
        };
        var copied = new List<ObjectKey>();
        try
        {
            var pages = new List<string>();
            for (var i = 0; i < bundle.Value.Pages.Count; i++)
            {
                // A page gone from storage (deleted meanwhile) is a note that is not ready: nothing half-published.
                if (await CopyAsync(bundle.Value.Pages[i].Key, showcase.Id, $"page-{i + 1:00}", copied, ct) is not { } page)
                {
                    await DeleteAsync(copied);
                    return Result.Failure<Showcase>(NoteNotReady);
                }
                pages.Add(page);
            }
            showcase.CoverKey = pages[0];
            showcase.Note = new ShowcaseNote(pages, post.Title.Trim(), post.Body.Trim(), post.Hashtags.ToList());
            db.Showcases.Add(showcase);
            await db.SaveChangesAsync(ct);
            return showcase;
        }
        catch
        {
            await DeleteAsync(copied);
            throw;
        }
    }

    /// <summary>
    /// The creator takes their own submission out of the showcase (waiting for review, in the gallery or rejected): it is
    /// removed with every file copied for it. Someone else's showcase, or one that does not exist, is <see cref="NotFound"/>.
    /// </summary>
    public async Task<Result> WithdrawAsync(string userId, Guid showcaseId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var showcase = await db.Showcases.FirstOrDefaultAsync(s => s.Id == showcaseId && s.SubmittedBy == userId && s.ProjectId != null, ct);
        if (showcase is null)
            return Result.Failure(NotFound);
        db.Showcases.Remove(showcase);
        await db.SaveChangesAsync(ct);
        await DeleteAsync(showcase.MediaKeys().Select(key => ObjectKey.TryParse(key, out var stored) ? stored : null).OfType<ObjectKey>());
        return Result.Success();
    }

    /// <summary>Submits the render as a pending showcase titled <paramref name="title"/> (the project's title when blank).</summary>
    public async Task<Result<Showcase>> SubmitAsync(string userId, Guid renderId, string? title, string? description, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var found = await (from r in db.CompositionRenders.AsNoTracking()
                           join c in db.Compositions.AsNoTracking() on r.CompositionId equals c.Id
                           join p in db.Projects.AsNoTracking() on c.ProjectId equals p.Id
                           where r.Id == renderId && p.OwnerId == userId
                           select new { Render = r, c.EpisodeId, ProjectId = p.Id, ProjectTitle = p.Title, c.Renders }).FirstOrDefaultAsync(ct);
        if (found is null)
            return Result.Failure<Showcase>(RenderNotFound);
        if (found.Render.Quality != RenderQuality.Final)
            return Result.Failure<Showcase>(NotFinal);
        if (await db.Showcases.AnyAsync(s => s.SubmittedBy == userId && s.EpisodeId == found.EpisodeId && s.Status != ShowcaseStatus.Rejected, ct))
            return Result.Failure<Showcase>(AlreadySubmitted);

        // After the works the admins have placed: a submission does not push the curated ones down.
        var lastPlace = await db.Showcases.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
        var showcase = new Showcase
        {
            SortOrder = lastPlace + 10,
            Title = Clip(string.IsNullOrWhiteSpace(title) ? found.ProjectTitle : title.Trim(), Showcase.TitleMaxLength),
            Description = Clip(description?.Trim() ?? "", Showcase.DescriptionMaxLength),
            ProjectId = found.ProjectId,
            EpisodeId = found.EpisodeId,
            SubmittedBy = userId,
            Status = ShowcaseStatus.Pending,
            CreatedAt = clock.GetUtcNow(),
        };
        var copied = new List<ObjectKey>();
        try
        {
            showcase.VideoKey = await CopyAsync(found.Render.VideoKey, showcase.Id, "video", copied, ct);
            if (showcase.VideoKey is null)
                return Result.Failure<Showcase>(RenderNotFound);
            showcase.CoverKey = await CopyAsync(found.Render.CoverKey, showcase.Id, "cover", copied, ct);
            // Every finished language of the episode: the submitted one first, then each other's newest final render.
            var own = await db.Checkpoints.AsNoTracking().Where(c => c.ProjectId == found.ProjectId).Select(c => c.Language).FirstOrDefaultAsync(ct) ?? "";
            var shown = found.Render.Language ?? own;
            showcase.Languages.Add(new ShowcaseLanguage(shown, showcase.VideoKey,
                await CopyAsync(found.Render.SubtitlesKey, showcase.Id, $"subtitles-{shown}", copied, ct)));
            foreach (var other in found.Renders.Where(r => r.Quality == RenderQuality.Final && (r.Language ?? own) != shown)
                         .GroupBy(r => r.Language ?? own).Select(g => g.MaxBy(r => r.Version)!).OrderBy(r => r.Language ?? own, StringComparer.Ordinal))
            {
                var language = other.Language ?? own;
                if (await CopyAsync(other.VideoKey, showcase.Id, $"video-{language}", copied, ct) is { } video)
                    showcase.Languages.Add(new ShowcaseLanguage(language, video, await CopyAsync(other.SubtitlesKey, showcase.Id, $"subtitles-{language}", copied, ct)));
            }
            db.Showcases.Add(showcase);
            await db.SaveChangesAsync(ct);
            return showcase;
        }
        catch
        {
            await DeleteAsync(copied);
            throw;
        }
    }

    /// <summary>Approves (visible in the public gallery) or rejects a pending showcase, with an optional note.</summary>
    public async Task<Result> ReviewAsync(Guid showcaseId, bool approve, string adminId, string? note, CancellationToken ct = default)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var status = approve ? ShowcaseStatus.Approved : ShowcaseStatus.Rejected;
        var reviewed = await db.Showcases
            .Where(s => s.Id == showcaseId && s.Status == ShowcaseStatus.Pending)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, status)
                .SetProperty(x => x.ReviewedBy, adminId)
                .SetProperty(x => x.ReviewedAt, now)
                .SetProperty(x => x.ReviewNote, note == null ? null : Clip(note.Trim(), Showcase.ReviewNoteMaxLength)), ct);
        return reviewed == 1 ? Result.Success() : Result.Failure(NotPending);
    }

    private async Task<string?> CopyAsync(string? sourceKey, Guid showcaseId, string name, List<ObjectKey> copied, CancellationToken ct)
    {
        if (!ObjectKey.TryParse(sourceKey, out var source))
            return null;
        await using var content = await storage.OpenReadAsync(source, ct);
        if (content is null)
            return null;
        var extension = Path.GetExtension(source.Value);
        var target = ObjectKey.ForAsset(AssetKinds.Showcases, $"{showcaseId:D}/{name}-{clock.GetUtcNow().ToUnixTimeMilliseconds()}{extension}");
        await storage.PutAsync(target, content.Stream, content.Info.ContentType, ct);
        copied.Add(target);
        return target.Value;
    }

    private static IQueryable<Showcase> PendingOrApprovedNote(DreamXDbContext db, string userId, Guid projectId) =>
        db.Showcases.AsNoTracking().Where(s => s.SubmittedBy == userId && s.ProjectId == projectId && s.EpisodeId == null
                                               && s.Note != null && s.Status != ShowcaseStatus.Rejected);

    private async Task DeleteAsync(IEnumerable<ObjectKey> keys)
    {
        foreach (var key in keys)
            await storage.DeleteAsync(key, CancellationToken.None);
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>A creator's submission to the showcase: which one, and whether it waits for review or is in the gallery.</summary>
public sealed record ShowcaseEntry(Guid Id, ShowcaseStatus Status);
