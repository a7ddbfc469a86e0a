using System.Text.RegularExpressions;
using System.Xml.Linq;
using DreamX.Tests.Support;

namespace DreamX.Tests.Web.Localization;

/// <summary>The UI is fully translated: every English text has its Chinese twin with the same placeholders.</summary>
public sealed partial class ResourcePairTests
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepositoryRoot, "DreamX.Web", "Localization");

    public static TheoryData<string> Features =>
        new(Directory.GetFiles(Folder, "*.resx").Where(f => !f.EndsWith(".zh-CN.resx", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).Order()!);

    [Fact]
    public void There_are_resource_pairs_to_check()
    {
        Assert.True(Features.Count >= 10, $"only {Features.Count} resource files found in {Folder}");
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void Every_text_exists_in_both_languages_with_the_same_placeholders(string feature)
    {
        var english = Read(Path.Combine(Folder, feature + ".resx"));
        var chinese = Read(Path.Combine(Folder, feature + ".zh-CN.resx"));

        Assert.Empty(english.Keys.Except(chinese.Keys).Select(k => $"{feature}: '{k}' has no Chinese text"));
        Assert.Empty(chinese.Keys.Except(english.Keys).Select(k => $"{feature}: '{k}' has no English text"));
        foreach (var (key, text) in english)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{feature}: '{key}' is empty in English");
            Assert.False(string.IsNullOrWhiteSpace(chinese[key]), $"{feature}: '{key}' is empty in Chinese");
            Assert.True(Placeholders(text).SetEquals(Placeholders(chinese[key])),
                $"{feature}: '{key}' has placeholders {string.Join(",", Placeholders(text))} in English but {string.Join(",", Placeholders(chinese[key]))} in Chinese");
        }
    }

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();
}
