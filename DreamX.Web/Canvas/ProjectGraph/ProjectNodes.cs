using Blazor.Diagrams.Core.Geometry;
using DreamX.Domain.Canvas;
using DreamX.Domain.Scripts;
using DreamX.Web.Canvas.Core.Models;

namespace DreamX.Web.Canvas.ProjectGraph;

/// <summary>
/// The card sizes, fixed by kind: the layout places nodes and ports with them and the card's frame is drawn at exactly
/// this size (the renderer writes it into the card's style), so nothing is measured in the browser. The card's CSS lays
/// its content out inside these boxes (wwwroot/css/canvas-card.css, CanvasComposePlayer.razor.css).
/// </summary>
public static class CardSizes
{
    /// <summary>Head, body (a 40 px thumbnail and two lines) and the Generate row.</summary>
    public static readonly Size Default = NodeModel.DefaultSize;

    /// <summary>The compose card before its first render: a line more for the planned and voiced length.</summary>
    public static readonly Size Compose = new(252, 150);

    /// <summary>The compose card with the episode's player (a 160 px video) and its downloads.</summary>
    public static readonly Size ComposeWithPlayer = new(320, 330);

    public static Size Of(ProjectNodeData data) => data.Kind switch
    {
        NodeKind.Compose => data.Entity is Composition { Renders.Count: > 0 } ? ComposeWithPlayer : Compose,
        _ => Default,
    };
}

/// <summary>A node of a project's canvas: a library node whose kind, state and card come from a stored item.</summary>
public class ProjectNode(string id, NodeKind kind, Size size, Point? position = null) : NodeModel(id, position, size)
{
    public NodeKind NodeKind { get; } = kind;

    public ProjectNodeData? Project => Data as ProjectNodeData;

    /// <summary>A node of the kind's own type (a kind without one is a plain project node of the default size).</summary>
    public static ProjectNode Create(string id, ProjectNodeData data, Point? position = null)
    {
        var size = CardSizes.Of(data);
        return data.Kind switch
        {
            NodeKind.Checkpoint => new CheckpointNode(id, size, position),
            NodeKind.StoryBible => new StoryBibleNode(id, size, position),
            NodeKind.Character => new CharacterNode(id, size, position),
            NodeKind.Script => new ScriptNode(id, size, position),
            NodeKind.Scene => new SceneNode(id, size, position),
            NodeKind.Segment => new SegmentNode(id, size, position),
            NodeKind.Compose => new ComposeNode(id, size, position),
            NodeKind.NoteOutline => new NoteOutlineNode(id, size, position),
            NodeKind.NotePage => new NotePageNode(id, size, position),
            NodeKind.NotePost => new NotePostNode(id, size, position),
            NodeKind.NoteExport => new NoteExportNode(id, size, position),
            NodeKind.SongMap => new SongMapNode(id, size, position),
            _ => new ProjectNode(id, data.Kind, size, position),
        };
    }
}

/// <summary>The project's idea and settings: the root of the spine.</summary>
public sealed class CheckpointNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.Checkpoint, size, position);

public sealed class StoryBibleNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.StoryBible, size, position);

public sealed class CharacterNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.Character, size, position);

/// <summary>An episode's script.</summary>
public sealed class ScriptNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.Script, size, position);

public sealed class SceneNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.Scene, size, position);

/// <summary>A shot of a scene.</summary>
public sealed class SegmentNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.Segment, size, position);

/// <summary>An episode's cut: its size grows once it has a render to play.</summary>
public sealed class ComposeNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.Compose, size, position);

public sealed class NoteOutlineNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.NoteOutline, size, position);

public sealed class NotePageNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.NotePage, size, position);

public sealed class NotePostNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.NotePost, size, position);

public sealed class NoteExportNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.NoteExport, size, position);

/// <summary>A music video's song map: its sections with their times and lyric lines (where a drama has its script).</summary>
public sealed class SongMapNode(string id, Size size, Point? position = null) : ProjectNode(id, NodeKind.SongMap, size, position);
