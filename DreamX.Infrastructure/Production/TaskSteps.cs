using DreamX.Domain.Generation;

namespace DreamX.Infrastructure.Production;

/// <summary>Which production step makes (and so retries) the work of each kind of task.</summary>
public static class TaskSteps
{
    public static ProductionStep StepOf(GenerationTaskType type) => type switch
    {
        GenerationTaskType.ImproveIdea => ProductionStep.ImproveIdea,
        GenerationTaskType.StoryBible => ProductionStep.StoryBible,
        GenerationTaskType.Characters => ProductionStep.Characters,
        GenerationTaskType.CharacterPortrait => ProductionStep.Portraits,
        GenerationTaskType.Script => ProductionStep.Scripts,
        GenerationTaskType.SceneDesign or GenerationTaskType.SceneKeyArt => ProductionStep.SceneDesigns,
        GenerationTaskType.ShotList => ProductionStep.ShotLists,
        GenerationTaskType.ShotAudio => ProductionStep.ShotAudio,
        GenerationTaskType.ComposeFinal => ProductionStep.ComposeFinal,
        GenerationTaskType.ComposePreview => ProductionStep.ComposePreview,
        GenerationTaskType.NoteOutline => ProductionStep.NoteOutline,
        GenerationTaskType.NotePage => ProductionStep.NotePages,
        GenerationTaskType.NotePost => ProductionStep.NotePost,
        GenerationTaskType.SongMap => ProductionStep.SongMap,
        GenerationTaskType.MusicVideoShots => ProductionStep.MusicVideoShots,
        _ => ProductionStep.ShotImages,
    };

    /// <summary>Work run once for the whole project: its retry is the stage, not one item.</summary>
    public static bool IsWholeProject(GenerationTaskType type) =>
        type is GenerationTaskType.StoryBible or GenerationTaskType.Characters or GenerationTaskType.ImproveIdea
            or GenerationTaskType.NoteOutline or GenerationTaskType.NotePost
            or GenerationTaskType.SongMap;
}
