namespace DreamX.Domain.Subscriptions;

/// <summary>A user's plan: tier, state and the period whose credits have been granted.</summary>
public sealed class Subscription
{
    public string UserId { get; init; } = "";
    public SubscriptionTier Tier { get; set; } = SubscriptionTier.Starter;
    public SubscriptionStatus Status { get; set; } = SubscriptionStatus.Active;
    public DateTimeOffset CurrentPeriodStart { get; set; }

    /// <summary>When the next period starts: the renew date (or the end of service once cancelled).</summary>
    public DateTimeOffset CurrentPeriodEnd { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public uint RowVersion { get; set; }

    public TierLimits Limits => TierLimits.For(Tier);

    public static Subscription Start(string userId, SubscriptionTier tier, DateTimeOffset now) => new()
    {
        UserId = userId,
        Tier = tier,
        CurrentPeriodStart = now,
        CurrentPeriodEnd = now.AddMonths(1),
    };
}
