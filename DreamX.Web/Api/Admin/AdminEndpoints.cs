using System.ComponentModel.DataAnnotations;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Administration;
using DreamX.Infrastructure.Audit;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Web.Api.Foundation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DreamX.Web.Api.Admin;

/// <summary>A credit adjustment: a signed amount and the reason the user will see in their history.</summary>
public sealed record CreditAdjustmentRequest(
    [property: Range(-1_000_000, 1_000_000)] int Amount,
    [property: Required, StringLength(300, MinimumLength = 1)] string Reason);

/// <summary>A task type's price in credits at one quality and its estimated duration.</summary>
public sealed record PriceRequest([property: Range(0, 1_000_000)] int Credits, [property: Range(0, 86_400)] int EstimatedSeconds);

/// <summary>
/// <c>/api/v1/admin</c> (seed 002's role-based access): the admin console over the API, on the same services as the
/// /admin pages: dashboard figures, users (search, credit adjustments, lock and unlock), prices, providers (never their
/// keys) and the audit log. Every route needs an access token of a user in the admin role (others get 403); changes need
/// the write scope and are audited like the pages' changes.
/// </summary>
public static class AdminEndpoints
{
    public static RouteGroupBuilder MapAdminEndpoints(this RouteGroupBuilder admin)
    {
        admin.RequireAuthorization(ApiPolicies.Admin);
        admin.MapGet("/dashboard", async (StudioDashboard dashboard, CancellationToken ct) => TypedResults.Ok(await dashboard.ReadAsync(ct)))
            .WithName("AdminDashboard").WithSummary("Users, projects, the task queue, credits spent and storage");
        admin.MapGet("/users", ListUsersAsync).WithName("AdminListUsers").WithSummary("Users whose e-mail or nickname contains the search, newest first").PagesWith();
        admin.MapPost("/users/{userId}/credits", AdjustCreditsAsync).WithName("AdminAdjustCredits")
            .WithSummary("Add (positive) or take back (negative) credits with a reason; the answer is the new balance")
            .RequiresWrite().Validates<CreditAdjustmentRequest>().Idempotent();
        admin.MapPost("/users/{userId}/lock", LockAsync).WithName("AdminLockUser")
            .WithSummary("Lock the account: its sessions and tokens stop working").RequiresWrite();
        admin.MapPost("/users/{userId}/unlock", UnlockAsync).WithName("AdminUnlockUser").WithSummary("Unlock the account").RequiresWrite();
        admin.MapGet("/prices", async (CreditPriceBook prices, CancellationToken ct) => TypedResults.Ok(await prices.ListAsync(ct)))
            .WithName("AdminListPrices").WithSummary("Every task type's price per quality (defaults marked)");
        admin.MapPut("/prices/{type}/{quality}", SavePriceAsync).WithName("AdminSetPrice")
            .WithSummary("Set a task type's price at one quality; the next queued task pays it").RequiresWrite().Validates<PriceRequest>();
        admin.MapGet("/providers", async (ProviderSettings providers, CancellationToken ct) => TypedResults.Ok(await providers.ListAsync(ct)))
            .WithName("AdminListProviders").WithSummary("The AI providers, their models, prices and state (never their keys)");
        admin.MapGet("/audit", AuditAsync).WithName("AdminAuditLog").WithSummary("The audit log, newest first, by action and text").PagesWith();
        return admin;
    }

    private static async Task<Ok<ApiPage<AdminUserRow>>> ListUsersAsync(
        [AsParameters] PageQuery paging, [FromQuery] string? search, UserAdministration users, CancellationToken ct)
    {
        var page = await users.SearchAsync(search, paging.PageOrDefault - 1, paging.PageSizeOrDefault, ct);
        return TypedResults.Ok(ApiPage<AdminUserRow>.Of(page.Items, paging.PageOrDefault, paging.PageSizeOrDefault, page.Total));
    }

    private static async Task<Results<Ok<CreditBalance>, ProblemHttpResult>> AdjustCreditsAsync(
        string userId, CreditAdjustmentRequest request, HttpContext http, UserAdministration users, CancellationToken ct)
    {
        // The Idempotency-Key (when sent) replays the answer; each call without one is its own adjustment.
        var adjusted = await users.AdjustCreditsAsync(userId, request.Amount, request.Reason ?? "", http.UserId(), Guid.NewGuid(), ct);
        return adjusted.IsSuccess ? TypedResults.Ok(adjusted.Value) : Problem(adjusted.Error!);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LockAsync(string userId, HttpContext http, UserAdministration users) =>
        Answer(await users.LockAsync(userId, http.UserId()));

    private static async Task<Results<NoContent, ProblemHttpResult>> UnlockAsync(string userId, HttpContext http, UserAdministration users) =>
        Answer(await users.UnlockAsync(userId, http.UserId()));

    private static async Task<Results<NoContent, ProblemHttpResult>> SavePriceAsync(
        GenerationTaskType type, GenerationQuality quality, PriceRequest request, CreditPriceBook prices, CancellationToken ct) =>
        Answer(await prices.SaveAsync(type, quality, request.Credits, request.EstimatedSeconds, ct));

    private static async Task<Ok<ApiPage<AuditRow>>> AuditAsync(
        [AsParameters] PageQuery paging, [FromQuery] string? action, [FromQuery] string? search, AuditTrail audit, CancellationToken ct)
    {
        var page = await audit.SearchAsync(new AuditQuery(action, search, Page: paging.PageOrDefault - 1, PageSize: paging.PageSizeOrDefault), ct);
        return TypedResults.Ok(ApiPage<AuditRow>.Of(page.Items, paging.PageOrDefault, paging.PageSizeOrDefault, page.Total));
    }

    private static Results<NoContent, ProblemHttpResult> Answer(DreamX.Domain.Common.Result result) =>
        result.IsSuccess ? TypedResults.NoContent() : Problem(result.Error!);

    private static ProblemHttpResult Problem(string code) => code switch
    {
        UserAdministration.UnknownUser => ApiProblems.NotFound("There is no such user.", code),
        UserAdministration.CannotLockSelf => ApiProblems.Conflict("An admin cannot lock their own account.", code),
        UserAdministration.ReasonRequired => ApiProblems.Unprocessable("Say why: the reason is shown in the user's history.", code),
        UserAdministration.ZeroAmount => ApiProblems.Unprocessable("The amount must not be zero.", code),
        CreditPriceBook.Negative => ApiProblems.Unprocessable("Prices and durations cannot be negative.", code),
        _ => ApiProblems.Problem(StatusCodes.Status400BadRequest, "Refused", code, code),
    };
}
