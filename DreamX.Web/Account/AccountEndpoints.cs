using DreamX.Infrastructure.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace DreamX.Web.Account;

/// <summary>The few account steps that need a plain HTTP response: setting and clearing cookies.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        account.MapGet("/complete-login", CompleteLoginAsync).AllowAnonymous();
        // A cross-site form cannot log a creator out: the token comes from our own page.
        account.MapPost("/logout", LogoutAsync);
        endpoints.MapGet("/culture/set", SetCulture).AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> CompleteLoginAsync(
        [FromQuery] string ticket, [FromQuery] string? returnUrl, HttpContext http,
        LoginTickets tickets, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    {
        if (tickets.Redeem(ticket, BrowserBinding.Of(http)) is not { } redeemed || await users.FindByIdAsync(redeemed.UserId) is not { } user)
            return Results.Redirect("/account/login?error=expired");

        await signIn.SignInAsync(user, isPersistent: redeemed.Remember);
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    private static async Task<IResult> LogoutAsync(
        HttpContext http, IAntiforgery antiforgery, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn,
        DreamX.Infrastructure.Audit.AuditTrail audit)
    {
        if (!await antiforgery.IsRequestValidAsync(http))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The logout form has expired; reload the page and try again.");
        // The cookie alone proves nothing after logout: a new security stamp ends every copy of it
        // (and the account's other sessions) at their next check, within a minute.
        if (await users.GetUserAsync(http.User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(DreamX.Domain.Audit.AuditActions.Logout, user.Id, user.Email, actorId: user.Id);
        }
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/account/login");
    }

    private static IResult SetCulture([FromQuery] string culture, [FromQuery] string? returnUrl, HttpContext http)
    {
        if (StudioCultures.Supported.Contains(culture))
        {
            http.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax });
        }
        return Results.LocalRedirect(SafeReturnUrl(returnUrl));
    }

    /// <summary>Only paths of this site: no open redirect through returnUrl.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//") && !returnUrl.StartsWith("/\\")
        && !returnUrl.Any(c => char.IsControl(c) || c == '\\')
            ? returnUrl
            : "/";
}
