using System.Text.RegularExpressions;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

/// <summary>Finds a keyword in a description: Latin words must start a word ("hat" is not in "that"); CJK words anywhere.</summary>
internal static class WordMatch
{
    public static bool Mentions(string text, string word) => IndexOf(text, word) >= 0;

    public static int IndexOf(string text, string word)
    {
        if (!word.All(char.IsAscii))
            return text.IndexOf(word, StringComparison.Ordinal);
        var match = Regex.Match(text, $@"\b{Regex.Escape(word)}");
        return match.Success ? match.Index : -1;
    }
}
