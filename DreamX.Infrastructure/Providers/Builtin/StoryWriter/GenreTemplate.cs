using DreamX.Domain.Characters;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>Where a template section sits in the story's arc.</summary>
internal enum Beat
{
    Hook,
    Setup,
    Inciting,
    Escalation,
    Reversal,
    Cliffhanger,
}

/// <summary>A role in a genre's cast ("hero", "partner", "rival"...): who fills it, how they look and sound.</summary>
internal sealed record TemplateRole(
    string Key,
    Gender Gender,
    int MinAge,
    int MaxAge,
    string Occupation,
    CharacterLevel Level,
    string Bio,
    string Appearance,
    string Voice);

/// <summary>A line with placeholders; <see cref="Speaker"/> is a role key or "narration". Optional lines are cut first.</summary>
internal sealed record TemplateLine(string Speaker, string Emotion, string Text, bool Optional)
{
    public const string Narration = "narration";

    public bool IsNarration => Speaker == Narration;
}

/// <summary>One beat of the story: a scene (or, for hooks and cliffhangers, lines added to one).</summary>
internal sealed record TemplateSection(
    Beat Beat,
    string Title,
    string Summary,
    SceneSetting Setting,
    string Location,
    TimeOfDay TimeOfDay,
    IReadOnlyList<string> Actions,
    IReadOnlyList<TemplateLine> Lines);

/// <summary>
/// A genre's story in one language: tone, world, cast roles and the beats, with {role}/{place} placeholders.
/// <see cref="Kin"/> are the roles born into the hero's family: they carry the hero's surname.
/// </summary>
internal sealed record GenreTemplate(
    string Key,
    string Language,
    string Genre,
    IReadOnlyList<string> Keywords,
    string Title,
    string Tone,
    IReadOnlyList<string> Themes,
    string World,
    string Place,
    string Conflict,
    string Logline,
    string Ending,
    string Mood,
    IReadOnlyList<string> Palette,
    IReadOnlyList<TemplateRole> Roles,
    IReadOnlyList<TemplateSection> Sections,
    IReadOnlyList<string> Kin)
{
    /// <summary>The protagonist's name when the idea gives one: it goes to the first role.</summary>
    public string? HeroName { get; init; }

    public bool IsChinese => Language.StartsWith("zh", StringComparison.Ordinal);

    public IReadOnlyList<TemplateSection> Of(Beat beat) => Sections.Where(s => s.Beat == beat).ToList();

    public TemplateSection Single(Beat beat) => Sections.First(s => s.Beat == beat);
}
