using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DreamX.Web.Account;

/// <summary>
/// How long a sign-in lasts (ASVS V7.3): a plain session ends after 2 hours without use and at the latest
/// 7 days after the password was given; "remember me" keeps it for up to 30 days. The cookie slides within
/// its idle window; the absolute limit is checked on every request from the sign-in time the ticket carries.
/// </summary>
public static class SessionLifetime
{
    public static readonly TimeSpan Idle = TimeSpan.FromHours(2);
    public static readonly TimeSpan Absolute = TimeSpan.FromDays(7);
    public static readonly TimeSpan Remembered = TimeSpan.FromDays(30);

    /// <summary>
    /// How often a cookie and a circuit are re-checked against the account's security stamp (default a minute;
    /// <c>Sessions:StampCheck</c> sets it, e.g. shorter in tests).
    /// </summary>
    public static TimeSpan StampCheck(IConfiguration configuration) =>
        configuration.GetValue<TimeSpan?>("Sessions:StampCheck") ?? TimeSpan.FromMinutes(1);

    private const string SignedInAtItem = "dreamx.signed_in_at";

    public static void OnSigningIn(CookieSigningInContext context)
    {
        var now = context.Options.TimeProvider?.GetUtcNow() ?? DateTimeOffset.UtcNow;
        context.Properties.Items[SignedInAtItem] = now.ToString("O", CultureInfo.InvariantCulture);
        // A remembered sign-in slides over 30 days instead of the 2-hour idle window (the handler keeps
        // the first span when it renews the cookie).
        if (context.Properties.IsPersistent)
        {
            context.Properties.IssuedUtc = now;
            context.Properties.ExpiresUtc = now + Remembered;
        }
    }

    /// <summary>True when the ticket is older than its absolute lifetime (or carries no sign-in time).</summary>
    public static bool HasOutlived(AuthenticationProperties properties, DateTimeOffset now)
    {
        if (!properties.Items.TryGetValue(SignedInAtItem, out var value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var signedInAt))
            return true;
        var limit = properties.IsPersistent ? Remembered : Absolute;
        return now - signedInAt > limit;
    }
}
