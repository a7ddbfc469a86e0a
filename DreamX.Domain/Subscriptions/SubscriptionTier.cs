namespace DreamX.Domain.Subscriptions;

public enum SubscriptionTier
{
    Starter,
    Basic,
    Plus,
    Pro,
    Ultra,
}

public enum SubscriptionStatus
{
    Active,
    Cancelled,
    Expired,
}

/// <summary>What a tier allows.</summary>
public sealed record TierLimits(int MonthlyCredits, int MaxEpisodesPerProject, int MaxResolution, int ParallelTasks)
{
    public static TierLimits For(SubscriptionTier tier) => tier switch
    {
        SubscriptionTier.Starter => new(200, 3, 720, 2),
        SubscriptionTier.Basic => new(1_000, 10, 720, 3),
        SubscriptionTier.Plus => new(3_000, 30, 1080, 4),
        SubscriptionTier.Pro => new(8_000, 60, 1080, 6),
        SubscriptionTier.Ultra => new(20_000, 100, 1080, 8),
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, null),
    };
}
