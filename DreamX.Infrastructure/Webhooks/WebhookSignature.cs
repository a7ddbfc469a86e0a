using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DreamX.Infrastructure.Webhooks;

/// <summary>
/// The webhook signature (as Stripe does it): <c>DreamX-Signature: t={unix seconds},v1={hex HMAC-SHA256}</c>, where the
/// HMAC is keyed with the endpoint's secret over <c>"{t}.{raw body}"</c> (UTF-8). A receiver recomputes it, compares in
/// constant time and refuses a timestamp too far from its clock (replays).
/// </summary>
public static class WebhookSignature
{
    public const string Header = "DreamX-Signature";
    public const string IdHeader = "DreamX-Webhook-Id";
    public const string EventHeader = "DreamX-Event";

    public static string Compute(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return Convert.ToHexStringLower(mac);
    }

    public static string HeaderValue(string secret, long timestamp, string body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Compute(secret, timestamp, body)}";

    /// <summary>Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool Verify(string secret, string header, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? timestamp = null;
        List<string> signatures = [];
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0)
                continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
                timestamp = t;
            else if (key == "v1")
                signatures.Add(value);
        }
        if (timestamp is null || Math.Abs(now.ToUnixTimeSeconds() - timestamp.Value) > tolerance.TotalSeconds)
            return false;
        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp.Value, body));
        return signatures.Any(s => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(s)));
    }
}
