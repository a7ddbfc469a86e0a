using DreamX.Domain.Assets;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;

namespace DreamX.Domain.Generation.Stages;

// What each text stage is given (TextRequest.ContextJson). Providers that read prompts get the same facts as text.

/// <summary>The checkpoint as the writers see it, with the visual style's name and prompt fragment resolved.</summary>
public sealed record StoryCheckpoint(
    string Title,
    ProjectType Type,
    string Language,
    ContentRating Rating,
    int EpisodeCount,
    int EpisodeDurationSeconds,
    AspectRatio AspectRatio,
    string Idea,
    string? Genre = null,
    string StyleName = "",
    string StylePrompt = "")
{
    public static StoryCheckpoint From(Checkpoint checkpoint, string title, ProjectType type, VisualStyle? style) => new(
        title, type, checkpoint.Language, checkpoint.Rating, checkpoint.EpisodeCount, checkpoint.EpisodeDurationSeconds,
        checkpoint.AspectRatio, checkpoint.Idea, checkpoint.Genre, style?.Title ?? "", style?.PromptFragment ?? "");
}

public sealed record ImproveIdeaContext(StoryCheckpoint Checkpoint);

/// <summary>
/// The bible is written from the checkpoint and, when the creator ran "improve my idea", its brief. A music video's
/// bible is its visual concept, written for its song (<see cref="Song"/>: tempo, length, sections and their energy).
/// </summary>
public sealed record StoryBibleContext(StoryCheckpoint Checkpoint, IdeaBrief? Brief = null, SongBrief? Song = null);

/// <summary>A music video's song as its concept is written for it: the part the video covers (times from its start).</summary>
public sealed record SongBrief(double Tempo, double DurationSeconds, IReadOnlyList<SongBriefSection> Sections, bool HasLyrics);

/// <summary>One section of the song: its part (intro, verse, chorus…), how loud it is and when it plays.</summary>
public sealed record SongBriefSection(int Number, DreamX.Domain.MusicVideos.SongSectionKind Kind, DreamX.Domain.MusicVideos.SongEnergy Energy, double Start, double End);

public sealed record CharactersContext(StoryCheckpoint Checkpoint, StoryBibleDraft Bible);

/// <summary>One episode's script is written from the bible (its plan entry) and the cast.</summary>
public sealed record ScriptContext(
    StoryCheckpoint Checkpoint,
    StoryBibleDraft Bible,
    IReadOnlyList<CharacterDraft> Characters,
    int EpisodeNumber);

/// <summary>One scene's look is designed from the scene, the genre/tone and the style.</summary>
public sealed record SceneDesignContext(
    StoryCheckpoint Checkpoint,
    string Genre,
    string Tone,
    int EpisodeNumber,
    SceneDraft Scene,
    IReadOnlyList<CharacterDraft> Characters);

/// <summary>
/// One scene's shots are cut from its lines, its design and the characters' looks. <see cref="EndsEpisode"/> marks the
/// episode's last scene, whose last line is the cliffhanger.
/// </summary>
public sealed record ShotListContext(
    StoryCheckpoint Checkpoint,
    int EpisodeNumber,
    SceneDraft Scene,
    SceneDesign? Design,
    IReadOnlyList<CharacterDraft> Characters,
    bool EndsEpisode);
