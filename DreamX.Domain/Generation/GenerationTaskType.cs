namespace DreamX.Domain.Generation;

/// <summary>Every kind of work the engine does; prices, timeouts and provider routing are per type.</summary>
public enum GenerationTaskType
{
    ImproveIdea,
    StoryBible,
    Characters,
    CharacterPortrait,
    Script,
    SceneDesign,
    SceneKeyArt,
    ShotList,
    ShotImage,
    ShotAudio,
    ShotClip,
    ComposePreview,
    ComposeFinal,
    VoiceSample,
    ShotVideo,
    NoteOutline,
    NotePage,
    NotePost,
    TranslateScript,
    SongMap,
    MusicVideoShots,
}

/// <summary>Lifecycle of a task: Blocked → Queued → Running → Succeeded | Failed | Cancelled.</summary>
public enum GenerationTaskStatus
{
    Blocked,
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>Quality tier a task runs at; prices differ per quality.</summary>
public enum GenerationQuality
{
    Standard,
    High,
}
