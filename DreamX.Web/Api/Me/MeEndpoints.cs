using System.ComponentModel.DataAnnotations;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Subscriptions;
using DreamX.Infrastructure.Users;
using DreamX.Web.Api.Foundation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DreamX.Web.Api.Me;

/// <summary>The caller's profile.</summary>
public sealed record MeResponse(string UserId, string Email, string Nickname, string TimeZone, bool IsAdmin, IReadOnlyList<string> Scopes);

/// <summary>Profile changes: the same rules as the profile page.</summary>
public sealed class UpdateMeRequest
{
    [Required(ErrorMessage = "A nickname is required.")]
    public string Nickname { get; init; } = "";

    /// <summary>An IANA or Windows time zone id, e.g. "Asia/Shanghai": the day of a daily check-in.</summary>
    [Required(ErrorMessage = "A time zone is required.")]
    public string TimeZone { get; init; } = "UTC";
}

/// <summary>The wallet: the balance, what running tasks hold and what is left to spend.</summary>
public sealed record WalletResponse(int Balance, int Reserved, int Available);

/// <summary>One line of the wallet's history (one line per task: its hold while it runs, its cost once done).</summary>
public sealed record WalletEntryResponse(
    long Id, CreditEntryKind Kind, int Amount, int BalanceAfter, string? Reason, Guid? TaskId, Guid? ProjectId,
    GenerationTaskType? TaskType, string? ProjectTitle, DateTimeOffset CreatedAt);

/// <summary>Today's check-in: done or not, the streak and what the next check-in earns.</summary>
public sealed record CheckInResponse(DateOnly LocalDate, bool CheckedInToday, int Streak, int NextCredits);

/// <summary>The plan: tier, state, period and limits.</summary>
public sealed record SubscriptionResponse(
    SubscriptionTier Tier, SubscriptionStatus Status, DateTimeOffset? PeriodStart, DateTimeOffset? RenewsAt, DateTimeOffset? CancelledAt,
    bool CanCancel, TierLimits Limits);

/// <summary>/api/v1/me: profile, wallet, check-in and subscription, on the services the profile and wallet pages use.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder me)
    {
        me.MapGet("", GetAsync).WithName("GetMe").WithSummary("Your profile");
        me.MapPut("", UpdateAsync).WithName("UpdateMe").WithSummary("Change nickname and time zone").RequiresWrite().Validates<UpdateMeRequest>();
        me.MapGet("/wallet", WalletAsync).WithName("GetWallet").WithSummary("Balance, reserved and available credits");
        me.MapGet("/wallet/history", HistoryAsync).WithName("GetWalletHistory").WithSummary("The wallet's history, newest first").PagesWith();
        me.MapGet("/check-in", CheckInStatusAsync).WithName("GetCheckIn").WithSummary("Today's daily check-in");
        me.MapPost("/check-in", CheckInAsync).WithName("CheckIn").WithSummary("Check in for today (credits, more on a streak)").RequiresWrite();
        me.MapGet("/subscription", SubscriptionAsync).WithName("GetSubscription").WithSummary("Your plan");
        me.MapPost("/subscription/cancel", CancelSubscriptionAsync).WithName("CancelSubscription")
            .WithSummary("Cancel the plan at the end of its period").RequiresWrite();
        return me;
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetAsync(HttpContext http, CreatorProfiles profiles, CancellationToken ct)
    {
        var profile = await profiles.FindAsync(http.UserId(), ct);
        if (profile is null)
            return ApiProblems.NotFound();
        var scopes = http.User.FindAll(AccessTokenAuthenticationHandler.ScopeClaim).Select(c => c.Value).ToList();
        return TypedResults.Ok(new MeResponse(profile.UserId, profile.Email, profile.Nickname, profile.TimeZoneId, http.IsAdmin(), scopes));
    }

    private static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> UpdateAsync(
        UpdateMeRequest request, HttpContext http, CreatorProfiles profiles, CancellationToken ct)
    {
        var updated = await profiles.UpdateAsync(http.UserId(), request.Nickname, request.TimeZone, ct);
        if (updated.IsFailure)
            return ApiProblems.From(updated, code => code switch
            {
                "nickname.required" => "A nickname is required.",
                _ => code,
            });
        return await GetAsync(http, profiles, ct);
    }

    private static async Task<Ok<WalletResponse>> WalletAsync(HttpContext http, ICreditLedger ledger, CancellationToken ct)
    {
        var balance = await ledger.GetBalanceAsync(http.UserId(), ct);
        return TypedResults.Ok(new WalletResponse(balance.Balance, balance.Reserved, balance.Available));
    }

    private static async Task<Ok<ApiPage<WalletEntryResponse>>> HistoryAsync(
        HttpContext http, CreditHistory history, [AsParameters] PageQuery paging, [FromQuery] CreditEntryKind? kind, CancellationToken ct)
    {
        var page = await history.ListAsync(
            new CreditHistoryQuery(http.UserId(), kind, paging.PageOrDefault - 1, paging.PageSizeOrDefault), ct);
        var items = page.Items.Select(e =>
        {
            var taskId = e.TaskId ?? CreditHistoryPage.TaskIdOf(e);
            var label = taskId is { } id && page.Tasks?.TryGetValue(id, out var found) == true ? found : null;
            return new WalletEntryResponse(e.Id, e.Kind, e.Amount, e.BalanceAfter, e.Reason, taskId, e.ProjectId, label?.Type, label?.ProjectTitle, e.CreatedAt);
        }).ToList();
        return TypedResults.Ok(ApiPage<WalletEntryResponse>.Of(items, paging.PageOrDefault, paging.PageSizeOrDefault, page.Total));
    }

    private static async Task<Ok<CheckInResponse>> CheckInStatusAsync(HttpContext http, DailyCheckIns checkIns, CancellationToken ct)
    {
        var status = await checkIns.StatusAsync(http.UserId(), ct);
        return TypedResults.Ok(new CheckInResponse(status.LocalDate, status.CheckedInToday, status.Streak, status.NextCredits));
    }

    private static async Task<Results<Ok<CheckInResponse>, ProblemHttpResult>> CheckInAsync(HttpContext http, DailyCheckIns checkIns, CancellationToken ct)
    {
        var checkedIn = await checkIns.CheckInAsync(http.UserId(), ct);
        if (checkedIn.IsFailure)
            return checkedIn.Error == DailyCheckIns.AlreadyToday
                ? ApiProblems.Conflict("You have already checked in today.", checkedIn.Error)
                : ApiProblems.From(checkedIn);
        return await CheckInStatusAsync(http, checkIns, ct);
    }

    private static async Task<Ok<SubscriptionResponse>> SubscriptionAsync(HttpContext http, SubscriptionPlans plans, CancellationToken ct) =>
        TypedResults.Ok(View(await plans.CurrentAsync(http.UserId(), ct)));

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> CancelSubscriptionAsync(
        HttpContext http, SubscriptionPlans plans, CancellationToken ct)
    {
        var cancelled = await plans.CancelAsync(http.UserId(), ct);
        if (cancelled.IsFailure)
            return ApiProblems.Conflict("There is no paid plan to cancel.", cancelled.Error);
        return TypedResults.Ok(View(cancelled.Value));
    }

    private static SubscriptionResponse View(SubscriptionView s) =>
        new(s.Tier, s.Status, s.PeriodStart, s.RenewsAt, s.CancelledAt, s.CanCancel, s.Limits);
}
