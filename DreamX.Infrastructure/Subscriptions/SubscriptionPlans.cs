using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Subscriptions;

/// <summary>What a user sees of their plan; <see cref="RenewsAt"/> is null for the default Starter plan (no row).</summary>
public sealed record SubscriptionView(
    SubscriptionTier Tier,
    SubscriptionStatus Status,
    DateTimeOffset? PeriodStart,
    DateTimeOffset? RenewsAt,
    DateTimeOffset? CancelledAt)
{
    public TierLimits Limits => TierLimits.For(Tier);

    public bool CanCancel => Status == SubscriptionStatus.Active && RenewsAt is not null && Tier != SubscriptionTier.Starter;

    public static SubscriptionView Of(Subscription s) => new(s.Tier, s.Status, s.CurrentPeriodStart, s.CurrentPeriodEnd, s.CancelledAt);

    public static readonly SubscriptionView Default = new(SubscriptionTier.Starter, SubscriptionStatus.Active, null, null, null);
}

/// <summary>What one renewal run did.</summary>
public sealed record RenewalReport(int PeriodsGranted, int Expired);

/// <summary>
/// Users' plans: admins assign a tier (no payment gateway), users cancel (service runs to the period end), and the
/// renewal run grants each period's credits exactly once: the ledger key <c>sub:{user}:{periodStart}</c> makes a second
/// grant a no-op, and the period only moves by a conditional update on the end it was read with.
/// </summary>
public sealed class SubscriptionPlans(IDbContextFactory<DreamXDbContext> contexts, ICreditLedger ledger, Audit.AuditTrail audit, TimeProvider clock)
{
    public const string NotActive = "subscription.not_active";
    public const string UnknownUser = "subscription.unknown_user";

    /// <summary>The user's plan; Starter when none was ever assigned or the last one expired.</summary>
    public async Task<SubscriptionView> CurrentAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, ct);
        return subscription is null || subscription.Status == SubscriptionStatus.Expired ? SubscriptionView.Default : SubscriptionView.Of(subscription);
    }

    /// <summary>
    /// Puts the user on <paramref name="tier"/>. A user without a live plan starts a period now and gets its credits;
    /// a live plan changes tier at once (limits apply now, the new tier's credits come with the next renewal).
    /// </summary>
    public async Task<Result<SubscriptionView>> AssignAsync(string userId, SubscriptionTier tier, string? adminId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
            return Result.Failure<SubscriptionView>(UnknownUser);

        var subscription = await db.Subscriptions.FirstOrDefaultAsync(s => s.UserId == userId, ct);
        var startsPeriod = subscription is null || subscription.Status == SubscriptionStatus.Expired;
        if (subscription is null)
        {
            subscription = Subscription.Start(userId, tier, now);
            db.Subscriptions.Add(subscription);
        }
        else if (startsPeriod)
        {
            subscription.Tier = tier;
            subscription.Status = SubscriptionStatus.Active;
            subscription.CurrentPeriodStart = now;
            subscription.CurrentPeriodEnd = now.AddMonths(1);
            subscription.CancelledAt = null;
        }
        else
        {
            subscription.Tier = tier;
            subscription.Status = SubscriptionStatus.Active;
            subscription.CancelledAt = null;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Result.Failure<SubscriptionView>(NotActive);     // a concurrent change won: the admin reloads and retries
        }

        if (startsPeriod)
        {
            var granted = await GrantPeriodAsync(subscription, adminId, ct);
            if (granted.IsFailure)
                return Result.Failure<SubscriptionView>(granted.Error!);
        }
        if (adminId is not null)
            await audit.RecordAsync(DreamX.Domain.Audit.AuditActions.PlanChanged, userId, tier.ToString(), actorId: adminId, cancellationToken: ct);
        return SubscriptionView.Of(subscription);
    }

    /// <summary>Cancels the user's plan: it stays in force until the period ends, then the renewal run expires it.</summary>
    public async Task<Result<SubscriptionView>> CancelAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var cancelled = await db.Subscriptions
            .Where(s => s.UserId == userId && s.Status == SubscriptionStatus.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Cancelled).SetProperty(x => x.CancelledAt, now), ct);
        if (cancelled == 0)
            return Result.Failure<SubscriptionView>(NotActive);
        return await CurrentAsync(userId, ct);
    }

    /// <summary>
    /// Grants every due active period (catching up when several are due) and expires cancelled plans whose period
    /// ended. Safe to run twice or on two instances at once.
    /// </summary>
    public async Task<RenewalReport> RenewDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);

        var expired = await db.Subscriptions
            .Where(s => s.Status == SubscriptionStatus.Cancelled && s.CurrentPeriodEnd <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Expired), ct);

        var granted = 0;
        while (true)
        {
            var due = await db.Subscriptions.AsNoTracking()
                .Where(s => s.Status == SubscriptionStatus.Active && s.CurrentPeriodEnd <= now)
                .OrderBy(s => s.CurrentPeriodEnd).Take(200).ToListAsync(ct);
            if (due.Count == 0)
                break;
            foreach (var subscription in due)
            {
                var readEnd = subscription.CurrentPeriodEnd;
                subscription.CurrentPeriodStart = readEnd;
                subscription.CurrentPeriodEnd = readEnd.AddMonths(1);
                // The grant first (idempotent): a crash before the period moves only repeats a no-op grant next run.
                var grant = await GrantPeriodAsync(subscription, null, ct);
                if (grant.IsFailure)
                    continue;
                var moved = await db.Subscriptions
                    .Where(s => s.UserId == subscription.UserId && s.Status == SubscriptionStatus.Active && s.CurrentPeriodEnd == readEnd)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.CurrentPeriodStart, readEnd)
                        .SetProperty(x => x.CurrentPeriodEnd, subscription.CurrentPeriodEnd), ct);
                granted += moved;
            }
        }
        return new RenewalReport(granted, expired);
    }

    /// <summary>The key that makes a period's grant happen once, whoever runs it and however often.</summary>
    public static string PeriodKey(string userId, DateTimeOffset periodStart) => $"sub:{userId}:{periodStart.UtcDateTime:yyyyMMdd}";

    private async Task<Result> GrantPeriodAsync(Subscription subscription, string? actorId, CancellationToken ct)
    {
        var credits = TierLimits.For(subscription.Tier).MonthlyCredits;
        var posted = await ledger.PostAsync(subscription.UserId, CreditEntryKind.Earned, credits,
            PeriodKey(subscription.UserId, subscription.CurrentPeriodStart),
            $"{subscription.Tier} monthly credits", actorId, ct);
        return posted.IsSuccess ? Result.Success() : Result.Failure(posted.Error!);
    }
}
