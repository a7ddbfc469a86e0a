using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// Changes a project's graph under optimistic concurrency: the tasks of one stage run in parallel and each touches the
/// project row (and sometimes shared nodes), so a save that lost the race is redone on a fresh copy of the graph.
/// </summary>
public static class GraphUpdates
{
    private const int Attempts = 8;

    public static async Task ApplyAsync(
        IDbContextFactory<DreamXDbContext> contexts, Guid projectId, Action<DreamXDbContext, ProductionGraph> change, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var graph = await ProductionGraph.LoadAsync(db, projectId, ownerId: null, ct)
                ?? throw new InvalidOperationException("the project no longer exists");
            change(db, graph);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                await Task.Delay(Random.Shared.Next(10, 40 * attempt), ct);
            }
        }
    }
}
