using DreamX.Domain.Canvas;
using DreamX.Domain.Scripts;

namespace DreamX.Tests.Domain.Scripts;

public class ShotTests
{
    [Fact]
    public void A_shot_lasts_at_least_its_spoken_audio_plus_a_tail()
    {
        var shot = new Shot { DurationSeconds = 2.5m, AudioDurationSeconds = 3.1m };

        Assert.Equal(3.4m, shot.EffectiveDurationSeconds());
    }

    [Fact]
    public void A_shot_longer_than_its_audio_keeps_its_duration()
    {
        var shot = new Shot { DurationSeconds = 5m, AudioDurationSeconds = 2m };

        Assert.Equal(5m, shot.EffectiveDurationSeconds());
    }

    [Theory]
    [InlineData(NodeState.Ready, NodeState.Stale)]
    [InlineData(NodeState.Failed, NodeState.Stale)]
    [InlineData(NodeState.Empty, NodeState.Empty)]
    [InlineData(NodeState.Running, NodeState.Running)]
    public void Only_content_that_exists_goes_stale(NodeState before, NodeState after)
    {
        var shot = new Shot { State = before };

        shot.MarkStale();

        Assert.Equal(after, shot.State);
    }
}
