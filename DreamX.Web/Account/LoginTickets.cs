using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace DreamX.Web.Account;

/// <summary>
/// Bridges the interactive login form and the cookie: a circuit cannot set cookies, so after the password is
/// checked it issues a short-lived, single-use ticket that a plain HTTP request redeems for the sign-in cookie.
/// </summary>
public sealed class LoginTickets(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ITimeLimitedDataProtector _protector =
        protection.CreateProtector("DreamX.Account.LoginTicket").ToTimeLimitedDataProtector();

    private readonly ConcurrentDictionary<string, DateTimeOffset> _redeemed = new();

    /// <summary>A ticket only the browser holding <paramref name="browserBinding"/> (see <see cref="BrowserBinding"/>) can redeem.</summary>
    public string Issue(string userId, bool remember, string browserBinding) =>
        _protector.Protect($"{Guid.NewGuid():N}|{userId}|{remember}|{Fingerprint(browserBinding)}", clock.GetUtcNow().Add(Lifetime));

    /// <summary>
    /// The user id and "remember me" of a valid ticket not redeemed before, presented by the browser it was issued to;
    /// null otherwise.
    /// </summary>
    public (string UserId, bool Remember)? Redeem(string ticket, string? browserBinding)
    {
        if (string.IsNullOrEmpty(browserBinding))
            return null;

        string payload;
        try
        {
            payload = _protector.Unprotect(ticket, out var expiration);
            if (expiration < clock.GetUtcNow())
                return null;
        }
        catch (CryptographicException)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        foreach (var (id, at) in _redeemed)
        {
            if (now - at > Lifetime)
                _redeemed.TryRemove(id, out _);
        }

        var parts = payload.Split('|');
        if (parts.Length != 4
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[3]), Encoding.ASCII.GetBytes(Fingerprint(browserBinding)))
            || !_redeemed.TryAdd(parts[0], now))
            return null;
        return (parts[1], bool.Parse(parts[2]));
    }

    private static string Fingerprint(string browserBinding) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(browserBinding)));
}
