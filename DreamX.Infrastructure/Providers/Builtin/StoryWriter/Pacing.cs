namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// Short-drama pacing at the pace the built-in voices really speak (<see cref="SpeechPace"/>: 3.6 Chinese characters or
/// 2.8 English words a second, plus a little silence around each line); a shot lasts its line plus 1-2 s; a silent shot
/// (establishing, reaction) 1.5-3.5 s.
/// </summary>
internal static class Pacing
{
    public const decimal ChineseCharsPerSecond = SpeechPace.ChineseCharsPerSecond;
    public const decimal EnglishWordsPerSecond = SpeechPace.EnglishWordsPerSecond;
    public const decimal MinTail = 1.0m;
    public const decimal DefaultTail = 1.5m;
    public const decimal MaxTail = 2.0m;
    public const decimal MinSilent = 1.5m;
    public const decimal DefaultSilent = 2.5m;
    public const decimal MaxSilent = 3.5m;

    /// <summary>How long the line takes to say, in seconds.</summary>
    public static decimal SpeechSeconds(string text, bool chinese) => SpeechPace.LineSeconds(text, chinese);

    public static decimal ShotSeconds(string text, bool chinese, decimal tail = DefaultTail) =>
        Round(SpeechSeconds(text, chinese) + Math.Clamp(tail, MinTail, MaxTail));

    public static decimal Round(decimal seconds) => Math.Round(seconds, 1, MidpointRounding.AwayFromZero);
}
