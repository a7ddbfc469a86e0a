namespace DreamX.Infrastructure.Production;

/// <summary>What a creator can ask the studio to make, stage by stage (each fans out into one task per item).</summary>
public enum ProductionStep
{
    ImproveIdea,
    StoryBible,
    Characters,
    Portraits,
    Scripts,
    SceneDesigns,
    ShotLists,
    ShotImages,
    ShotAudio,
    ComposePreview,
    ComposeFinal,
    ShotVideos,
    NoteOutline,
    NotePages,
    NotePost,
    SongMap,
    MusicVideoShots,
}

/// <summary>
/// What a step would cost before it is queued: the creator confirms a quote, never a surprise. The time is for the
/// creator's tier running <paramref name="ParallelTasks"/> tasks at once.
/// </summary>
public sealed record ProductionQuote(ProductionStep Step, int TaskCount, int Credits, int EstimatedSeconds, string? Blocker, int ParallelTasks = 1)
{
    /// <summary>How many of the step's tasks are already waiting, queued or running (the step can be stopped when any are).</summary>
    public int Open { get; init; }
}
