using System.Security.Cryptography;
using DreamX.Domain.Common;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Audit;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Projects;

/// <summary>What a user is on a project. Higher is not always more: an admin reads and repairs, but does not spend.</summary>
public enum ProjectRole
{
    None,
    Viewer,
    Editor,
    Owner,
    Admin,
}

/// <summary>What a caller wants to do with a project.</summary>
public enum ProjectPermission
{
    /// <summary>See the canvas, the board and the renders, download files.</summary>
    Read,
    /// <summary>Queue, resume or stop paid work (credits come from the owner's wallet, within the project's cap).</summary>
    Generate,
    /// <summary>Change nodes by hand, move cards, rename, manage reference pictures.</summary>
    Edit,
    /// <summary>Delete the project.</summary>
    Delete,
    /// <summary>Invite members, change their roles, create and revoke share links, submit to the showcase.</summary>
    Share,
    /// <summary>Change the project's budget cap.</summary>
    Budget,
}

/// <summary>A member a project's owner invited: a registered user and their role (viewer or editor).</summary>
public sealed class ProjectMember
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProjectId { get; init; }
    public string UserId { get; init; } = "";
    public ProjectRole Role { get; set; } = ProjectRole.Viewer;
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>A read-only link to a project's finished episodes and storyboard; only the token's hash is kept.</summary>
public sealed class ProjectShareLink
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProjectId { get; init; }
    public string TokenHash { get; init; } = "";
    /// <summary>The token's first characters, so the owner can tell links apart.</summary>
    public string Hint { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(24));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal sealed class ProjectMemberConfiguration : IEntityTypeConfiguration<ProjectMember>
{
    public void Configure(EntityTypeBuilder<ProjectMember> member)
    {
        member.ToTable("project_members");
        member.HasKey(m => m.Id);
        member.Property(m => m.UserId).HasMaxLength(450);
        member.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        member.HasIndex(m => new { m.ProjectId, m.UserId }).IsUnique();
        member.HasIndex(m => m.UserId);
        member.HasOne<Project>().WithMany().HasForeignKey(m => m.ProjectId).OnDelete(DeleteBehavior.Cascade);
        member.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProjectShareLinkConfiguration : IEntityTypeConfiguration<ProjectShareLink>
{
    public void Configure(EntityTypeBuilder<ProjectShareLink> link)
    {
        link.ToTable("project_share_links");
        link.HasKey(l => l.Id);
        link.Property(l => l.TokenHash).HasMaxLength(64);
        link.Property(l => l.Hint).HasMaxLength(8);
        link.HasIndex(l => l.TokenHash).IsUnique();
        link.HasIndex(l => l.ProjectId);
        link.HasOne<Project>().WithMany().HasForeignKey(l => l.ProjectId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A caller's standing on one project: their role and whose project (and wallet) it is.</summary>
public sealed record ProjectGrant(ProjectRole Role, string? OwnerId)
{
    public static ProjectGrant Nobody { get; } = new(ProjectRole.None, null);

    public bool Can(ProjectPermission permission) => ProjectAccess.Allows(Role, permission);
}

/// <summary>
/// The one place that decides who may do what with a project (owner, editor, viewer, admin, anyone else). Services
/// that take a project id ask it first and then act as the project's owner: an editor's work is the owner's work,
/// paid from the owner's wallet within the project's budget cap.
/// </summary>
public static class ProjectAccess
{
    /// <summary>The caller may see the project but not do this (a viewer generating, an editor deleting).</summary>
    public const string Forbidden = "project.read_only";

    /// <summary>The role matrix.</summary>
    public static bool Allows(ProjectRole role, ProjectPermission permission) => role switch
    {
        ProjectRole.Owner => true,
        ProjectRole.Editor => permission is ProjectPermission.Read or ProjectPermission.Generate or ProjectPermission.Edit,
        ProjectRole.Viewer => permission is ProjectPermission.Read,
        // Support reads and repairs (edits, deletes) any project, but never spends a creator's credits or publishes their work.
        ProjectRole.Admin => permission is ProjectPermission.Read or ProjectPermission.Edit or ProjectPermission.Delete,
        _ => false,
    };

    public static async Task<ProjectGrant> ResolveAsync(DreamXDbContext db, string? userId, Guid projectId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(userId))
            return ProjectGrant.Nobody;
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
            .Select(p => new
            {
                p.OwnerId,
                Member = db.Set<ProjectMember>().Where(m => m.ProjectId == projectId && m.UserId == userId).Select(m => (ProjectRole?)m.Role).FirstOrDefault(),
                Admin = db.UserRoles.Any(ur => ur.UserId == userId && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)),
            })
            .FirstOrDefaultAsync(ct);
        if (project is null)
            return ProjectGrant.Nobody;
        if (project.OwnerId == userId)
            return new ProjectGrant(ProjectRole.Owner, project.OwnerId);
        if (project.Member is { } role)
            return new ProjectGrant(role, project.OwnerId);
        return project.Admin ? new ProjectGrant(ProjectRole.Admin, project.OwnerId) : new ProjectGrant(ProjectRole.None, project.OwnerId);
    }

    /// <summary>
    /// For a service about to act on <paramref name="projectId"/> for <paramref name="userId"/>: the owner's id to act
    /// as, or <paramref name="notFound"/> (no access at all: the project's existence is not told) or <see cref="Forbidden"/>.
    /// On success the calling service's further calls may act on the owner's work (see <see cref="ActorGate.ActFor"/>).
    /// </summary>
    public static async Task<Result<string>> ActAsync(
        DreamXDbContext db, string? userId, Guid projectId, ProjectPermission permission, string notFound, CancellationToken ct)
    {
        var grant = await ResolveAsync(db, userId, projectId, ct);
        if (grant.Role == ProjectRole.None || grant.OwnerId is null)
            return Result.Failure<string>(notFound);
        if (!grant.Can(permission))
            return Result.Failure<string>(Forbidden);
        return grant.OwnerId;
    }

    /// <summary>The projects a user may open besides their own, with their role there.</summary>
    public static IQueryable<Guid> SharedWith(DreamXDbContext db, string userId) =>
        db.Set<ProjectMember>().Where(m => m.UserId == userId).Select(m => m.ProjectId);
}
