using DreamX.Domain.Common;
using DreamX.Infrastructure.Canvas;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.Layout;

namespace DreamX.Web.Canvas.ProjectGraph;

/// <summary>
/// A creator's project as a canvas: reads the graph, puts nodes where they were saved, lays out the new ones,
/// and saves positions back.
/// </summary>
public sealed class ProjectCanvas(ProjectGraphReader reader, CanvasPlacements placements)
{
    private static readonly LayeredLayout Layout = new();

    public async Task<Result<Diagram>> OpenAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        var graph = await reader.ReadAsync(ownerId, projectId, ct);
        if (graph.IsFailure)
            return Result.Failure<Diagram>(graph.Error!);
        var saved = await placements.LoadAsync(ownerId, projectId, ct);
        var diagram = ProjectGraphMapper.ToDiagram(graph.Value, saved);
        var placedNow = diagram.Nodes.Where(n => !n.HasPosition).ToList();
        Layout.PlaceNew(diagram);
        // A node keeps the place it was first shown at, so content added later does not reshuffle it.
        if (placedNow.Count > 0)
            await SaveAsync(ownerId, projectId, placedNow, ct);
        return diagram;
    }

    /// <summary>Re-lays every node and saves the new positions.</summary>
    public async Task TidyUpAsync(string ownerId, Guid projectId, Diagram diagram, CancellationToken ct = default)
    {
        Layout.TidyUp(diagram);
        await SaveAsync(ownerId, projectId, diagram.Nodes, ct);
    }

    public Task<bool> SaveAsync(string ownerId, Guid projectId, IEnumerable<NodeModel> nodes, CancellationToken ct = default) =>
        placements.SaveAsync(ownerId, projectId,
            nodes.Select(n => new NodePlacement(n.Id, n.Position.X, n.Position.Y, n.Collapsed)).ToList(), ct);
}
