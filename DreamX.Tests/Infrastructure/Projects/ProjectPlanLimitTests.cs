using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.Projects;

/// <summary>
/// The plan's episodes-per-project limit is enforced where projects are made (issue 18: a Starter account, 3 episodes
/// at most, had created a 100-episode project); out-of-range counts are refused, never lowered to a limit.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ProjectPlanLimitTests(PostgresDatabase database) : ProjectLibraryTest(database)
{
    [Theory]
    [InlineData(4)]
    [InlineData(100)]
    public async Task A_starter_creator_cannot_create_more_episodes_than_the_plan_allows(int episodes)
    {
        var created = await Library.CreateAsync(Maya, Series(episodes));

        Assert.Equal(CheckpointRules.PlanEpisodesCode, created.Error);
        await using var db = Database.CreateContext();
        Assert.Equal(0, await db.Projects.CountAsync());
    }

    [Fact]
    public async Task The_plan_limit_itself_is_allowed_and_a_higher_plan_allows_more()
    {
        Assert.True((await Library.CreateAsync(Maya, Series(TierLimits.For(SubscriptionTier.Starter).MaxEpisodesPerProject))).IsSuccess);

        await using (var db = Database.CreateContext())
        {
            db.Subscriptions.Add(Subscription.Start(Leo, SubscriptionTier.Plus, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        var thirty = await Library.CreateAsync(Leo, Series(30));
        Assert.True(thirty.IsSuccess, thirty.Error);
        Assert.Equal(30, thirty.Value.Checkpoint.EpisodeCount);
        Assert.Equal(CheckpointRules.PlanEpisodesCode, (await Library.CreateAsync(Leo, Series(31))).Error);
    }

    [Theory]
    [InlineData(101)]
    [InlineData(100_000)]
    public async Task An_out_of_range_count_is_refused_not_lowered_to_the_maximum(int episodes)
    {
        await using (var db = Database.CreateContext())
        {
            db.Subscriptions.Add(Subscription.Start(Maya, SubscriptionTier.Ultra, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var created = await Library.CreateAsync(Maya, Series(episodes));

        Assert.Equal("episodes.multi_range", created.Error);
        await using var check = Database.CreateContext();
        Assert.Equal(0, await check.Projects.CountAsync());
    }

    [Fact]
    public void The_forms_rules_name_the_plan_and_its_limit()
    {
        var error = Assert.Single(CheckpointRules.Validate(Series(4), SubscriptionTier.Starter));

        Assert.Equal(CheckpointRules.PlanEpisodesCode, error.Code);
        Assert.Equal([3, "Starter"], error.Arguments);
        Assert.Empty(CheckpointRules.Validate(Series(4), SubscriptionTier.Basic));
    }

    private static CheckpointInput Series(int episodes) => new()
    {
        Title = "Long Run",
        Type = ProjectType.MultiEpisodes,
        EpisodeCount = episodes,
        Language = "en-US",
        Idea = "A family of lighthouse keepers guards a coast where ships vanish every winter.",
        EpisodeDurationSeconds = 60,
    };
}
