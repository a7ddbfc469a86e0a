using System.Text.RegularExpressions;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// Short-drama pacing: about 4.5 Chinese characters or 2.5 English words of speech per second; a shot lasts its line
/// plus 1-2 s; a silent shot (establishing, reaction) 1.5-3.5 s.
/// </summary>
internal static partial class Pacing
{
    public const decimal ChineseCharsPerSecond = 4.5m;
    public const decimal EnglishWordsPerSecond = 2.5m;
    public const decimal MinTail = 1.0m;
    public const decimal DefaultTail = 1.5m;
    public const decimal MaxTail = 2.0m;
    public const decimal MinSilent = 1.5m;
    public const decimal DefaultSilent = 2.5m;
    public const decimal MaxSilent = 3.5m;

    /// <summary>How long the line takes to say, in seconds.</summary>
    public static decimal SpeechSeconds(string text, bool chinese)
    {
        if (chinese)
        {
            var hanzi = HanziPattern().Matches(text).Count;
            var latinWords = LatinWordPattern().Matches(text).Count;
            return (hanzi + latinWords * 2) / ChineseCharsPerSecond;
        }
        return LatinWordPattern().Matches(text).Count / EnglishWordsPerSecond;
    }

    public static decimal ShotSeconds(string text, bool chinese, decimal tail = DefaultTail) =>
        Round(SpeechSeconds(text, chinese) + Math.Clamp(tail, MinTail, MaxTail));

    public static decimal Round(decimal seconds) => Math.Round(seconds, 1, MidpointRounding.AwayFromZero);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanziPattern();

    [GeneratedRegex(@"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")]
    private static partial Regex LatinWordPattern();
}
