using Bunit;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Subscriptions;
using DreamX.Web.Components.Pages.Wallet;

namespace DreamX.Tests.Web.Components.Wallet;

public sealed class SubscriptionCardTests : StudioComponentTest
{
    private static readonly DateTimeOffset Renews = new(2026, 4, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_paid_plan_shows_its_limits_and_can_be_cancelled()
    {
        var cancelled = 0;
        var card = Render<SubscriptionCard>(p => p
            .Add(c => c.Plan, new SubscriptionView(SubscriptionTier.Pro, SubscriptionStatus.Active, Renews.AddMonths(-1), Renews, null))
            .Add(c => c.OnCancel, () => cancelled++));

        await card.Find("[data-testid='plan-cancel']").ClickAsync(new());

        Assert.Equal(1, cancelled);
        Assert.Equal("Pro", card.Find("[data-testid='plan-tier']").TextContent);
        Assert.Equal("8000", card.Find("[data-testid='plan-monthly']").TextContent);
        Assert.StartsWith("Renews on", card.Find("[data-testid='plan-renews']").TextContent);
    }

    [Fact]
    public void A_cancelled_plan_says_when_it_ends_and_offers_no_cancel()
    {
        var card = Render<SubscriptionCard>(p => p
            .Add(c => c.Plan, new SubscriptionView(SubscriptionTier.Plus, SubscriptionStatus.Cancelled, Renews.AddMonths(-1), Renews, Renews.AddDays(-3))));

        Assert.StartsWith("Ends on", card.Find("[data-testid='plan-renews']").TextContent);
        Assert.Empty(card.FindAll("[data-testid='plan-cancel']"));
    }

    [Fact]
    public void The_free_starter_plan_cannot_be_cancelled()
    {
        var card = Render<SubscriptionCard>(p => p.Add(c => c.Plan, SubscriptionView.Default));

        Assert.Equal("Starter", card.Find("[data-testid='plan-tier']").TextContent);
        Assert.Empty(card.FindAll("[data-testid='plan-cancel']"));
    }
}
