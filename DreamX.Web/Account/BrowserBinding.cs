using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace DreamX.Web.Account;

/// <summary>
/// A random value in an HttpOnly, SameSite=Strict cookie that ties a login ticket to the browser whose circuit asked
/// for it. Without it, an attacker could sign in to their own account, take the ticket and make a victim's browser
/// redeem it (login CSRF): the victim would then work, and upload, inside the attacker's account.
/// </summary>
public sealed class BrowserBinding(IHttpContextAccessor accessor)
{
    /// <summary>Over TLS the cookie carries the <c>__Host-</c> prefix: no subdomain can plant or overwrite it.</summary>
    public const string SecureCookieName = "__Host-dx-bind";
    public const string PlainCookieName = "dx-bind";

    private string? _value;
    private bool _read;

    /// <summary>The binding of this circuit's browser; read while the circuit's connection is known, as <see cref="Hosting.ClientAddress"/>.</summary>
    public string? Value
    {
        get
        {
            if (!_read)
            {
                _value = accessor.HttpContext is { } http ? Of(http) : null;
                _read = true;
            }
            return _value;
        }
    }

    public static string? Of(HttpContext http) =>
        http.Request.Cookies.TryGetValue(SecureCookieName, out var secure) && !string.IsNullOrEmpty(secure) ? secure
        : http.Request.Cookies.TryGetValue(PlainCookieName, out var plain) && !string.IsNullOrEmpty(plain) ? plain
        : null;
}

public static class BrowserBindingMiddleware
{
    /// <summary>Gives every browser that loads a page its binding before the page's circuit connects.</summary>
    public static IApplicationBuilder UseBrowserBinding(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsGet(http.Request.Method) && !http.Request.Path.StartsWithSegments("/_blazor") && BrowserBinding.Of(http) is null)
        {
            var secure = http.Request.IsHttps;
            http.Response.Cookies.Append(
                secure ? BrowserBinding.SecureCookieName : BrowserBinding.PlainCookieName,
                WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)),
                new CookieOptions { HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
        }
        await next(http);
    });
}
