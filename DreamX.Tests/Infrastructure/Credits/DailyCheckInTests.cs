using DreamX.Domain.Users;
using DreamX.Infrastructure.Credits;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Credits;

public sealed class DailyCheckInTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    // 20:00 UTC on the 10th is 04:00 on the 11th in Shanghai.
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero));
    private readonly CreditLedger _ledger = new(database.ContextFactory);

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private DailyCheckIns CheckIns() => new(database.ContextFactory, _ledger, _clock);

    [Fact]
    public async Task Concurrent_check_ins_on_one_day_grant_once()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => CheckIns().CheckInAsync(user.UserId))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.All(results.Where(r => r.IsFailure), r => Assert.Equal(DailyCheckIns.AlreadyToday, r.Error));
        Assert.Equal(DailyCheckIns.BaseCredits, (await _ledger.GetBalanceAsync(user.UserId)).Balance);
    }

    [Fact]
    public async Task Consecutive_days_build_a_streak_with_a_bonus()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);

        await CheckIns().CheckInAsync(user.UserId);
        _clock.Advance(TimeSpan.FromDays(1));
        var second = await CheckIns().CheckInAsync(user.UserId);

        Assert.Equal((2, 15), (second.Value.Streak, second.Value.Credits));
        Assert.Equal(25, (await _ledger.GetBalanceAsync(user.UserId)).Balance);
    }

    [Fact]
    public async Task A_missed_day_starts_the_streak_again()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);

        await CheckIns().CheckInAsync(user.UserId);
        _clock.Advance(TimeSpan.FromDays(2));
        var later = await CheckIns().CheckInAsync(user.UserId);

        Assert.Equal(1, later.Value.Streak);
    }

    [Fact]
    public async Task The_day_is_the_users_own_calendar_day()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);
        await using (var db = database.CreateContext())
        {
            db.UserProfiles.Add(new UserProfile { UserId = user.UserId, Nickname = "tz", TimeZoneId = "Asia/Shanghai" });
            await db.SaveChangesAsync();
        }

        var checkIn = await CheckIns().CheckInAsync(user.UserId);

        Assert.Equal(new DateOnly(2026, 3, 11), checkIn.Value.LocalDate);
    }

    [Fact]
    public async Task The_status_says_checked_in_and_what_tomorrow_grants()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);
        await CheckIns().CheckInAsync(user.UserId);

        var status = await CheckIns().StatusAsync(user.UserId);

        Assert.Equal((true, 1, 15), (status.CheckedInToday, status.Streak, status.NextCredits));
    }
}
