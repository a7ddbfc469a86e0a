using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using DreamX.Web.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace DreamX.Web.Api.Foundation;

/// <summary>
/// The API's rate limits: every call counts against its token (<see cref="PerToken"/>), calls that spend credits against
/// a tighter budget (<see cref="Spending"/>), and every call against its client address (the global limiter, for
/// <c>/api</c> and <c>/mcp</c>, so many tokens from one address are held too). Refusals are 429 with Retry-After.
/// </summary>
public static class ApiRateLimits
{
    public const string PerToken = "api";
    public const string Spending = "api-spending";

    internal static void AddPolicies(RateLimiterOptions limiter, RateLimitOptions rules)
    {
        limiter.AddPolicy(PerToken, http => RateLimitPartition.Get("api-token:" + Partition(http), _ => StudioRateLimits.Create(rules.ApiPerToken)));
        limiter.AddPolicy(Spending, http => RateLimitPartition.Get("api-spend:" + Partition(http), _ => StudioRateLimits.Create(rules.ApiSpending)));
    }

    /// <summary>The global limiter's partition for API paths: the client's address.</summary>
    internal static bool IsApi(HttpContext http) =>
        http.Request.Path.StartsWithSegments(ApiRoutes.Prefix) || http.Request.Path.StartsWithSegments("/mcp");

    /// <summary>The token (by its hash, never the token itself in memory keys) or, without one, the client's address.</summary>
    private static string Partition(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header.Length > 7)
            return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim())), 0, 16);
        return "ip:" + ClientAddress.Of(http);
    }
}
