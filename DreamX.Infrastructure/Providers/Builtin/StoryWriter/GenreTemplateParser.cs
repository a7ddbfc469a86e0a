using DreamX.Domain.Characters;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// Reads a genre template file: "key: value" header lines, "role KEY: F | 20-30 | occupation | Major | bio | look | voice",
/// then sections "== beat @ INT | location | Day" holding "title:", "summary:", "action:" and "[~]speaker|emotion: text" lines.
/// </summary>
internal static class GenreTemplateParser
{
    public static GenreTemplate Parse(string key, string language, string text)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var roles = new List<TemplateRole>();
        var sections = new List<TemplateSection>();
        SectionBuilder? current = null;

        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (line.StartsWith("==", StringComparison.Ordinal))
            {
                if (current is not null)
                    sections.Add(current.Build());
                current = SectionBuilder.Start(line[2..].Trim());
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
                throw new FormatException($"Template {key}.{language}: no ':' in \"{line}\"");
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (current is not null)
                current.Add(name, value);
            else if (name.StartsWith("role ", StringComparison.Ordinal))
                roles.Add(ParseRole(name[5..].Trim(), value));
            else
                header[name] = value;
        }
        if (current is not null)
            sections.Add(current.Build());

        string H(string field) => header.TryGetValue(field, out var v) ? v : throw new FormatException($"Template {key}.{language}: missing {field}");
        return new GenreTemplate(
            key, language, H("genre"), SplitList(H("keywords")), H("title"), H("tone"), SplitList(H("themes")), H("world"),
            H("place"), H("conflict"), H("logline"), H("ending"), H("mood"),
            H("palette").Split(' ', StringSplitOptions.RemoveEmptyEntries), roles, sections);
    }

    private static List<string> SplitList(string value) =>
        value.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private static TemplateRole ParseRole(string key, string value)
    {
        var parts = value.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length != 7)
            throw new FormatException($"Role {key}: expected 7 fields, found {parts.Length}");
        var ages = parts[1].Split('-');
        return new TemplateRole(
            key,
            parts[0] switch { "F" => Gender.Female, "M" => Gender.Male, _ => Gender.Other },
            int.Parse(ages[0]), int.Parse(ages[1]), parts[2], Enum.Parse<CharacterLevel>(parts[3]), parts[4], parts[5], parts[6]);
    }

    private sealed class SectionBuilder
    {
        private Beat _beat;
        private SceneSetting _setting;
        private string _location = "";
        private TimeOfDay _time;
        private string _title = "";
        private string _summary = "";
        private readonly List<string> _actions = [];
        private readonly List<TemplateLine> _lines = [];

        public static SectionBuilder Start(string heading)
        {
            var at = heading.Split('@', 2, StringSplitOptions.TrimEntries);
            var builder = new SectionBuilder { _beat = Enum.Parse<Beat>(at[0], ignoreCase: true) };
            if (at.Length == 2)
            {
                var parts = at[1].Split('|', StringSplitOptions.TrimEntries);
                builder._setting = parts[0] == "EXT" ? SceneSetting.Exterior : SceneSetting.Interior;
                builder._location = parts[1];
                builder._time = Enum.Parse<TimeOfDay>(parts[2], ignoreCase: true);
            }
            return builder;
        }

        public void Add(string name, string value)
        {
            switch (name)
            {
                case "title": _title = value; break;
                case "summary": _summary = value; break;
                case "action": _actions.Add(value); break;
                default:
                    var optional = name.StartsWith('~');
                    var speaker = name.TrimStart('~').Split('|', 2, StringSplitOptions.TrimEntries);
                    if (speaker.Length != 2)
                        throw new FormatException($"Line \"{name}: {value}\" needs speaker|emotion");
                    _lines.Add(new TemplateLine(speaker[0], speaker[1], value, optional));
                    break;
            }
        }

        public TemplateSection Build() => new(_beat, _title, _summary, _setting, _location, _time, _actions, _lines);
    }
}
