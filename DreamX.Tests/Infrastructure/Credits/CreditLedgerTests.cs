using DreamX.Domain.Credits;
using DreamX.Infrastructure.Credits;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Credits;

public sealed class CreditLedgerTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>
{
    // A bounded pool: 200 concurrent calls still contend on the wallet row, without needing 200 server connections.
    private readonly CreditLedger _ledger = new(database.ContextFactoryWith("Maximum Pool Size=25"));

    [Fact]
    public async Task Two_hundred_concurrent_spends_on_a_wallet_of_150_consume_exactly_150_and_never_go_negative()
    {
        var user = await EngineUser.CreateAsync(database, credits: 150);
        // Two ledgers on two connection pools, as two app processes would have; a watcher samples the wallet meanwhile.
        var pools = new[] { "first", "second" }
            .Select(name => new CreditLedger(database.ContextFactoryWith($"Application Name={name};Maximum Pool Size=25")))
            .ToArray();
        using var stop = new CancellationTokenSource();
        var watcher = WatchLowestAvailableAsync(user.UserId, stop.Token);

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            var ledger = pools[i % pools.Length];
            var task = Guid.NewGuid();
            var held = await ledger.ReserveForTaskAsync(user.UserId, task, user.ProjectId, 1);
            return held.IsSuccess ? await ledger.ConsumeForTaskAsync(task, 1) : held;
        })));
        await stop.CancelAsync();
        var (lowest, samples) = await watcher;

        await using var db = database.CreateContext();
        var consumed = await db.CreditLedger.CountAsync(e => e.UserId == user.UserId && e.Kind == CreditEntryKind.Consumed);
        var balance = await _ledger.GetBalanceAsync(user.UserId);
        output.WriteLine($"spends: 200 on 150 over 2 pools -> succeeded {results.Count(r => r.IsSuccess)}, consumed entries {consumed}, " +
                         $"balance {balance.Balance}, reserved {balance.Reserved}, lowest available seen {lowest} in {samples} samples");
        Assert.Equal(150, results.Count(r => r.IsSuccess));
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal(CreditLedger.Insufficient, r.Error));
        Assert.Equal(150, consumed);
        Assert.Equal(new CreditBalance(0, 0), balance);
        Assert.Equal(balance.Available, await SumOfEntriesAsync(user.UserId));
        Assert.True(samples > 0, "the watcher took no sample");
        Assert.True(lowest >= 0, $"available went down to {lowest}");
    }

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

    /// <summary>Reads the wallet's available credits on its own connection until stopped; the lowest value seen.</summary>
    private async Task<(int Lowest, int Samples)> WatchLowestAvailableAsync(string userId, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        var (lowest, samples) = (int.MaxValue, 0);
        while (!stop.IsCancellationRequested)
        {
            await using var read = new NpgsqlCommand("SELECT balance - reserved FROM credit_wallets WHERE user_id = @u", connection);
            read.Parameters.AddWithValue("u", userId);
            if (await read.ExecuteScalarAsync(CancellationToken.None) is int available)
                (lowest, samples) = (Math.Min(lowest, available), samples + 1);
        }
        return (lowest, samples);
    }
}
