using DreamX.Infrastructure.Audit;
using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Administration;

/// <summary>One user as the admin list shows them.</summary>
public sealed record AdminUserRow(
    string UserId,
    string Email,
    string Nickname,
    SubscriptionTier Tier,
    SubscriptionStatus PlanStatus,
    int Balance,
    int Reserved,
    bool IsLocked,
    DateTimeOffset CreatedAt)
{
    public int Available => Balance - Reserved;
}

public sealed record AdminUserPage(IReadOnlyList<AdminUserRow> Items, int Total);

/// <summary>The admin's user console: search, credit adjustments with a reason, lock and unlock.</summary>
public sealed class UserAdministration(
    IDbContextFactory<DreamXDbContext> contexts,
    ICreditLedger ledger,
    UserManager<ApplicationUser> users,
    Audit.AuditTrail audit,
    TimeProvider clock)
{
    public const string ReasonRequired = "admin.reason_required";
    public const string ZeroAmount = "admin.zero_amount";
    public const string UnknownUser = "admin.unknown_user";
    public const string CannotLockSelf = "admin.cannot_lock_self";

    /// <summary>Users whose e-mail or nickname contains <paramref name="search"/>, newest first.</summary>
    public async Task<AdminUserPage> SearchAsync(string? search, int page, int pageSize, CancellationToken ct = default)
    {
        ActorGate.DemandAdmin();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var rows =
            from u in db.Users.AsNoTracking()
            join p in db.UserProfiles.AsNoTracking() on u.Id equals p.UserId into profiles
            from p in profiles.DefaultIfEmpty()
            join w in db.CreditWallets.AsNoTracking() on u.Id equals w.UserId into wallets
            from w in wallets.DefaultIfEmpty()
            join s in db.Subscriptions.AsNoTracking() on u.Id equals s.UserId into plans
            from s in plans.DefaultIfEmpty()
            select new { u, p, w, s };
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(r => EF.Functions.ILike(r.u.Email!, pattern) || (r.p != null && EF.Functions.ILike(r.p.Nickname, pattern)));
        }

        var total = await rows.CountAsync(ct);
        var size = Math.Clamp(pageSize, 1, 200);
        var items = await rows.OrderByDescending(r => r.u.CreatedAt).Skip(Math.Max(0, page) * size).Take(size)
            .Select(r => new AdminUserRow(
                r.u.Id,
                r.u.Email ?? "",
                r.p == null ? "" : r.p.Nickname,
                r.s == null || r.s.Status == SubscriptionStatus.Expired ? SubscriptionTier.Starter : r.s.Tier,
                r.s == null ? SubscriptionStatus.Active : r.s.Status,
                r.w == null ? 0 : r.w.Balance,
                r.w == null ? 0 : r.w.Reserved,
                r.u.LockoutEnd != null && r.u.LockoutEnd > now,
                r.u.CreatedAt))
            .ToListAsync(ct);
        return new AdminUserPage(items, total);
    }

    /// <summary>
    /// Adds (positive) or removes (negative) credits as an <c>Adjusted</c> entry with the admin as actor.
    /// <paramref name="operationId"/> is chosen once per dialog, so a double submit adjusts once.
    /// </summary>
    public async Task<Result<CreditBalance>> AdjustCreditsAsync(
        string userId, int amount, string reason, string adminId, Guid operationId, CancellationToken ct = default)
    {
        ActorGate.DemandAdmin();
        if (string.IsNullOrWhiteSpace(reason))
            return Result.Failure<CreditBalance>(ReasonRequired);
        if (amount == 0)
            return Result.Failure<CreditBalance>(ZeroAmount);
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (!await db.Users.AnyAsync(u => u.Id == userId, ct))
                return Result.Failure<CreditBalance>(UnknownUser);
        }
        return await ledger.PostAsync(userId, CreditEntryKind.Adjusted, amount, $"adjust:{operationId:N}", reason.Trim(), adminId, ct);
    }

    /// <summary>Locks the account (Identity lockout without end) and signs its sessions out at their next check.</summary>
    public Task<Result> LockAsync(string userId, string adminId) =>
        userId == adminId ? Task.FromResult(Result.Failure(CannotLockSelf)) : SetLockoutAsync(userId, DateTimeOffset.MaxValue, adminId);

    public Task<Result> UnlockAsync(string userId, string? adminId = null) => SetLockoutAsync(userId, null, adminId);

    private async Task<Result> SetLockoutAsync(string userId, DateTimeOffset? until, string? adminId)
    {
        ActorGate.DemandAdmin();
        var user = await users.FindByIdAsync(userId);
        if (user is null)
            return Result.Failure(UnknownUser);
        await users.SetLockoutEnabledAsync(user, true);
        var set = await users.SetLockoutEndDateAsync(user, until);
        if (!set.Succeeded)
            return Result.Failure(string.Join("; ", set.Errors.Select(e => e.Description)));
        if (until is null)
            await users.ResetAccessFailedCountAsync(user);
        else
            await users.UpdateSecurityStampAsync(user);      // open circuits revalidate the stamp and sign out
        await audit.RecordAsync(until is null ? DreamX.Domain.Audit.AuditActions.UserUnlocked : DreamX.Domain.Audit.AuditActions.UserLocked,
            userId, user.Email, actorId: adminId);
        return Result.Success();
    }
}
