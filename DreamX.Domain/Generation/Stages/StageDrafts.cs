using System.Text.Json.Serialization;
using DreamX.Domain.Characters;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;

namespace DreamX.Domain.Generation.Stages;

// The JSON each text stage produces. Every text provider (built-in or remote) answers with these shapes;
// the engine maps them onto the stage entities. Enums are the entities' own, written as strings.

/// <summary>"Improve my idea": the idea rewritten as a structured brief.</summary>
public sealed record IdeaBrief(
    string Genre,
    string Setting,
    string Protagonist,
    string Tone,
    string Conflict,
    string Idea);

/// <summary>The story bible: logline, world and one plan entry (summary, hook, cliffhanger) per episode.</summary>
public sealed record StoryBibleDraft(
    string Title,
    string Genre,
    string Logline,
    string Synopsis,
    string World,
    IReadOnlyList<string> Themes,
    string Tone,
    IReadOnlyList<EpisodePlanEntry> EpisodePlan);

/// <summary>One character card; <see cref="Key"/> is how scripts and shots refer to the character.</summary>
public sealed record CharacterDraft(
    string Key,
    string Name,
    string Occupation,
    CharacterLevel Level,
    Gender Gender,
    int Age,
    int HeightCm,
    string Bio,
    string Appearance,
    string VoiceHint);

/// <summary>The characters stage answers with the whole cast at once.</summary>
public sealed record CharacterListDraft(IReadOnlyList<CharacterDraft> Characters);

/// <summary>One episode's script: the hook that opens it, the scenes, the cliffhanger that ends it.</summary>
public sealed record ScriptDraft(
    int EpisodeNumber,
    string Title,
    string Summary,
    string Hook,
    string Cliffhanger,
    IReadOnlyList<SceneDraft> Scenes);

/// <summary>
/// A scene: heading parts, action, lines in speaking order and the characters on screen.
/// <see cref="TargetSeconds"/> is the screen time the writer planned for it (the shot list is cut to it).
/// </summary>
public sealed record SceneDraft(
    int Number,
    SceneSetting Setting,
    string Location,
    TimeOfDay TimeOfDay,
    IReadOnlyList<string> ActionLines,
    IReadOnlyList<ScriptLine> Lines,
    IReadOnlyList<string> CharacterKeys,
    decimal TargetSeconds)
{
    /// <summary>"INT. OFFICE - NIGHT", as <see cref="Scene.Heading"/> writes it.</summary>
    [JsonIgnore]
    public string Heading => $"{(Setting == SceneSetting.Interior ? "INT." : "EXT.")} {Location} - {TimeOfDay.ToString().ToUpperInvariant()}";
}

/// <summary>One shot of a scene: framing, movement, length, the prompt to draw it and what is heard over it.</summary>
public sealed record ShotDraft(
    int Order,
    ShotType ShotType,
    CameraMove CameraMove,
    decimal DurationSeconds,
    string VisualPrompt,
    IReadOnlyList<string> CharacterKeys,
    ScriptLine? SpokenLine,
    ShotTransition Transition);

/// <summary>The segments stage answers with the ordered shots of one scene.</summary>
public sealed record ShotListDraft(int EpisodeNumber, int SceneNumber, IReadOnlyList<ShotDraft> Shots);

// The scene design stage answers with the entity's own record, Scripts.SceneDesign (lighting, palette, mood, key-art prompt).
