using DreamX.Domain.Audit;
using DreamX.Domain.Credits;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Audit;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Subscriptions;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DreamX.Tests.Infrastructure.Audit;

/// <summary>The audit log (ASVS V16): every ledger write and admin change leaves a line with who, what, when and from where.</summary>
public sealed class AuditTrailTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly CreditLedger _ledger = new(database.ContextFactory);

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync()
    {
        AuditContext.Current = null;
        return Task.CompletedTask;
    }

    private AuditTrail Trail() => new(database.ContextFactory, TimeProvider.System, NullLogger<AuditTrail>.Instance);

    [Fact]
    public async Task Every_ledger_write_leaves_an_audit_line_with_the_acting_user_and_address_in_the_same_transaction()
    {
        var user = await EngineUser.CreateAsync(database, credits: 50);
        AuditContext.Current = new AuditActor(user.UserId, "203.0.113.7", "trace-1");
        var task = Guid.NewGuid();

        await _ledger.ReserveForTaskAsync(user.UserId, task, null, 12);
        await _ledger.ConsumeForTaskAsync(task, 12);
        await _ledger.ConsumeForTaskAsync(task, 12);     // a repeat writes nothing, so it audits nothing

        await using var db = database.CreateContext();
        var lines = await db.AuditEntries.Where(a => a.TargetUserId == user.UserId && a.Action.StartsWith(AuditActions.LedgerPrefix))
            .OrderBy(a => a.Id).ToListAsync();
        var ledger = await db.CreditLedger.Where(e => e.UserId == user.UserId).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(ledger.Count, lines.Count);
        Assert.Equal(["ledger.adjusted", "ledger.reserved", "ledger.released", "ledger.consumed"], lines.Select(l => l.Action));
        var reserve = lines.Single(l => l.Action == "ledger.reserved");
        Assert.Equal((user.UserId, "203.0.113.7", "trace-1"), (reserve.ActorId, reserve.IpAddress, reserve.CorrelationId));
        Assert.Contains("-12", reserve.Details);
    }

    [Fact]
    public async Task A_refused_spend_leaves_no_audit_line()
    {
        var user = await EngineUser.CreateAsync(database, credits: 5);
        await using var before = database.CreateContext();
        var count = await before.AuditEntries.CountAsync();

        var refused = await _ledger.ReserveForTaskAsync(user.UserId, Guid.NewGuid(), null, 500);

        Assert.True(refused.IsFailure);
        await using var after = database.CreateContext();
        Assert.Equal(count, await after.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task A_plan_assigned_by_an_admin_is_recorded_with_the_admin_as_actor()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);
        var admin = await EngineUser.CreateAsync(database, credits: 0);
        var plans = new SubscriptionPlans(database.ContextFactory, _ledger, Trail(), TimeProvider.System);

        await plans.AssignAsync(user.UserId, SubscriptionTier.Pro, admin.UserId);

        var page = await Trail().SearchAsync(new AuditQuery(Action: AuditActions.PlanChanged));
        var row = Assert.Single(page.Items);
        Assert.Equal((admin.UserId, user.UserId, "Pro"), (row.ActorId, row.TargetUserId, row.Subject));
    }

    [Fact]
    public async Task The_search_filters_by_action_group_text_and_dates_newest_first()
    {
        var trail = Trail();
        var user = await EngineUser.CreateAsync(database, credits: 0);
        AuditContext.Current = new AuditActor(null, "198.51.100.4", "trace-xyz");
        await trail.RecordAsync(AuditActions.LoginFailed, user.UserId, "someone@example.com", "wrong password");
        await trail.RecordAsync(AuditActions.LoginSucceeded, user.UserId, "someone@example.com");
        await trail.RecordAsync(AuditActions.ProviderKeyChanged, subject: "Night Models");

        var logins = await trail.SearchAsync(new AuditQuery(Action: "login."));
        Assert.Equal([AuditActions.LoginSucceeded, AuditActions.LoginFailed], logins.Items.Select(r => r.Action));
        Assert.Equal("198.51.100.4", logins.Items[0].IpAddress);

        Assert.Equal(AuditActions.ProviderKeyChanged, Assert.Single((await trail.SearchAsync(new AuditQuery(Search: "night models"))).Items).Action);
        Assert.Equal(3, (await trail.SearchAsync(new AuditQuery(Search: "198.51.100"))).Total);
        Assert.Equal(3, (await trail.SearchAsync(new AuditQuery(Search: "trace-xyz"))).Total);
        Assert.Equal(0, (await trail.SearchAsync(new AuditQuery(From: DateTimeOffset.UtcNow.AddMinutes(5)))).Total);
    }
}
