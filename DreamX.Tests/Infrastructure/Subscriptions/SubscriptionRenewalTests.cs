using DreamX.Infrastructure.Audit;
using Microsoft.Extensions.Logging.Abstractions;
using DreamX.Domain.Credits;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Subscriptions;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.Subscriptions;

public sealed class SubscriptionRenewalTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private readonly ManualTimeProvider _clock = new(Start);
    private readonly CreditLedger _ledger = new(database.ContextFactory);

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private SubscriptionPlans Plans() =>
        new(database.ContextFactory, _ledger, new AuditTrail(database.ContextFactory, _clock, NullLogger<AuditTrail>.Instance), _clock);

    [Fact]
    public async Task Assigning_a_tier_starts_a_period_and_grants_its_credits()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);

        var assigned = await Plans().AssignAsync(user.UserId, SubscriptionTier.Basic, adminId: null);

        Assert.Equal(Start.AddMonths(1), assigned.Value.RenewsAt);
        Assert.Equal(1_000, (await _ledger.GetBalanceAsync(user.UserId)).Balance);
    }

    [Fact]
    public async Task Renewing_twice_for_the_same_period_grants_once()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);
        await Plans().AssignAsync(user.UserId, SubscriptionTier.Basic, adminId: null);
        _clock.Advance(TimeSpan.FromDays(32));

        var first = await Plans().RenewDueAsync();
        var second = await Plans().RenewDueAsync();

        Assert.Equal((1, 0), (first.PeriodsGranted, second.PeriodsGranted));
        Assert.Equal(2_000, (await _ledger.GetBalanceAsync(user.UserId)).Balance);
        Assert.Equal(Start.AddMonths(2), (await Plans().CurrentAsync(user.UserId)).RenewsAt);
    }

    [Fact]
    public async Task Concurrent_renewals_of_many_subscriptions_grant_each_period_once()
    {
        var users = new List<EngineUser>();
        for (var i = 0; i < 20; i++)
        {
            var user = await EngineUser.CreateAsync(database, credits: 0);
            await Plans().AssignAsync(user.UserId, SubscriptionTier.Plus, adminId: null);
            users.Add(user);
        }
        _clock.Advance(TimeSpan.FromDays(32));

        // Four "instances" at once, each with its own service and connections.
        var reports = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Plans().RenewDueAsync())));

        Assert.Equal(20, reports.Sum(r => r.PeriodsGranted));
        await using var db = database.CreateContext();
        var grants = await db.CreditLedger.Where(e => e.Kind == CreditEntryKind.Earned).GroupBy(e => e.UserId).Select(g => g.Count()).ToListAsync();
        Assert.All(grants, count => Assert.Equal(2, count));      // the assignment's period and the renewed one
        foreach (var user in users)
            Assert.Equal(6_000, (await _ledger.GetBalanceAsync(user.UserId)).Balance);
    }

    [Fact]
    public async Task A_cancelled_subscription_stays_until_the_period_ends_then_expires_without_credits()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);
        await Plans().AssignAsync(user.UserId, SubscriptionTier.Pro, adminId: null);
        await Plans().CancelAsync(user.UserId);

        _clock.Advance(TimeSpan.FromDays(10));
        await Plans().RenewDueAsync();
        var midPeriod = await Plans().CurrentAsync(user.UserId);
        _clock.Advance(TimeSpan.FromDays(25));
        var report = await Plans().RenewDueAsync();

        Assert.Equal((SubscriptionTier.Pro, SubscriptionStatus.Cancelled), (midPeriod.Tier, midPeriod.Status));
        Assert.Equal(1, report.Expired);
        Assert.Equal(SubscriptionTier.Starter, (await Plans().CurrentAsync(user.UserId)).Tier);
        Assert.Equal(8_000, (await _ledger.GetBalanceAsync(user.UserId)).Balance);
    }

    [Fact]
    public async Task A_user_without_a_plan_is_on_starter()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);

        var current = await Plans().CurrentAsync(user.UserId);

        Assert.Equal((SubscriptionTier.Starter, (DateTimeOffset?)null), (current.Tier, current.RenewsAt));
    }

    [Fact]
    public async Task Cancelling_without_an_active_plan_is_refused()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);

        var result = await Plans().CancelAsync(user.UserId);

        Assert.Equal(SubscriptionPlans.NotActive, result.Error);
    }
}
