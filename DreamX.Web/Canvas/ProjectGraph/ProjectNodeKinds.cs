using DreamX.Domain.Canvas;

namespace DreamX.Web.Canvas.ProjectGraph;

/// <summary>The canvas' names for node kinds and states: the values of the data-node-kind and data-node-state hooks.</summary>
public static class ProjectNodeKinds
{
    public const string Checkpoint = "checkpoint";
    public const string StoryBible = "story-bible";
    public const string Character = "character";
    public const string Script = "script";
    public const string Scene = "scene";
    public const string Segment = "segment";
    public const string Compose = "compose";
    public const string NoteOutline = "note-outline";
    public const string NotePage = "note-page";
    public const string NotePost = "note-post";
    public const string NoteExport = "note-export";
    public const string SongMap = "song-map";

    public static string Of(NodeKind kind) => kind switch
    {
        NodeKind.Checkpoint => Checkpoint,
        NodeKind.StoryBible => StoryBible,
        NodeKind.Character => Character,
        NodeKind.Script => Script,
        NodeKind.Scene => Scene,
        NodeKind.Segment => Segment,
        NodeKind.Compose => Compose,
        NodeKind.NoteOutline => NoteOutline,
        NodeKind.NotePage => NotePage,
        NodeKind.NotePost => NotePost,
        NodeKind.NoteExport => NoteExport,
        NodeKind.SongMap => SongMap,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string StateName(NodeState state) => state.ToString().ToLowerInvariant();
}
