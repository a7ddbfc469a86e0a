using DreamX.Domain.Projects;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DreamX.Infrastructure.Projects;

/// <summary>One open canvas (a browser tab's session) on a project, as last heard from.</summary>
public sealed class ProjectPresenceEntry
{
    /// <summary>The session: one per open canvas, so two tabs of one user are two entries.</summary>
    public Guid Id { get; init; }
    public Guid ProjectId { get; init; }
    public string UserId { get; init; } = "";
    public DateTimeOffset SeenAt { get; set; }
}

internal sealed class ProjectPresenceConfiguration : IEntityTypeConfiguration<ProjectPresenceEntry>
{
    public void Configure(EntityTypeBuilder<ProjectPresenceEntry> presence)
    {
        presence.ToTable("project_presence");
        presence.HasKey(p => p.Id);
        presence.Property(p => p.Id).ValueGeneratedNever();
        presence.Property(p => p.UserId).HasMaxLength(450);
        presence.HasIndex(p => new { p.ProjectId, p.SeenAt });
        presence.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.Cascade);
        presence.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Someone else who has the project open: their nickname and role there.</summary>
public sealed record PresentUser(string UserId, string Name, ProjectRole Role);

/// <summary>
/// Who has a project open (the canvas's presence indicator). Each open canvas says "here" every
/// <see cref="HeartbeatInterval"/> into PostgreSQL, so every instance sees every other's visitors; a canvas not heard
/// from for <see cref="Timeout"/> (a closed tab, a lost instance) is gone, and a closed canvas says so at once.
/// </summary>
public sealed class ProjectPresence(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
{
    public static readonly TimeSpan HeartbeatInterval = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Records that <paramref name="sessionId"/> has the project open and answers who else has, or nothing without read access.</summary>
    public async Task<IReadOnlyList<PresentUser>> HereAsync(string userId, Guid projectId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var grant = await ProjectAccess.ResolveAsync(db, userId, projectId, ct);
        if (!grant.Can(ProjectPermission.Read))
            return [];
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
             INSERT INTO project_presence (id, project_id, user_id, seen_at) VALUES ({sessionId}, {projectId}, {userId}, {now.ToUniversalTime()})
             ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at
             """, ct);
        var since = now - Timeout;
        // Old entries of the project go as they are passed over; each one's row is small.
        await db.Set<ProjectPresenceEntry>().Where(p => p.ProjectId == projectId && p.SeenAt < since).ExecuteDeleteAsync(ct);
        var others = await db.Set<ProjectPresenceEntry>().AsNoTracking()
            .Where(p => p.ProjectId == projectId && p.SeenAt >= since && p.UserId != userId)
            .Select(p => p.UserId).Distinct().ToListAsync(ct);
        if (others.Count == 0)
            return [];
        var names = await db.UserProfiles.AsNoTracking().Where(p => others.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => p.Nickname, ct);
        var emails = await db.Users.AsNoTracking().Where(u => others.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        var result = new List<PresentUser>();
        foreach (var other in others)
        {
            var role = (await ProjectAccess.ResolveAsync(db, other, projectId, ct)).Role;
            var name = names.GetValueOrDefault(other) is { Length: > 0 } nickname ? nickname : emails.GetValueOrDefault(other, "")?.Split('@')[0] ?? "";
            result.Add(new PresentUser(other, name, role));
        }
        return result.OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The canvas was closed: its session is gone for everyone at once.</summary>
    public async Task LeftAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<ProjectPresenceEntry>().Where(p => p.Id == sessionId).ExecuteDeleteAsync(ct);
    }
}
