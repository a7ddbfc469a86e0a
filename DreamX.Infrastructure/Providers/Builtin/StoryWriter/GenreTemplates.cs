using System.Collections.Frozen;
using System.Reflection;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// The genre templates embedded in this assembly (Templates/{genre}.{language}.txt) and genre detection:
/// the checkpoint's genre when it names one (key or name, either language), else the genre whose keywords the idea hits most.
/// </summary>
internal static class GenreTemplates
{
    public const string Fallback = "workplace";

    private const string ResourcePrefix = "story-template:";

    private static readonly FrozenDictionary<(string Key, string Language), GenreTemplate> All = Load();

    /// <summary>Genre keys in a stable order (ties in detection go to the earlier one).</summary>
    public static readonly IReadOnlyList<string> Keys = ["romance", "revenge", "mystery", "xianxia", "workplace", "family", "scifi"];

    public static string LanguageOf(string language) => language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-CN" : "en-US";

    public static GenreTemplate Get(string genreKey, string language) => All[(genreKey, LanguageOf(language))];

    /// <summary>The template for a checkpoint: the named genre if it matches one, else detection from the idea.</summary>
    public static GenreTemplate For(string? genre, string idea, string language) =>
        Get(Resolve(genre) ?? Detect(idea), language);

    /// <summary>A genre key from a key or a genre name in any language ("romance", "甜宠", "Romance"); null when unknown.</summary>
    public static string? Resolve(string? genre)
    {
        if (string.IsNullOrWhiteSpace(genre))
            return null;
        var wanted = genre.Trim();
        return All.Values
            .Where(t => t.Key.Equals(wanted, StringComparison.OrdinalIgnoreCase) || t.Genre.Equals(wanted, StringComparison.OrdinalIgnoreCase))
            .Select(t => t.Key)
            .FirstOrDefault();
    }

    /// <summary>The genre whose keywords (both languages) occur most often in the idea.</summary>
    public static string Detect(string idea)
    {
        var best = Fallback;
        var bestScore = 0;
        foreach (var key in Keys)
        {
            var score = All.Values.Where(t => t.Key == key).SelectMany(t => t.Keywords)
                .Count(word => idea.Contains(word, StringComparison.OrdinalIgnoreCase));
            if (score > bestScore)
                (best, bestScore) = (key, score);
        }
        return best;
    }

    private static FrozenDictionary<(string, string), GenreTemplate> Load()
    {
        var assembly = typeof(GenreTemplates).Assembly;
        var templates = new Dictionary<(string, string), GenreTemplate>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var file = name[ResourcePrefix.Length..];
            var dot = file.IndexOf('.');
            var (key, language) = (file[..dot], file[(dot + 1)..]);
            templates[(key, language)] = GenreTemplateParser.Parse(key, language, Read(assembly, name));
        }
        return templates.ToFrozenDictionary();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
