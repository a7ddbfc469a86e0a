using DreamX.Domain.Canvas;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Canvas;

/// <summary>Where the creator put each node of a project's canvas, and which nodes are collapsed.</summary>
public sealed class CanvasPlacements(IDbContextFactory<DreamXDbContext> contexts)
{
    /// <returns>The saved placements by node key; empty for a project that is not the owner's.</returns>
    public async Task<IReadOnlyDictionary<string, CanvasNodePlacement>> LoadAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!(await ProjectAccess.ResolveAsync(db, ownerId, projectId, ct)).Can(ProjectPermission.Read))
            return new Dictionary<string, CanvasNodePlacement>();
        return await db.CanvasNodePlacements.AsNoTracking()
            .Where(p => p.ProjectId == projectId)
            .ToDictionaryAsync(p => p.NodeKey, StringComparer.Ordinal, ct);
    }

    /// <summary>Inserts or updates the given placements; returns false for a project that is not the owner's.</summary>
    public async Task<bool> SaveAsync(string ownerId, Guid projectId, IReadOnlyCollection<NodePlacement> placements, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!(await ProjectAccess.ResolveAsync(db, ownerId, projectId, ct)).Can(ProjectPermission.Edit))
            return false;
        if (placements.Count == 0)
            return true;

        // One upsert: two tabs opening the same new canvas both save their first layout, and must not collide.
        var keys = placements.Select(p => p.NodeKey).ToArray();
        var xs = placements.Select(p => p.X).ToArray();
        var ys = placements.Select(p => p.Y).ToArray();
        var collapsed = placements.Select(p => p.Collapsed).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO canvas_node_placements (project_id, node_key, x, y, collapsed)
            SELECT {projectId}, t.k, t.x, t.y, t.c
            FROM unnest({keys}::text[], {xs}::float8[], {ys}::float8[], {collapsed}::boolean[]) AS t(k, x, y, c)
            ON CONFLICT (project_id, node_key) DO UPDATE SET x = excluded.x, y = excluded.y, collapsed = excluded.collapsed
            """, ct);
        return true;
    }

    /// <summary>Forgets every placement of the project (the layout places its nodes again); false when it is not the owner's.</summary>
    public async Task<bool> ForgetAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!(await ProjectAccess.ResolveAsync(db, ownerId, projectId, ct)).Can(ProjectPermission.Edit))
            return false;
        await db.CanvasNodePlacements.Where(p => p.ProjectId == projectId).ExecuteDeleteAsync(ct);
        return true;
    }
}

/// <summary>One node's place on the canvas, to save.</summary>
public sealed record NodePlacement(string NodeKey, double X, double Y, bool Collapsed);
