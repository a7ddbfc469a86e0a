using System.Text.RegularExpressions;

namespace DreamX.Infrastructure.Providers.Builtin;

/// <summary>
/// How fast the built-in espeak-ng voices speak, measured, so the writer plans lines that the voices fill (SPEC §4). A voice's
/// words-per-minute is its nominal pace (160 is normal); espeak's Mandarin at its own -s 160 says only ~2.3 characters a second
/// (a 60 s plan came out at 97 s), so Chinese is sent to espeak 1.5 times faster. Measured on espeak-ng 1.51 over the seeded
/// variants (f2, m3, f4, m7) with lines of 3-82 characters / 1-50 words, punctuation pauses included: at nominal 160,
/// Mandarin (-s 240) says 3.6-4.3 characters a second plus ~0.3 s around a line; English (-s 160) 2.9-3.2 words a second.
/// The plan uses the slower end, so a voice rarely outruns its shot (a shot stretches when its line does not fit).
/// </summary>
public static partial class SpeechPace
{
    public const int NominalWordsPerMinute = 160;

    /// <summary>Chinese characters a second at the nominal pace (espeak cmn at -s 240).</summary>
    public const decimal ChineseCharsPerSecond = 3.6m;

    /// <summary>English words a second at the nominal pace (espeak en-us at -s 160).</summary>
    public const decimal EnglishWordsPerSecond = 2.8m;

    /// <summary>Silence espeak leaves around a line, and the pause of its last punctuation.</summary>
    public const decimal LineOverheadSeconds = 0.3m;

    /// <summary>espeak's -s for a voice's nominal pace in a language: Mandarin needs 1.5 times the words-per-minute.</summary>
    public static int EspeakSpeed(string language, int wordsPerMinute)
    {
        var chinese = language.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || language.StartsWith("cmn", StringComparison.OrdinalIgnoreCase);
        var speed = chinese ? (int)Math.Round(wordsPerMinute * 1.5) : wordsPerMinute;
        return Math.Clamp(speed, 80, 450);
    }

    /// <summary>How long a line takes to say at the nominal pace, in seconds (0 for a line with no words).</summary>
    public static decimal LineSeconds(string text, bool chinese)
    {
        if (chinese)
        {
            var hanzi = HanziPattern().Matches(text).Count;
            var latinWords = LatinWordPattern().Matches(text).Count;
            return hanzi + latinWords == 0 ? 0 : LineOverheadSeconds + (hanzi + latinWords * 2) / ChineseCharsPerSecond;
        }
        var words = LatinWordPattern().Matches(text).Count;
        return words == 0 ? 0 : LineOverheadSeconds + words / EnglishWordsPerSecond;
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanziPattern();

    [GeneratedRegex(@"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")]
    private static partial Regex LatinWordPattern();
}
