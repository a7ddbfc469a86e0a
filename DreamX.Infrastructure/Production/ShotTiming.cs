using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Providers.Builtin;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// A voiced line's measured length fed back into its shot's planned length: the shot keeps the breathing room the plan gave
/// it after the line (its tail), and takes the line's real length instead of the one the plan assumed. A remote voice that
/// speaks slower lengthens the shot, a faster one shortens it; voicing the same line again gives the same length.
/// </summary>
public static class ShotTiming
{
    /// <summary>The least and most breathing room kept after a line.</summary>
    public const decimal MinTail = 0.3m;
    public const decimal MaxTail = 3m;

    /// <param name="plannedSeconds">The shot's length now.</param>
    /// <param name="voicedBefore">The length of the line it had before (null: never voiced; the plan's pace is assumed).</param>
    /// <param name="measuredSeconds">The new line's measured length.</param>
    public static decimal AfterVoicing(decimal plannedSeconds, decimal? voicedBefore, decimal measuredSeconds, string text, string language)
    {
        var chinese = language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var spoken = voicedBefore ?? SpeechPace.LineSeconds(text, chinese);
        var tail = Math.Clamp(plannedSeconds - spoken, MinTail, MaxTail);
        var seconds = Math.Round(measuredSeconds + tail, 1, MidpointRounding.AwayFromZero);
        return Math.Clamp(seconds, Shot.MinDurationSeconds, Shot.MaxDurationSeconds);
    }
}
