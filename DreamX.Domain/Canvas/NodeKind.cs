namespace DreamX.Domain.Canvas;

/// <summary>The kinds of node on the production canvas (SPEC §2); the names are the canvas' data-node-kind hooks.</summary>
public enum NodeKind
{
    Checkpoint,
    StoryBible,
    Character,
    Script,
    Scene,
    Segment,
    Compose,
    NoteOutline,
    NotePage,
    NotePost,
    NoteExport,
    SongMap,
}
