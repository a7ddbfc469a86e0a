using DreamX.Domain.Characters;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;

namespace DreamX.Infrastructure.Production;

/// <summary>Between the stage drafts the writers exchange and the entities the canvas shows.</summary>
public static class DraftMapping
{
    public static StoryBibleDraft ToDraft(this StoryBible bible, string title) => new(
        title, bible.Genre ?? "", bible.Logline, bible.Synopsis, bible.World, bible.Themes, bible.Tone, bible.EpisodePlan);

    public static void Apply(this StoryBible bible, StoryBibleDraft draft)
    {
        bible.Logline = draft.Logline;
        bible.Synopsis = draft.Synopsis;
        bible.World = draft.World;
        bible.Themes = [.. draft.Themes];
        bible.Tone = draft.Tone;
        bible.Genre = draft.Genre;
        bible.EpisodePlan = [.. draft.EpisodePlan];
    }

    public static CharacterDraft ToDraft(this Character character) => new(
        character.Key, character.Name, character.Occupation, character.Level, character.Gender, character.Age ?? 0,
        character.HeightCm ?? 0, character.Bio, character.Appearance, "");

    public static void Apply(this Character character, CharacterDraft draft, int order)
    {
        character.Key = draft.Key;
        character.Name = draft.Name;
        character.Occupation = draft.Occupation;
        character.Level = draft.Level;
        character.Gender = draft.Gender;
        character.Age = draft.Age > 0 ? draft.Age : null;
        character.HeightCm = draft.HeightCm > 0 ? draft.HeightCm : null;
        character.Bio = draft.Bio;
        character.Appearance = draft.Appearance;
        character.SortOrder = order;
    }

    public static SceneDraft ToDraft(this Scene scene, IReadOnlyList<string> characterKeys, decimal targetSeconds) => new(
        scene.Number, scene.Setting, scene.Location, scene.TimeOfDay, scene.ActionLines, scene.Lines, characterKeys, targetSeconds);

    /// <summary>The characters a scene shows: those who speak in it, then those its shots name.</summary>
    public static IReadOnlyList<string> CharacterKeys(this Scene scene) =>
        scene.Lines.Where(l => l.CharacterKey is not null).Select(l => l.CharacterKey!)
            .Concat(scene.Shots.SelectMany(s => s.CharacterKeys))
            .Distinct(StringComparer.Ordinal).ToList();

    public static void Apply(this Episode episode, ScriptDraft draft)
    {
        episode.Title = draft.Title;
        episode.Summary = draft.Summary;
    }

    public static Scene ToScene(this SceneDraft draft, Guid projectId, Guid episodeId) => new()
    {
        ProjectId = projectId,
        EpisodeId = episodeId,
        Number = draft.Number,
        Setting = draft.Setting,
        Location = draft.Location,
        TimeOfDay = draft.TimeOfDay,
        ActionLines = [.. draft.ActionLines],
        Lines = [.. draft.Lines],
    };

    public static Shot ToShot(this ShotDraft draft, Guid projectId, Guid sceneId) => new()
    {
        ProjectId = projectId,
        SceneId = sceneId,
        Order = draft.Order,
        ShotType = draft.ShotType,
        CameraMove = draft.CameraMove,
        DurationSeconds = Math.Clamp(draft.DurationSeconds, Shot.MinDurationSeconds, Shot.MaxDurationSeconds),
        VisualPrompt = draft.VisualPrompt,
        CharacterKeys = [.. draft.CharacterKeys],
        SpokenLine = draft.SpokenLine,
        Transition = draft.Transition,
    };
}
