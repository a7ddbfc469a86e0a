using DreamX.Domain.Common;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Projects;

/// <summary>A member as the members dialog shows them.</summary>
public sealed record ProjectMemberView(string UserId, string Email, string? DisplayName, ProjectRole Role, DateTimeOffset Since);

/// <summary>A share link as its owner sees it (the token itself is shown once, when it is made).</summary>
public sealed record ShareLinkView(Guid Id, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt, bool IsActive);

/// <summary>A new share link: its token, to put in the address, is not stored and cannot be shown again.</summary>
public sealed record NewShareLink(Guid Id, string Token, DateTimeOffset? ExpiresAt);

/// <summary>One shot of the shared storyboard.</summary>
public sealed record SharedShot(int Order, string? ImageKey, string? Line, string? Speaker);

/// <summary>One episode of a shared project: its newest final render (if any) and its storyboard.</summary>
public sealed record SharedEpisode(int Number, string Title, string? VideoKey, string? CoverKey, decimal? DurationSeconds, IReadOnlyList<SharedShot> Shots)
{
    /// <summary>The newest final render of every language the episode was finished in (its own and its language versions).</summary>
    public IReadOnlyList<SharedLanguageVersion> Languages { get; init; } = [];
}

/// <summary>A finished language of a shared episode: its video and subtitles.</summary>
public sealed record SharedLanguageVersion(string Language, string VideoKey, string? SubtitlesKey);

/// <summary>What a share link shows: the project's title and logline, its finished episodes and the storyboard.</summary>
public sealed record SharedProject(Guid ProjectId, string OwnerId, string Title, string? Logline, IReadOnlyList<SharedEpisode> Episodes);

/// <summary>
/// Working together on a project: the owner invites registered users by e-mail as viewers or editors, changes or removes
/// them, and makes read-only share links (revocable, with an optional expiry) for people without an account.
/// Only the owner does any of this (<see cref="ProjectPermission.Share"/>); a member may leave on their own.
/// </summary>
public sealed class ProjectMembers(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock, ILogger<ProjectMembers> logger)
{
    public const string UnknownUser = "members.unknown_user";
    public const string InvalidRole = "members.invalid_role";
    public const string IsOwner = "members.is_owner";
    public const string NotMember = "members.not_member";
    public const string InvalidExpiry = "members.invalid_expiry";
    public const string LinkNotFound = "members.link_not_found";

    /// <summary>The longest a share link may be set to last (none: until revoked).</summary>
    public static readonly TimeSpan MaxLinkLifetime = TimeSpan.FromDays(365);

