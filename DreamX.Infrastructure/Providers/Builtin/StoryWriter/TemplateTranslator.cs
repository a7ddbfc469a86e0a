using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using DreamX.Domain.Generation.Stages;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// The built-in writer's translator: it translates only what it wrote itself. Every genre is written in both languages
/// line for line, so a line that reads as one of its template lines (the names and the place filled in) becomes the same
/// line of the other language's template, with the same names and place. Anything else (a pasted script, a line the
/// creator or a model wrote) is named as untranslated: the built-in has no dictionary and does not guess.
/// </summary>
internal static partial class TemplateTranslator
{
    private sealed record Pattern(Regex Source, string Target, IReadOnlyList<string> Names, string SourcePlace, string TargetPlace);

    private static readonly ConcurrentDictionary<(string From, string To, string Genre), IReadOnlyList<Pattern>> Patterns = new();

    public static TranslationDraft Translate(TranslateScriptContext context)
    {
        var from = GenreTemplates.LanguageOf(context.From);
        var to = GenreTemplates.LanguageOf(context.To);
        var translated = new List<TranslatedLineDraft>();
        var untranslated = new List<int>();
        var sourceChinese = from.StartsWith("zh", StringComparison.Ordinal);
        var genre = GenreTemplates.Resolve(context.Genre);
        // The story's own genre first (its lines are the likely ones), then every other genre.
        IReadOnlyList<string> keys = genre is null ? GenreTemplates.Keys : [genre, .. GenreTemplates.Keys.Where(k => k != genre)];
        foreach (var line in context.Lines)
        {
            var text = line.Text.Trim();
            if (from == to)
            {
                translated.Add(new TranslatedLineDraft(line.Index, text));
                continue;
            }
            var found = Fixed(text, from, to)
                        ?? keys.SelectMany(key => PatternsOf(from, to, key)).Select(p => Apply(p, text, context.Cast, sourceChinese)).FirstOrDefault(t => t is not null);
            if (found is null)
                untranslated.Add(line.Index);
            else
                translated.Add(new TranslatedLineDraft(line.Index, found));
        }
        return new TranslationDraft(translated, untranslated);
    }

    /// <summary>
    /// The lines <see cref="IdeaStory"/> writes in code with no word of the idea in them (the protagonist's resolve per
    /// genre, the inciting scene's lines when the idea names no object or relation), in both languages. Its lines that
    /// carry the idea's own words (its object, its relation, its incident) have no counterpart: the built-in has no dictionary.
    /// </summary>
    private static readonly (string Chinese, string English)[] FixedLines =
    [
        ("不管真相是什么，我都要查到底。", "Whatever the truth is, I'm going to find it."),
        ("我怎么也没想到，一切会从今天开始。", "I never thought it would all start today."),
        ("欠我的，我会一样一样拿回来。", "Everything they took, I'll take back."),
        ("有些话，我欠了太多年。", "Some things I should have said years ago."),
        ("如果这是真的，那我们的世界就是假的。", "If this is real, then our world isn't."),
        ("既然天命选中了我，我便逆天而行。", "If fate chose me, I will defy it."),
        ("这一次，我不会再退让。", "This time, I won't back down."),
        ("你听我说，今天发生了一件事。", "Listen to me. Something happened today."),
        ("我不能当作什么都没发生。", "I can't pretend nothing happened."),
        ("那你要小心，有人不想让你知道真相。", "Then be careful. Someone doesn't want you to know."),
    ];

    private static string? Fixed(string text, string from, string to)
    {
        var chinese = from.StartsWith("zh", StringComparison.Ordinal);
        foreach (var (zh, en) in FixedLines)
        {
            if ((chinese ? zh : en) == text)
                return to.StartsWith("zh", StringComparison.Ordinal) ? zh : en;
        }
        return null;
    }

    private static string? Apply(Pattern pattern, string text, IReadOnlyList<TranslateCastMember> cast, bool sourceChinese)
    {
        var match = pattern.Source.Match(text);
        if (!match.Success)
            return null;
        var failed = false;
        var result = Placeholder().Replace(pattern.Target, m =>
        {
            var name = m.Groups["name"].Value;
            if (match.Groups[GroupName(name)] is { Success: true } captured)
                // The genre's own city (no place in the idea) is that language's city: 上海 is New York, as the writer has it.
                return name == "place" && captured.Value == pattern.SourcePlace ? pattern.TargetPlace : captured.Value;
            // A name the source line did not say: the cast's name for the role (a surname for {role.last}).
            var role = name.EndsWith(".last", StringComparison.Ordinal) ? name[..^5] : name;
            if (cast.FirstOrDefault(c => c.Key == role) is { } member)
                return name == role ? NameGenerator.ShortName(member.Name, sourceChinese) : NameGenerator.FamilyName(member.Name);
            failed = true;
            return m.Value;
        });
        return failed ? null : result;
    }

    private static IReadOnlyList<Pattern> PatternsOf(string from, string to, string genre) =>
        Patterns.GetOrAdd((from, to, genre), static key =>
        {
            var source = GenreTemplates.Get(key.Genre, key.From);
            var target = GenreTemplates.Get(key.Genre, key.To);
            var patterns = new List<Pattern>();
            // The two languages' templates are written section for section and line for line.
            for (var s = 0; s < Math.Min(source.Sections.Count, target.Sections.Count); s++)
            {
                var (a, b) = (source.Sections[s].Lines, target.Sections[s].Lines);
                for (var l = 0; l < Math.Min(a.Count, b.Count); l++)
                {
                    if (a[l].Speaker != b[l].Speaker)
                        continue;
                    var (regex, names) = ToRegex(a[l].Text.Trim());
                    patterns.Add(new Pattern(regex, b[l].Text.Trim(), names, source.Place, target.Place));
                }
            }
            // Longer templates first: a short line must not match as the start of a longer one's placeholder.
            return patterns.OrderByDescending(p => p.Source.ToString().Length).ToList();
        });

    /// <summary>The template line as a whole-line pattern: each placeholder a capture (the same placeholder twice must say the same).</summary>
    private static (Regex, IReadOnlyList<string>) ToRegex(string template)
    {
        var pattern = new StringBuilder("^");
        var names = new List<string>();
        var at = 0;
        foreach (Match m in Placeholder().Matches(template))
        {
            pattern.Append(Regex.Escape(template[at..m.Index]));
            var name = m.Groups["name"].Value;
            var group = GroupName(name);
            pattern.Append(names.Contains(name) ? $@"\k<{group}>" : $"(?<{group}>.+?)");
            if (!names.Contains(name))
                names.Add(name);
            at = m.Index + m.Length;
        }
        pattern.Append(Regex.Escape(template[at..])).Append('$');
        return (new Regex(pattern.ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), names);
    }

    private static string GroupName(string placeholder) => "p_" + placeholder.Replace('.', '_');

    [GeneratedRegex(@"\{(?<name>[a-z]+(?:\.last)?)\}")]
    private static partial Regex Placeholder();
}
