using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Providers.Builtin;

namespace DreamX.Tests.Infrastructure.Production;

public class ShotTimingTests
{
    private const string Line = "I have waited long enough for this.";   // 7 words: 0.3 + 7 / 2.8 = 2.8 s at the plan's pace

    [Fact]
    public void A_slower_voice_lengthens_its_shot_by_what_the_line_took_longer()
    {
        Assert.Equal(2.8m, SpeechPace.LineSeconds(Line, chinese: false));

        Assert.Equal(5.7m, ShotTiming.AfterVoicing(4.3m, null, 4.2m, Line, "en-US"));   // 1.5 s after the line kept
    }

    [Fact]
    public void A_faster_voice_shortens_its_shot()
    {
        Assert.Equal(3.5m, ShotTiming.AfterVoicing(4.3m, null, 2.0m, Line, "en-US"));
    }

    [Fact]
    public void Voicing_a_line_again_at_the_same_length_keeps_the_shot_as_it_is()
    {
        var once = ShotTiming.AfterVoicing(4.3m, null, 4.2m, Line, "en-US");

        Assert.Equal(once, ShotTiming.AfterVoicing(once, 4.2m, 4.2m, Line, "en-US"));
    }

    [Fact]
    public void A_chinese_line_is_planned_by_its_characters()
    {
        // 12 characters: 0.3 + 12 / 3.6 = 3.63 s; planned 5.1 s leaves 1.47 s after the line.
        Assert.Equal(6.5m, ShotTiming.AfterVoicing(5.1m, null, 5.0m, "那天夜里下着大雨捡到手机", "zh-CN"));
    }

    [Theory]
    [InlineData(0.2, 1.0)]
    [InlineData(40, 30)]
    public void A_shot_stays_within_the_lengths_a_shot_may_have(double measured, double expected)
    {
        Assert.Equal((decimal)expected, ShotTiming.AfterVoicing(1.2m, null, (decimal)measured, "Go.", "en-US"));
    }
}
