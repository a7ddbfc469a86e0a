using DreamX.Domain.Events;
using DreamX.Infrastructure.Events;
using DreamX.Domain.Common;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Projects;

/// <summary>
/// A creator's projects: list, create, rename, duplicate, delete, open. Every method takes the acting user's id and
/// answers <see cref="NotFound"/> for a project that is not theirs, so another user's project cannot even be detected.
/// </summary>
public sealed class ProjectLibrary(
    IDbContextFactory<DreamXDbContext> contexts,
    IObjectStorage storage,
    TimeProvider clock,
    ILogger<ProjectLibrary> logger,
    StudioEventLog? events = null)
{
    public const string NotFound = "project.not_found";
    public const string Invalid = "project.invalid";
    private const int ExcerptLength = 140;

    public async Task<Paged<ProjectSummary>> ListAsync(string ownerId, ProjectQuery query, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(query.PageSize, 1, ProjectQuery.MaxPageSize);
        var page = Math.Max(1, query.Page);
        await using var db = await contexts.CreateDbContextAsync(ct);

        // The user's own projects and those they were invited to.
        var shared = ProjectAccess.SharedWith(db, ownerId);
        var projects = db.Projects.AsNoTracking().Where(p => p.OwnerId == ownerId || shared.Contains(p.Id));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + EscapeLike(query.Search.Trim()) + "%";
            projects = projects.Where(p => EF.Functions.ILike(p.Title, pattern, "\\") || EF.Functions.ILike(p.Checkpoint.Idea, pattern, "\\"));
        }

        var total = await projects.CountAsync(ct);
        var ordered = query.NewestFirst
            ? projects.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.Id)
            : projects.OrderBy(p => p.UpdatedAt).ThenBy(p => p.Id);
        var rows = await ordered
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(p => new
            {
                p.Id, p.Title, p.Type, p.Stage, p.Checkpoint.Language, p.Checkpoint.AspectRatio, p.Checkpoint.EpisodeCount,
                Idea = p.Checkpoint.Idea.Substring(0, ExcerptLength + 1), p.CreatedAt, p.UpdatedAt,
            })
            .ToListAsync(ct);

        var items = rows.Select(r => new ProjectSummary(
            r.Id, r.Title, r.Type, r.Stage, r.Language, r.AspectRatio, r.EpisodeCount, Excerpt(r.Idea), r.CreatedAt, r.UpdatedAt)).ToList();
        return new Paged<ProjectSummary>(items, page, pageSize, total);
    }

    /// <summary>Every project of the owner as (id, title), newest first: for filters and labels (e.g. the task center).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Title)>> ListTitlesAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Projects.AsNoTracking().Where(p => p.OwnerId == ownerId)
            .OrderByDescending(p => p.UpdatedAt).Select(p => new { p.Id, p.Title }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Title)).ToList();
    }

    /// <returns>The project with its checkpoint, or <see cref="NotFound"/>.</returns>
    public async Task<Result<Project>> GetAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Read, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<Project>(access.Error!);
        var project = await db.Projects.AsNoTracking().Include(p => p.Checkpoint)
            .FirstOrDefaultAsync(p => p.Id == projectId, ct);
        return project is null ? Result.Failure<Project>(NotFound) : project;
    }

    /// <summary>
    /// The project's budget counted as the queue counts it (spent plus what unfinished tasks hold), or null when the
    /// project has no cap or is not the owner's.
    /// </summary>
    public async Task<ProjectBudget?> GetBudgetAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!(await ProjectAccess.ResolveAsync(db, ownerId, projectId, ct)).Can(ProjectPermission.Read))
            return null;
        var project = await db.Projects.AsNoTracking()
            .Where(p => p.Id == projectId && p.BudgetCapCredits != null)
            .Select(p => new { Cap = p.BudgetCapCredits!.Value, p.CreditsSpent })
            .FirstOrDefaultAsync(ct);
        if (project is null)
            return null;
        return new ProjectBudget(project.Cap, project.CreditsSpent, await Generation.ProjectBudgets.HeldAsync(db, projectId, ct));
    }

    /// <summary>
    /// Creates a project from a checkpoint; an invalid checkpoint, or one beyond the creator's plan (more episodes than
    /// it allows: <see cref="CheckpointRules.PlanEpisodesCode"/>), returns the first broken rule's code.
    /// </summary>
    public Task<Result<Project>> CreateAsync(string ownerId, CheckpointInput input, CancellationToken ct = default) =>
        CreateAsync(ownerId, input, null, ct);

    /// <param name="projectId">The id to give the project (its files were stored under it first), or null for a new one.</param>
    public async Task<Result<Project>> CreateAsync(string ownerId, CheckpointInput input, Guid? projectId, CancellationToken ct = default)
    {
        var errors = CheckpointRules.Validate(input);
        if (errors.Count > 0)
            return Result.Failure<Project>(errors[0].Code);

        await using var db = await contexts.CreateDbContextAsync(ct);
        if (CheckpointRules.PlanEpisodes(await PlanOfAsync(db, ownerId, ct), input.EpisodeCount) is { } beyondPlan)
            return Result.Failure<Project>(beyondPlan.Code);
        if (input.VisualStyleId is { } styleId && !await db.VisualStyles.AnyAsync(s => s.Id == styleId && s.IsActive, ct))
            return Result.Failure<Project>("style.unknown");

        var project = Project.Create(ownerId, input, projectId);
        project.UpdatedAt = clock.GetUtcNow();
        db.Projects.Add(project);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Project {ProjectId} created by {UserId}", project.Id, ownerId);
        await AnnounceCreatedAsync(project, null);
        return project;
    }

    /// <summary>The creator's plan: the tier of a subscription that has not expired; none is the Starter plan.</summary>
    public async Task<SubscriptionTier> PlanOfAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await PlanOfAsync(db, ownerId, ct);
    }

    private static async Task<SubscriptionTier> PlanOfAsync(DreamXDbContext db, string ownerId, CancellationToken ct) =>
        await db.Subscriptions.AsNoTracking()
            .Where(s => s.UserId == ownerId && s.Status != SubscriptionStatus.Expired)
            .Select(s => (SubscriptionTier?)s.Tier)
            .FirstOrDefaultAsync(ct) ?? SubscriptionTier.Starter;

    public async Task<Result> RenameAsync(string ownerId, Guid projectId, string title, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Edit, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
            return Result.Failure(NotFound);

        var renamed = project.Rename(title);
        if (renamed.IsFailure)
            return renamed;
        project.UpdatedAt = clock.GetUtcNow();
        // The title is part of what every step is written from: a Generate after a rename is a new request.
        await Production.CreatorEdits.SaveWithMarkAsync(db, projectId, project.UpdatedAt, ct);
        return Result.Success();
    }

    /// <summary>Caps what the project may spend (null: no cap); a cap out of range is <see cref="Invalid"/>.</summary>
    public async Task<Result> SetBudgetCapAsync(string ownerId, Guid projectId, int? capCredits, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Budget, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var project = await db.Projects.FirstOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
            return Result.Failure(NotFound);

        if (project.SetBudgetCap(capCredits).IsFailure)
            return Result.Failure(Invalid);
        project.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Project {ProjectId} budget cap set to {Cap} by {UserId}", projectId, capCredits, ownerId);
        return Result.Success();
    }

    /// <summary>A new project with the same checkpoint (generated content is not copied), titled <paramref name="newTitle"/>.</summary>
    public async Task<Result<Project>> DuplicateAsync(string ownerId, Guid projectId, string newTitle, CancellationToken ct = default)
    {
        if (CheckpointRules.ValidateTitle(newTitle) is { } titleError)
            return Result.Failure<Project>(titleError.Code);

        await using var db = await contexts.CreateDbContextAsync(ct);
        var original = await db.Projects.AsNoTracking().Include(p => p.Checkpoint)
            .FirstOrDefaultAsync(p => p.Id == projectId && p.OwnerId == ownerId, ct);
        if (original is null)
            return Result.Failure<Project>(NotFound);
        if (CheckpointRules.PlanEpisodes(await PlanOfAsync(db, ownerId, ct), original.Checkpoint.EpisodeCount) is { } beyondPlan)
            return Result.Failure<Project>(beyondPlan.Code);

        var copy = original.Duplicate(newTitle);
        copy.Type = original.Type;
        copy.Checkpoint.Genre = original.Checkpoint.Genre;
        copy.Checkpoint.ImprovedBriefJson = original.Checkpoint.ImprovedBriefJson;
        copy.Checkpoint.SongAnalysisJson = original.Checkpoint.SongAnalysisJson;
        await CopyOwnSongAsync(original, copy, ct);
        copy.UpdatedAt = clock.GetUtcNow();
        db.Projects.Add(copy);
        await db.SaveChangesAsync(ct);
        await AnnounceCreatedAsync(copy, projectId);
        return copy;
    }

    /// <summary>
    /// A music video's uploaded song is the project's own file: the copy gets its own copy of it, so deleting either
    /// project leaves the other's song whole (a library track is shared, not copied).
    /// </summary>
    private async Task CopyOwnSongAsync(Project original, Project copy, CancellationToken ct)
    {
        if (original.Checkpoint.SongKey is not { } songKey || !ObjectKey.TryParse(songKey, out var key) || key.ProjectId != original.Id)
            return;
        await using var content = await storage.OpenReadAsync(key, ct);
        if (content is null)
            return;
        var own = ObjectKey.ForProject(copy.Id, ProjectAreas.Audio, key.FileName);
        await storage.PutAsync(own, content.Stream, content.Info.ContentType, ct);
        copy.Checkpoint.SongKey = own.Value;
    }

    /// <summary>Tells the event log (and so live streams and webhooks); a project is made even when this cannot be told.</summary>
    private async Task AnnounceCreatedAsync(Project project, Guid? copiedFrom)
    {
        if (events is not null)
        {
            await events.TryAppendAsync(new NewStudioEvent(StudioEventTypes.ProjectCreated, project.OwnerId, project.Id, null,
                new { projectId = project.Id, title = project.Title, copiedFrom }));
        }
    }

    /// <summary>Deletes the project, everything generated for it (rows cascade) and its stored media.</summary>
    public async Task<Result> DeleteAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Delete, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var deleted = await db.Projects.Where(p => p.Id == projectId).ExecuteDeleteAsync(ct);
        if (deleted == 0)
            return Result.Failure(NotFound);

        await DeleteMediaAsync(projectId, ct);
        logger.LogInformation("Project {ProjectId} deleted by {UserId}", projectId, ownerId);
        return Result.Success();
    }

    /// <summary>Styles a creator can choose, in the admin's order.</summary>
    public async Task<IReadOnlyList<StyleChoice>> ListStyleChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.VisualStyles.AsNoTracking().Where(s => s.IsActive)
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Title)
            .Select(s => new StyleChoice(s.Id, s.Title, s.Type))
            .ToListAsync(ct);
    }

    private async Task DeleteMediaAsync(Guid projectId, CancellationToken ct)
    {
        // The rows are gone already; a storage hiccup must not resurrect the project, so it is logged, not returned.
        try
        {
            await foreach (var item in storage.ListAsync($"{ObjectKey.ProjectsRoot}/{projectId}/", ct))
                await storage.DeleteAsync(item.Key, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Media of deleted project {ProjectId} could not all be removed", projectId);
        }
    }

    private static string Excerpt(string idea) =>
        idea.Length > ExcerptLength ? idea[..ExcerptLength].TrimEnd() + "…" : idea;

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
}
