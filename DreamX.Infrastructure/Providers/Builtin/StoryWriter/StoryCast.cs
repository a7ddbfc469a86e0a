using DreamX.Domain.Characters;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// Who plays each role of the genre's cast. Names the idea mentions go to the roles first (matching gender when the idea
/// says it); the rest come from the name pools. Decided from the checkpoint alone, so every stage agrees on it.
/// </summary>
internal sealed class StoryCast
{
    private readonly Dictionary<string, CharacterDraft> _byKey;
    private readonly string _place;
    private readonly IReadOnlyDictionary<string, string> _offstage;

    // offstage: roles a pasted script gives no lines; the genre's text may still name them, so they keep a name.
    private StoryCast(IReadOnlyList<CharacterDraft> characters, string place, bool chinese, IReadOnlyDictionary<string, string>? offstage = null)
    {
        Characters = characters;
        _byKey = characters.ToDictionary(c => c.Key);
        _place = place;
        Chinese = chinese;
        _offstage = offstage ?? new Dictionary<string, string>();
    }

    public IReadOnlyList<CharacterDraft> Characters { get; }
    public bool Chinese { get; }
    public string Place => _place;

    public static StoryCast From(StoryCheckpoint checkpoint, GenreTemplate template)
    {
        var chinese = template.IsChinese;
        var dice = StoryDice.From("cast", checkpoint.Language, checkpoint.Idea, template.Key);
        // A pasted script's cast is whoever speaks in it; an idea's is the genre's roles with the names it mentions.
        var speakers = checkpoint.Type == ProjectType.ScriptBased ? PastedScript.Parse(checkpoint.Idea).Speakers : [];
        var mentioned = speakers.Count > 0 ? speakers : IdeaReader.Names(checkpoint.Idea, chinese);
        if (speakers.Count == 0 && template.HeroName is { } heroName)
            mentioned = [heroName, .. mentioned.Where(n => n != heroName)];
        var assigned = AssignMentionedNames(checkpoint.Idea, mentioned, template.Roles, chinese);
        var place = IdeaReader.Place(checkpoint.Idea, chinese) ?? template.Place;

        var taken = new List<string>(mentioned);
        var drafts = new List<(TemplateRole Role, string Name, int Age, int Height)>();
        foreach (var role in template.Roles)
        {
            var age = dice.Between(role.MinAge, role.MaxAge);
            var height = role.Gender == Gender.Male ? dice.Between(175, 188) : dice.Between(158, 170);
            var family = template.Kin.Contains(role.Key) && drafts.Count > 0 ? NameGenerator.FamilyName(drafts[0].Name) : null;
            var name = assigned.TryGetValue(role.Key, out var given) ? given : NameGenerator.Next(chinese, role.Gender, age, dice, taken, family);
            taken.Add(name);
            drafts.Add((role, name, age, height));
        }

        var names = drafts.ToDictionary(d => d.Role.Key, d => d.Name);
        var characters = drafts.Select(d => new CharacterDraft(
            d.Role.Key, d.Name, Fill(d.Role.Occupation, names, place, chinese), d.Role.Level, d.Role.Gender, d.Age, d.Height,
            Fill(d.Role.Bio, names, place, chinese), Fill(d.Role.Appearance, names, place, chinese), d.Role.Voice)).ToList();
        if (speakers.Count == 0)
            return new StoryCast(characters, place, chinese);
        var scriptCast = ScriptCast(characters, speakers, template, checkpoint.Idea, chinese, dice, names, place);
        var offstage = characters.Where(c => scriptCast.All(s => s.Key != c.Key)).ToDictionary(c => c.Key, c => c.Name);
        return new StoryCast(scriptCast, place, chinese, offstage);
    }

    /// <summary>
    /// The speakers of a pasted script: those who took a role keep its looks and voice, the roles nobody speaks are
    /// dropped, and speakers beyond the roles join as supporting characters drawn like the genre's last role.
    /// </summary>
    private static List<CharacterDraft> ScriptCast(
        List<CharacterDraft> roles, IReadOnlyList<string> speakers, GenreTemplate template, string script, bool chinese, StoryDice dice,
        IReadOnlyDictionary<string, string> names, string place)
    {
        var cast = roles.Where(c => speakers.Contains(c.Name)).ToList();
        var pattern = template.Roles[^1];
        foreach (var (speaker, i) in speakers.Where(s => cast.All(c => c.Name != s)).Take(MaxScriptExtras).Select((s, i) => (s, i)))
        {
            var gender = IdeaReader.GenderOf(script, speaker, chinese) ?? (i % 2 == 0 ? Gender.Female : Gender.Male);
            var age = dice.Between(22, 55);
            var height = gender == Gender.Male ? dice.Between(172, 186) : dice.Between(158, 170);
            cast.Add(new CharacterDraft($"speaker{i + 1}", speaker, chinese ? "配角" : "supporting role", CharacterLevel.Supporting, gender, age, height,
                "", Fill(pattern.Appearance, new Dictionary<string, string>(names) { [pattern.Key] = speaker }, place, chinese), pattern.Voice));
        }
        return cast;
    }

    private const int MaxScriptExtras = 8;

    /// <summary>The cast as the creator edited it: their names and looks win; roles they removed fall back to the checkpoint's.</summary>
    public StoryCast With(IReadOnlyList<CharacterDraft>? edited)
    {
        if (edited is null || edited.Count == 0)
            return this;
        var merged = Characters.Select(c => edited.FirstOrDefault(e => e.Key == c.Key) ?? c)
            .Concat(edited.Where(e => !_byKey.ContainsKey(e.Key)))
            .ToList();
        return new StoryCast(merged, _place, Chinese, _offstage);
    }

    public CharacterDraft? this[string key] => _byKey.GetValueOrDefault(key);

    public string NameOf(string key) => _byKey.TryGetValue(key, out var c) ? NameGenerator.ShortName(c.Name, Chinese) : key;

    /// <summary>The text with {role} placeholders replaced by the characters' names and {place} by the setting.</summary>
    public string Fill(string text) =>
        Fill(text, Characters.ToDictionary(c => c.Key, c => c.Name).Concat(_offstage).ToDictionary(), _place, Chinese);

    // Names are full names; dialogue calls people by their short name ({hero}), families by the surname ({hero.last}).
    private static string Fill(string text, IReadOnlyDictionary<string, string> fullNames, string place, bool chinese)
    {
        var result = text.Replace("{place}", place, StringComparison.Ordinal);
        foreach (var (key, name) in fullNames)
        {
            result = result.Replace("{" + key + "}", NameGenerator.ShortName(name, chinese), StringComparison.Ordinal)
                .Replace("{" + key + ".last}", NameGenerator.FamilyName(name), StringComparison.Ordinal);
        }
        return result;
    }

    private static Dictionary<string, string> AssignMentionedNames(string idea, IReadOnlyList<string> mentioned, IReadOnlyList<TemplateRole> roles, bool chinese)
    {
        var assigned = new Dictionary<string, string>();
        foreach (var name in mentioned)
        {
            var gender = IdeaReader.GenderOf(idea, name, chinese);
            var role = roles.FirstOrDefault(r => !assigned.ContainsKey(r.Key) && r.Level != CharacterLevel.Extra && (gender is null || r.Gender == gender));
            if (role is not null)
                assigned[role.Key] = name;
        }
        return assigned;
    }
}
