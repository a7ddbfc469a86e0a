using DreamX.Infrastructure.Outbound;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Webhooks;

/// <summary>
/// The outbound HTTP client for webhooks: the same SSRF guard as provider calls (internal addresses refused, the
/// connection made only to the checked address, no redirects), with its own allowlist, <c>Webhooks:AllowedHosts</c>.
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    public WebhookHttp(IHostResolver resolver, IOptionsMonitor<WebhookOptions> options)
    {
        var outbound = new Adapter(options);
        Guard = new OutboundUrlGuard(resolver, outbound);
        Http = new OutboundHttp(Guard, outbound);
    }

    public OutboundUrlGuard Guard { get; }

    public OutboundHttp Http { get; }

    public void Dispose() => Http.Dispose();

    /// <summary>Shows the webhook settings to the outbound guard as its options.</summary>
    private sealed class Adapter(IOptionsMonitor<WebhookOptions> webhooks) : IOptionsMonitor<OutboundOptions>
    {
        public OutboundOptions CurrentValue => new()
        {
            AllowedHosts = webhooks.CurrentValue.AllowedHosts,
            MaxRedirects = 0,
            MaxDownloadBytes = 64 * 1024,
            AllowlistSetting = WebhookOptions.Section + ":AllowedHosts",
        };

        public OutboundOptions Get(string? name) => CurrentValue;

        public IDisposable? OnChange(Action<OutboundOptions, string?> listener) => null;
    }
}
