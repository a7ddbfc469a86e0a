namespace DreamX.Infrastructure.Webhooks;

/// <summary>Outbound webhooks ("Webhooks"): which internal hosts an admin allows, timeouts and the retry schedule.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Hosts (as written in a URL) that may resolve to loopback, private or link-local addresses, e.g. a receiver beside
    /// the studio. Separate from <c>Providers:Outbound:AllowedHosts</c>: creators choose webhook URLs, admins choose providers.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>How long a receiver has to answer one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The wait after the first failed attempt; each further wait is four times longer, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>No automatic attempt is made once a delivery is this old; it is marked failed (a manual redelivery still works).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the sender looks for due retries (new events wake it at once).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long the delivery log is kept.</summary>
    public TimeSpan KeepDeliveriesFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>At most this many deliveries are sent per run of the sender (the rest wait for the next).</summary>
    public int BatchSize { get; set; } = 50;
}
