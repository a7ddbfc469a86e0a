using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;

namespace DreamX.Tests.Domain.Generation;

/// <summary>
/// A clip is asked for at no more than the creator's plan allows (issue 18: plan limits enforced where work is made):
/// the frame's short side is the plan's resolution, and a model's larger sizes are not used while it offers one within it.
/// </summary>
public sealed class VideoFitPlanTests
{
    [Theory]
    [InlineData(SubscriptionTier.Starter, "720p")]
    [InlineData(SubscriptionTier.Basic, "720p")]
    [InlineData(SubscriptionTier.Plus, "1080p")]
    [InlineData(SubscriptionTier.Ultra, "1080p")]
    public void A_model_with_several_resolutions_gets_the_largest_the_plan_allows(SubscriptionTier plan, string expected)
    {
        var (width, height) = AspectRatio.Portrait9x16.FrameSize(TierLimits.For(plan).MaxResolution);

        var shape = VideoFit.For(new VideoModelSettings { Resolutions = ["1080p", "480p", "720p"] }, 5, width, height);

        Assert.Equal(expected, shape.Resolution);
        Assert.Equal(TierLimits.For(plan).MaxResolution, Math.Min(shape.Width, shape.Height));
    }

    [Fact]
    public void Sizes_over_the_plans_resolution_are_passed_over_for_one_within_it()
    {
        var (width, height) = AspectRatio.Landscape16x9.FrameSize(TierLimits.For(SubscriptionTier.Starter).MaxResolution);

        var shape = VideoFit.For(new VideoModelSettings { Resolutions = ["1920x1080", "1280x720", "1080x1920"] }, 5, width, height);

        Assert.Equal("1280x720", shape.Resolution);
        Assert.Equal((1280, 720), (shape.Width, shape.Height));
    }

    [Fact]
    public void A_model_that_offers_nothing_that_small_gets_its_smallest()
    {
        var shape = VideoFit.For(new VideoModelSettings { Resolutions = ["1440p", "1080p"] }, 5, 1280, 720);

        Assert.Equal("1080p", shape.Resolution);
    }
}
