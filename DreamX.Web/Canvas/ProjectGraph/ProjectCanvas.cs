using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Blazor.Diagrams.Core.Geometry;
using DreamX.Domain.Canvas;
using DreamX.Domain.Common;
using DreamX.Infrastructure.Canvas;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.Layout;
using DreamX.Web.Localization;
using Microsoft.Extensions.Localization;
using Graph = DreamX.Infrastructure.Canvas.ProjectGraph;

namespace DreamX.Web.Canvas.ProjectGraph;

/// <summary>
/// A creator's project as a canvas: reads the graph, puts nodes where they were saved, lays out the new ones,
/// and saves positions back.
/// </summary>
/// <param name="words">Shot types and camera moves in the reader's language; their names when null (tests).</param>
public sealed class ProjectCanvas(ProjectGraphReader reader, CanvasPlacements placements, IStringLocalizer<ScriptText>? words = null)
{
    /// <summary>Wrapped to a screen's shape, so "fit" on a one-episode project keeps its cards readable.</summary>
    private static readonly LayeredLayout Layout = new() { WrapAspect = 1.6, LayerGap = 96 };

    public async Task<Result<Diagram>> OpenAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        var opened = await ReadAsync(ownerId, projectId, null, ct);
        return opened.IsFailure ? Result.Failure<Diagram>(opened.Error!) : opened.Value.Diagram;
    }

    /// <summary>
    /// The project's diagram: nodes the creator placed (dragged, collapsed) where they were saved, every other node
    /// where the layered layout puts it now. Auto-placed nodes are not saved, so they follow the layout as content grows.
    /// </summary>
    /// <param name="current">The open diagram: when the graph's shape has not changed (only states and content did,
    /// as with every progress report) its layout is kept instead of computed again.</param>
    private async Task<Result<(Diagram Diagram, IReadOnlySet<string> Pinned)>> ReadAsync(string ownerId, Guid projectId, Diagram? current, CancellationToken ct)
    {
        var graph = await reader.ReadAsync(ownerId, projectId, ct);
        if (graph.IsFailure)
            return Result.Failure<(Diagram, IReadOnlySet<string>)>(graph.Error!);
        var saved = await placements.LoadAsync(ownerId, projectId, ct);
        return (Build(graph.Value, saved, current), saved.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// A diagram of a graph read elsewhere (the live feed reads once for every open page): placed nodes where they were
    /// saved, the others where the layout puts them (or where they stand in <paramref name="current"/> when the shape is the same).
    /// </summary>
    public Diagram Build(Graph graph, IReadOnlyDictionary<string, CanvasNodePlacement> saved, Diagram? current = null)
    {
        var diagram = ProjectGraphMapper.ToDiagram(graph, saved, words is null ? null : value => words[$"{value.GetType().Name}.{value}"]);
        if (current is null || !KeepLayoutOf(current, diagram))
            PlaceNew(diagram);
        return diagram;
    }

    /// <summary>
    /// Layouts computed lately, by the shape they were computed for: the layered layout is the dearest part of opening a
    /// large project (about half a second for 300 nodes on a busy server), and the same shape comes back whenever the
    /// project is opened again, in another tab or by a member, until its content grows or a node is placed.
    /// </summary>
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Point>> Layouts = new(StringComparer.Ordinal);

    private const int LayoutsKept = 64;

    /// <summary>Places the nodes that have no position as the layout does, from a layout of the same shape when there is one.</summary>
    private static void PlaceNew(Diagram diagram)
    {
        if (diagram.Nodes.All(n => n.HasPosition))
            return;
        var shape = ShapeOf(diagram);
        if (Layouts.TryGetValue(shape, out var known))
        {
            diagram.Batch(() =>
            {
                foreach (var node in diagram.Nodes.Where(n => !n.HasPosition))
                {
                    var spot = known[node.Id];
                    node.HasPosition = true;
                    node.SetPosition(spot.X, spot.Y);
                }
                diagram.RaiseChanged();
            });
            return;
        }
        Layout.PlaceNew(diagram);
        if (Layouts.Count >= LayoutsKept)
            Layouts.Clear();
        Layouts[shape] = diagram.Nodes.ToDictionary(n => n.Id, n => n.Position, StringComparer.Ordinal);
    }

    /// <summary>
    /// What the layout depends on: every node with its size (and its place when it has one: new nodes keep clear of
    /// placed ones) and every link, in order; hashed.
    /// </summary>
    private static string ShapeOf(Diagram diagram)
    {
        var text = new StringBuilder();
        foreach (var node in diagram.Nodes)
        {
            text.Append(node.Id).Append(' ').Append(node.Width.ToString(CultureInfo.InvariantCulture)).Append('x').Append(node.Height.ToString(CultureInfo.InvariantCulture));
            if (node.HasPosition)
                text.Append('@').Append(node.Position.X.ToString(CultureInfo.InvariantCulture)).Append(',').Append(node.Position.Y.ToString(CultureInfo.InvariantCulture));
            text.Append('\n');
        }
        foreach (var link in diagram.Links)
            text.Append(link.SourceNode.Id).Append('>').Append(link.TargetNode.Id).Append('\n');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Brings an open diagram up to date with a graph read elsewhere, as <see cref="RefreshAsync"/> does.</summary>
    public void Refresh(Diagram current, Graph graph, IReadOnlyDictionary<string, CanvasNodePlacement> saved) =>
        Merge(current, Build(graph, saved, current), saved.Keys.ToHashSet(StringComparer.Ordinal));

    /// <summary>
    /// Brings an open diagram up to date with the stored project without disturbing the view: nodes keep their
    /// place and selection and get the new title, state and data; new nodes appear where the layout puts them and
    /// the nodes the creator has not placed move with the layout; removed ones go. Returns false when the project
    /// cannot be read.
    /// </summary>
    public async Task<bool> RefreshAsync(string ownerId, Guid projectId, Diagram current, CancellationToken ct = default)
    {
        var fresh = await ReadAsync(ownerId, projectId, current, ct);
        if (fresh.IsFailure)
            return false;
        Merge(current, fresh.Value.Diagram, fresh.Value.Pinned);
        return true;
    }

    /// <summary>
    /// Same nodes, sizes and links as the open diagram: the fresh nodes take the open ones' places (the layout would
    /// put them there again) and the layered layout, the dearest part of a refresh, is skipped.
    /// </summary>
    private static bool KeepLayoutOf(Diagram current, Diagram fresh)
    {
        if (current.Nodes.Count != fresh.Nodes.Count || current.Links.Count != fresh.Links.Count)
            return false;
        foreach (var node in fresh.Nodes)
        {
            if (current.Nodes.Find(node.Id) is not { } open || open.Size != node.Size)
                return false;
        }
        if (fresh.Links.Any(link => current.Links.Find(link.Id) is null))
            return false;
        foreach (var node in fresh.Nodes.Where(n => !n.HasPosition))
        {
            var open = current.Nodes.Find(node.Id)!;
            node.SetPosition(open.Position.X, open.Position.Y);
            node.HasPosition = true;
        }
        return true;
    }

    private static void Merge(Diagram current, Diagram fresh, IReadOnlySet<string> pinned)
    {
        current.Batch(() =>
        {
            foreach (var node in current.Nodes.Where(n => fresh.Nodes.Find(n.Id) is null).ToList())
                current.Nodes.Remove(node);
            foreach (var node in fresh.Nodes)
            {
                if (current.Nodes.Find(node.Id) is not { } existing)
                {
                    current.Nodes.Add(CopyOf(node));
                    continue;
                }
                existing.Title = node.Title;
                existing.State = node.State;
                existing.Data = node.Data;
                existing.Size = node.Size;
                if (!pinned.Contains(node.Id) && !existing.Selected && existing.Position != node.Position)
                    existing.SetPosition(node.Position.X, node.Position.Y);
                existing.Refresh();
            }
            var wanted = fresh.Links.Select(l => l.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var link in current.Links.Where(l => !wanted.Contains(l.Id)).ToList())
                current.Links.Remove(link);
            foreach (var link in fresh.Links)
            {
                if (current.Links.Find(link.Id) is null)
                    current.Connect(current.Nodes.Find(link.SourceNode.Id)!, current.Nodes.Find(link.TargetNode.Id)!);
            }
            current.UpdateHidden();
            current.RaiseChanged();
        });
    }

    /// <summary>A node of the open diagram like <paramref name="node"/> of a fresh one (a node belongs to one diagram's layers).</summary>
    private static NodeModel CopyOf(NodeModel node)
    {
        var copy = node.Data is ProjectNodeData data ? ProjectNode.Create(node.Id, data, node.Position) : new NodeModel(node.Id, node.Position, node.Size);
        copy.Title = node.Title;
        copy.Kind = node.Kind;
        copy.State = node.State;
        copy.Data = node.Data;
        copy.Size = node.Size;
        return copy;
    }

    /// <summary>
    /// Re-lays every node and hands them all back to the layout: the creator's placements are forgotten (collapsed
    /// nodes keep their flag at their new place).
    /// </summary>
    public async Task TidyUpAsync(string ownerId, Guid projectId, Diagram diagram, CancellationToken ct = default)
    {
        Layout.TidyUp(diagram);
        if (await placements.ForgetAsync(ownerId, projectId, ct))
            await SaveAsync(ownerId, projectId, diagram.Nodes.Where(n => n.Collapsed), ct);
    }

    public Task<bool> SaveAsync(string ownerId, Guid projectId, IEnumerable<NodeModel> nodes, CancellationToken ct = default) =>
        placements.SaveAsync(ownerId, projectId,
            nodes.Select(n => new NodePlacement(n.Id, n.Position.X, n.Position.Y, n.Collapsed)).ToList(), ct);
}
