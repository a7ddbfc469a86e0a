using DreamX.Domain.Canvas;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Canvas;

/// <summary>Where the creator put each node of a project's canvas, and which nodes are collapsed.</summary>
public sealed class CanvasPlacements(IDbContextFactory<DreamXDbContext> contexts)
{
    /// <returns>The saved placements by node key; empty for a project that is not the owner's.</returns>
    public async Task<IReadOnlyDictionary<string, CanvasNodePlacement>> LoadAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.CanvasNodePlacements.AsNoTracking()
            .Where(p => p.ProjectId == projectId && db.Projects.Any(project => project.Id == projectId && project.OwnerId == ownerId))
            .ToDictionaryAsync(p => p.NodeKey, StringComparer.Ordinal, ct);
    }

    /// <summary>Inserts or updates the given placements; returns false for a project that is not the owner's.</summary>
    public async Task<bool> SaveAsync(string ownerId, Guid projectId, IReadOnlyCollection<NodePlacement> placements, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Projects.AnyAsync(p => p.Id == projectId && p.OwnerId == ownerId, ct))
            return false;
        if (placements.Count == 0)
            return true;

        var keys = placements.Select(p => p.NodeKey).ToList();
        var existing = await db.CanvasNodePlacements
            .Where(p => p.ProjectId == projectId && keys.Contains(p.NodeKey))
            .ToDictionaryAsync(p => p.NodeKey, StringComparer.Ordinal, ct);
        foreach (var placement in placements)
        {
            if (!existing.TryGetValue(placement.NodeKey, out var row))
            {
                row = new CanvasNodePlacement { ProjectId = projectId, NodeKey = placement.NodeKey };
                db.CanvasNodePlacements.Add(row);
                existing[placement.NodeKey] = row;
            }
            row.X = placement.X;
            row.Y = placement.Y;
            row.Collapsed = placement.Collapsed;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }
}

/// <summary>One node's place on the canvas, to save.</summary>
public sealed record NodePlacement(string NodeKey, double X, double Y, bool Collapsed);
