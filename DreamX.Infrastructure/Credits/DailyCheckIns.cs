using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Credits;

/// <summary>Where a user stands today: whether they checked in, the streak, and what the next check-in grants.</summary>
public sealed record CheckInStatus(DateOnly LocalDate, bool CheckedInToday, int Streak, int NextCredits);

/// <summary>
/// The daily check-in: once per calendar day in the user's time zone. The (user, local date) primary key decides who
/// won a double click or two tabs; the ledger key <c>checkin:{user}:{date}</c> makes the grant itself exactly once,
/// also when a crash fell between the row and the grant (a repeat heals it with a no-op-or-grant).
/// </summary>
public sealed class DailyCheckIns(IDbContextFactory<DreamXDbContext> contexts, ICreditLedger ledger, TimeProvider clock)
{
    public const string AlreadyToday = "checkin.already";

    public const int BaseCredits = 10;
    public const int StreakBonusPerDay = 5;
    public const int MaxStreakBonus = 20;

    /// <summary>10 credits, plus 5 for every consecutive day before today, at most 30 (from the fifth day on).</summary>
    public static int CreditsFor(int streak) => BaseCredits + Math.Min(MaxStreakBonus, StreakBonusPerDay * Math.Max(0, streak - 1));

    public async Task<CheckInStatus> StatusAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = await LocalDateAsync(db, userId, ct);
        var last = await db.DailyCheckIns.AsNoTracking()
            .Where(c => c.UserId == userId && c.LocalDate >= today.AddDays(-1))
            .OrderByDescending(c => c.LocalDate).FirstOrDefaultAsync(ct);
        if (last?.LocalDate == today)
            return new CheckInStatus(today, true, last.Streak, CreditsFor(last.Streak + 1));
        var streak = last is null ? 0 : last.Streak;
        return new CheckInStatus(today, false, streak, CreditsFor(streak + 1));
    }

    /// <summary>Checks the user in for today; a second call the same local day is refused with <see cref="AlreadyToday"/>.</summary>
    public async Task<Result<DailyCheckIn>> CheckInAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var today = await LocalDateAsync(db, userId, ct);
        var yesterday = await db.DailyCheckIns.AsNoTracking()
            .Where(c => c.UserId == userId && c.LocalDate == today.AddDays(-1))
            .Select(c => (int?)c.Streak).FirstOrDefaultAsync(ct);
        var streak = (yesterday ?? 0) + 1;
        var checkIn = new DailyCheckIn { UserId = userId, LocalDate = today, Streak = streak, Credits = CreditsFor(streak), CreatedAt = clock.GetUtcNow() };

        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO daily_check_ins (user_id, local_date, streak, credits, created_at)
            VALUES ({checkIn.UserId}, {checkIn.LocalDate}, {checkIn.Streak}, {checkIn.Credits}, {checkIn.CreatedAt})
            ON CONFLICT (user_id, local_date) DO NOTHING
            """, ct);
        var row = inserted == 1
            ? checkIn
            : await db.DailyCheckIns.AsNoTracking().FirstAsync(c => c.UserId == userId && c.LocalDate == today, ct);

        // Posted for the row that exists, whoever wrote it: the key makes a repeat a no-op and a missed grant a grant.
        var granted = await ledger.PostAsync(userId, CreditEntryKind.Earned, row.Credits, Key(userId, today),
            $"daily check-in, day {row.Streak}", null, ct);
        if (granted.IsFailure)
            return Result.Failure<DailyCheckIn>(granted.Error!);
        return inserted == 1 ? row : Result.Failure<DailyCheckIn>(AlreadyToday);
    }

    public static string Key(string userId, DateOnly localDate) => $"checkin:{userId}:{localDate:yyyyMMdd}";

    private async Task<DateOnly> LocalDateAsync(DreamXDbContext db, string userId, CancellationToken ct)
    {
        var zoneId = await db.UserProfiles.AsNoTracking().Where(p => p.UserId == userId).Select(p => p.TimeZoneId).FirstOrDefaultAsync(ct);
        var zone = TimeZoneInfo.Utc;
        if (zoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var found))
            zone = found;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
