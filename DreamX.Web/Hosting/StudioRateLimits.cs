using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace DreamX.Web.Hosting;

/// <summary>One limit: so many permits per window for each partition (an IP address or a user).</summary>
public sealed class RateLimitRule
{
    public int PermitLimit { get; set; }
    public TimeSpan Window { get; set; }
}

/// <summary>
/// The anti-automation limits (ASVS V2.4, V6.3): per client address for the account forms, per user (else
/// address) for media downloads, uploads and generation requests. Section <c>RateLimits</c>; each rule can be changed there.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public RateLimitRule Login { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule Register { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromHours(1) };
    public RateLimitRule PasswordReset { get; set; } = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(15) };
    public RateLimitRule Upload { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>
    /// Generation requests made over a circuit (Generate, Regenerate, Translate, Retry), per user; a click the repeat
    /// rule answers with the task it already queued does not count.
    /// </summary>
    public RateLimitRule Generate { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule Media { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };
    public RateLimitRule AccountEndpoints { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Every API call of one access token.</summary>
    public RateLimitRule ApiPerToken { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>API calls that spend credits (generate, compose), per token.</summary>
    public RateLimitRule ApiSpending { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Every API and MCP call from one client address, whatever token it carries.</summary>
    public RateLimitRule ApiPerAddress { get; set; } = new() { PermitLimit = 600, Window = TimeSpan.FromMinutes(1) };
}

/// <summary>What a limited action may do now; when refused, how long until it may try again.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public int RetryAfterSeconds => Math.Max(1, (int)Math.Ceiling(RetryAfter.TotalSeconds));
}

/// <summary>
/// The studio's rate limiter, for actions that arrive over a Blazor circuit (login, registration, reset,
/// uploads, generation requests) where no HTTP middleware sees them, and for the HTTP endpoints through ASP.NET Core's middleware.
/// Sliding windows of the .NET rate limiter, one per action and partition.
/// </summary>
public sealed class StudioRateLimits(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options) : IDisposable
{
    public const string Login = "login";
    public const string Register = "register";
    public const string PasswordReset = "password-reset";
    public const string Upload = "upload";
    public const string Generate = "generate";

    private readonly ConcurrentDictionary<(string Action, string Partition), RateLimiter> _limiters = new();

    public RateLimitDecision TryAcquire(string action, string partition)
    {
        var limiter = _limiters.GetOrAdd((action, partition), key => Create(RuleFor(key.Action)));
        using var lease = limiter.AttemptAcquire();
        if (lease.IsAcquired)
            return new RateLimitDecision(true, TimeSpan.Zero);
        return new RateLimitDecision(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : RuleFor(action).Window);
    }

    internal static RateLimiter Create(RateLimitRule rule) => new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, rule.PermitLimit),
        Window = rule.Window > TimeSpan.Zero ? rule.Window : TimeSpan.FromMinutes(1),
        SegmentsPerWindow = 6,
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    private RateLimitRule RuleFor(string action) => action switch
    {
        Login => options.Value.Login,
        Register => options.Value.Register,
        PasswordReset => options.Value.PasswordReset,
        Upload => options.Value.Upload,
        Generate => options.Value.Generate,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "No such rate limit."),
    };

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
            limiter.Dispose();
    }
}

public static class StudioRateLimitsExtensions
{
    public static IServiceCollection AddStudioRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddSingleton<StudioRateLimits>();
        services.AddScoped<ClientAddress>();
        var rules = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Media downloads per signed-in user (else address); the cookie-setting account endpoints per address.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var path = http.Request.Path;
                if (path.StartsWithSegments("/media"))
                    return RateLimitPartition.Get("media:" + (http.User.Identity?.Name ?? ClientAddress.Of(http)), _ => StudioRateLimits.Create(rules.Media));
                if (path.StartsWithSegments("/account/complete-login") || path.StartsWithSegments("/account/logout"))
                    return RateLimitPartition.Get("account:" + ClientAddress.Of(http), _ => StudioRateLimits.Create(rules.AccountEndpoints));
                if (Api.Foundation.ApiRateLimits.IsApi(http))
                    return RateLimitPartition.Get("api-address:" + ClientAddress.Of(http), _ => StudioRateLimits.Create(rules.ApiPerAddress));
                return RateLimitPartition.GetNoLimiter("none");
            });
            Api.Foundation.ApiRateLimits.AddPolicies(limiter, rules);
            limiter.OnRejected = async (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (Api.Foundation.ApiRateLimits.IsApi(context.HttpContext)
                    && context.HttpContext.RequestServices.GetService<IProblemDetailsService>() is { } problems)
                {
                    await problems.TryWriteAsync(new ProblemDetailsContext
                    {
                        HttpContext = context.HttpContext,
                        ProblemDetails =
                        {
                            Status = StatusCodes.Status429TooManyRequests,
                            Title = "Too many requests",
                            Detail = $"Slow down: try again in {seconds} s.",
                        },
                    });
                }
            };
        });
        return services;
    }
}

/// <summary>The client's address for this circuit or request (after forwarded headers from trusted proxies).</summary>
public sealed class ClientAddress(IHttpContextAccessor accessor)
{
    private string? _value;

    /// <summary>Read while the circuit's connection is known and kept: later events have no HTTP context.</summary>
    public string Value => _value ??= accessor.HttpContext is { } http ? Of(http) : "unknown";

    public static string Of(HttpContext http) => http.Connection.RemoteIpAddress is { } ip
        ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString()
        : IPAddress.None.ToString();
}
