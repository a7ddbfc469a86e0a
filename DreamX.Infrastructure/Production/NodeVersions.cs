using DreamX.Domain.Canvas;
using DreamX.Domain.Generation.Stages;
using DreamX.Infrastructure.Persistence;

namespace DreamX.Infrastructure.Production;

/// <summary>Every change of a node's content appends a version, so nothing generated or typed is ever lost.</summary>
public static class NodeVersions
{
    public static NodeContentVersion Append<TContent>(
        DreamXDbContext db, CanvasNode node, TContent content, NodeVersionSource source, Guid? taskId, string? userId, DateTimeOffset now)
    {
        node.CurrentVersion += 1;
        node.UpdatedAt = now;
        node.EditedByHand = source == NodeVersionSource.HandEdit;
        var version = new NodeContentVersion
        {
            ProjectId = node.ProjectId,
            NodeKind = node.Kind,
            NodeId = node.Id,
            Version = node.CurrentVersion,
            Source = source,
            ContentJson = StageJson.Serialize(content),
            TaskId = taskId,
            CreatedBy = userId,
            CreatedAt = now,
        };
        db.NodeContentVersions.Add(version);
        return version;
    }
}
