using DreamX.Domain.Credits;
using DreamX.Infrastructure.Credits;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Infrastructure.Credits;

public sealed class CreditLedgerTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private readonly CreditLedger _ledger = new(database.ContextFactory);

    [Fact]
    public async Task Concurrent_reservations_never_take_the_balance_below_zero()
    {
        var user = await EngineUser.CreateAsync(database, credits: 150);

        var results = await Task.WhenAll(Enumerable.Range(0, 200)
            .Select(_ => Task.Run(() => _ledger.ReserveForTaskAsync(user.UserId, Guid.NewGuid(), user.ProjectId, 1))));

        Assert.Equal(150, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal(CreditLedger.Insufficient, r.Error));
        var balance = await _ledger.GetBalanceAsync(user.UserId);
        Assert.Equal(new CreditBalance(150, 150), balance);
        Assert.Equal(balance.Available, await SumOfEntriesAsync(user.UserId));
    }

    [Fact]
    public async Task Reserving_twice_for_one_task_holds_the_credits_once()
    {
        var user = await EngineUser.CreateAsync(database, credits: 10);
        var task = Guid.NewGuid();

        await _ledger.ReserveForTaskAsync(user.UserId, task, user.ProjectId, 4);
        var again = await _ledger.ReserveForTaskAsync(user.UserId, task, user.ProjectId, 4);

        Assert.True(again.IsSuccess);
        Assert.Equal(new CreditBalance(10, 4), await _ledger.GetBalanceAsync(user.UserId));
    }

    [Fact]
    public async Task A_consumed_task_is_charged_once_and_cannot_be_released_afterwards()
    {
        var user = await EngineUser.CreateAsync(database, credits: 10);
        var task = Guid.NewGuid();
        await _ledger.ReserveForTaskAsync(user.UserId, task, user.ProjectId, 4);

        await _ledger.ConsumeForTaskAsync(task, 3);
        await _ledger.ConsumeForTaskAsync(task, 3);
        await _ledger.ReleaseForTaskAsync(task, "late cancel");

        var balance = await _ledger.GetBalanceAsync(user.UserId);
        Assert.Equal(new CreditBalance(7, 0), balance);
        Assert.Equal(balance.Available, await SumOfEntriesAsync(user.UserId));
    }

    [Fact]
    public async Task Releasing_a_hold_gives_every_credit_back()
    {
        var user = await EngineUser.CreateAsync(database, credits: 10);
        var task = Guid.NewGuid();
        await _ledger.ReserveForTaskAsync(user.UserId, task, user.ProjectId, 4);

        await _ledger.ReleaseForTaskAsync(task, "failed");

        Assert.Equal(new CreditBalance(10, 0), await _ledger.GetBalanceAsync(user.UserId));
    }

    [Fact]
    public async Task Removing_more_than_is_available_is_refused()
    {
        var user = await EngineUser.CreateAsync(database, credits: 5);

        var result = await _ledger.PostAsync(user.UserId, CreditEntryKind.Adjusted, -6, "take:" + Guid.NewGuid(), "too much");

        Assert.Equal(CreditLedger.Insufficient, result.Error);
    }

    private async Task<int> SumOfEntriesAsync(string userId)
    {
        await using var db = database.CreateContext();
        return await db.CreditLedger.Where(e => e.UserId == userId).SumAsync(e => e.Amount);
    }
}