    /// <summary>The caller's role on the project (for what the pages offer; the services check again on every call).</summary>
    public async Task<ProjectRole> RoleAsync(string userId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await ProjectAccess.ResolveAsync(db, userId, projectId, ct)).Role;
    }

    public async Task<Result<IReadOnlyList<ProjectMemberView>>> ListAsync(string userId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Members see who else is on the project; only the owner changes it.
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Read, ProjectLibrary.NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<IReadOnlyList<ProjectMemberView>>(access.Error!);
        var rows = await (from m in db.Set<ProjectMember>().AsNoTracking()
                          join u in db.Users on m.UserId equals u.Id
                          where m.ProjectId == projectId
                          orderby m.CreatedAt
                          select new { m.UserId, u.Email, m.Role, m.CreatedAt }).ToListAsync(ct);
        var ids = rows.Select(r => r.UserId).ToList();
        var names = await db.UserProfiles.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => p.Nickname, ct);
        return rows.Select(r => new ProjectMemberView(r.UserId, r.Email ?? "", names.GetValueOrDefault(r.UserId), r.Role, r.CreatedAt)).ToList();
    }

    /// <summary>Invites a registered user by e-mail as viewer or editor; inviting a member again changes their role.</summary>
    public async Task<Result<ProjectMemberView>> InviteAsync(string userId, Guid projectId, string email, ProjectRole role, CancellationToken ct = default)
    {
        if (role is not (ProjectRole.Viewer or ProjectRole.Editor))
            return Result.Failure<ProjectMemberView>(InvalidRole);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Share, ProjectLibrary.NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<ProjectMemberView>(access.Error!);
        var normalized = (email ?? "").Trim().ToUpperInvariant();
        var user = normalized.Length == 0 ? null
            : await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(ct);
        if (user is null)
            return Result.Failure<ProjectMemberView>(UnknownUser);
        if (user.Id == access.Value)
            return Result.Failure<ProjectMemberView>(IsOwner);

        var member = await db.Set<ProjectMember>().FirstOrDefaultAsync(m => m.ProjectId == projectId && m.UserId == user.Id, ct);
        if (member is null)
        {
            member = new ProjectMember { ProjectId = projectId, UserId = user.Id, Role = role, CreatedAt = clock.GetUtcNow() };
            db.Add(member);
        }
        else
        {
            member.Role = role;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two invitations of the same user at once: the other one made the row; set its role.
            await using var again = await contexts.CreateDbContextAsync(ct);
            await again.Set<ProjectMember>().Where(m => m.ProjectId == projectId && m.UserId == user.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), ct);
        }
        logger.LogInformation("Project {ProjectId}: {MemberId} is now {Role} (by {UserId})", projectId, user.Id, role, userId);
        var nickname = await db.UserProfiles.AsNoTracking().Where(p => p.UserId == user.Id).Select(p => p.Nickname).FirstOrDefaultAsync(ct);
        return new ProjectMemberView(user.Id, user.Email ?? "", nickname, role, member.CreatedAt);
    }

    public async Task<Result> ChangeRoleAsync(string userId, Guid projectId, string memberId, ProjectRole role, CancellationToken ct = default)
    {
        if (role is not (ProjectRole.Viewer or ProjectRole.Editor))
            return Result.Failure(InvalidRole);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Share, ProjectLibrary.NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var changed = await db.Set<ProjectMember>().Where(m => m.ProjectId == projectId && m.UserId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), ct);
        return changed == 0 ? Result.Failure(NotMember) : Result.Success();
    }

    /// <summary>The owner removes a member, or a member leaves. Their access ends with this call.</summary>
    public async Task<Result> RemoveAsync(string userId, Guid projectId, string memberId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (memberId != userId)
        {
            var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Share, ProjectLibrary.NotFound, ct);
            if (access.IsFailure)
                return Result.Failure(access.Error!);
        }
        var removed = await db.Set<ProjectMember>().Where(m => m.ProjectId == projectId && m.UserId == memberId).ExecuteDeleteAsync(ct);
        return removed == 0 ? Result.Failure(NotMember) : Result.Success();
    }

    public async Task<Result<IReadOnlyList<ShareLinkView>>> ListLinksAsync(string userId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Share, ProjectLibrary.NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<IReadOnlyList<ShareLinkView>>(access.Error!);
        var now = clock.GetUtcNow();
        var links = await db.Set<ProjectShareLink>().AsNoTracking().Where(l => l.ProjectId == projectId).OrderByDescending(l => l.CreatedAt).ToListAsync(ct);
        return links.Select(l => new ShareLinkView(l.Id, l.Hint, l.CreatedAt, l.ExpiresAt, l.RevokedAt, l.IsActive(now))).ToList();
    }

    /// <param name="lifetime">How long the link works (null: until revoked); at most <see cref="MaxLinkLifetime"/>.</param>
    public async Task<Result<NewShareLink>> CreateLinkAsync(string userId, Guid projectId, TimeSpan? lifetime, CancellationToken ct = default)
    {
        if (lifetime is { } span && (span <= TimeSpan.Zero || span > MaxLinkLifetime))
            return Result.Failure<NewShareLink>(InvalidExpiry);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Share, ProjectLibrary.NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<NewShareLink>(access.Error!);
        var token = ProjectShareLink.NewToken();
        var now = clock.GetUtcNow();
        var link = new ProjectShareLink
        {
            ProjectId = projectId, TokenHash = ProjectShareLink.Hash(token), Hint = token[..6], CreatedAt = now, ExpiresAt = now + lifetime,
        };
        db.Add(link);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Project {ProjectId}: share link {LinkId} made by {UserId}, expires {ExpiresAt}", projectId, link.Id, userId, link.ExpiresAt);
        return new NewShareLink(link.Id, token, link.ExpiresAt);
    }

    /// <summary>Revokes a link: the next request with it is refused (nothing is cached).</summary>
    public async Task<Result> RevokeLinkAsync(string userId, Guid projectId, Guid linkId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Share, ProjectLibrary.NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var now = clock.GetUtcNow();
        var revoked = await db.Set<ProjectShareLink>().Where(l => l.Id == linkId && l.ProjectId == projectId && l.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAt, now), ct);
        return revoked == 0 ? Result.Failure(LinkNotFound) : Result.Success();
    }

    /// <summary>What an active share link shows, read fresh on every call; an unknown, expired or revoked token is <see cref="LinkNotFound"/>.</summary>
    public async Task<Result<SharedProject>> OpenSharedAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
            return Result.Failure<SharedProject>(LinkNotFound);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var hash = ProjectShareLink.Hash(token);
        var link = await db.Set<ProjectShareLink>().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        if (link is null || !link.IsActive(clock.GetUtcNow()))
            return Result.Failure<SharedProject>(LinkNotFound);

        var project = await db.Projects.AsNoTracking().Where(p => p.Id == link.ProjectId).Select(p => new { p.Id, p.OwnerId, p.Title }).FirstAsync(ct);
        var logline = await db.StoryBibles.AsNoTracking().Where(b => b.ProjectId == project.Id).Select(b => b.Logline).FirstOrDefaultAsync(ct);
        var episodes = await db.Episodes.AsNoTracking().Where(e => e.ProjectId == project.Id)
            .Include(e => e.Scenes).ThenInclude(s => s.Shots).AsSplitQuery().OrderBy(e => e.Number).ToListAsync(ct);
        var compositions = await db.Compositions.AsNoTracking().Where(c => c.ProjectId == project.Id).Include(c => c.Renders).ToListAsync(ct);
        var original = await db.Checkpoints.AsNoTracking().Where(c => c.ProjectId == project.Id).Select(c => c.Language).FirstOrDefaultAsync(ct) ?? "";
        var shared = episodes.Select(e =>
        {
            var render = compositions.Where(c => c.EpisodeId == e.Id).SelectMany(c => c.Renders)
                .Where(r => r.Quality == RenderQuality.Final).MaxBy(r => r.Version);
            var order = 0;
            var shots = e.Scenes.OrderBy(s => s.Number).SelectMany(s => s.Shots.OrderBy(h => h.Order))
                .Select(h => new SharedShot(++order, h.ImageKey, h.SpokenLine?.Text, h.SpokenLine?.CharacterKey)).ToList();
            var languages = compositions.Where(c => c.EpisodeId == e.Id).SelectMany(c => c.Renders)
                .Where(r => r.Quality == RenderQuality.Final).GroupBy(r => r.Language ?? original)
                .Select(g => g.MaxBy(r => r.Version)!).OrderBy(r => r.Language is null ? 0 : 1).ThenBy(r => r.Language, StringComparer.Ordinal)
                .Select(r => new SharedLanguageVersion(r.Language ?? original, r.VideoKey, r.SubtitlesKey)).ToList();
            return new SharedEpisode(e.Number, e.Title, render?.VideoKey, render?.CoverKey, render?.DurationSeconds, shots) { Languages = languages };
        }).ToList();
        return new SharedProject(project.Id, project.OwnerId, project.Title, logline, shared);
    }
}
