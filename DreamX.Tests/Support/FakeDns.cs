using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using DreamX.Infrastructure.Outbound;
using Microsoft.Extensions.Options;

namespace DreamX.Tests.Support;

/// <summary>
/// A DNS the test writes: each name answers its scripted addresses (one answer after another when several are queued,
/// the last one repeating); unknown names fail like NXDOMAIN. Every lookup is counted.
/// </summary>
public sealed class FakeDns : IHostResolver
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<IPAddress[]>> _answers = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Lookups { get; } = new();

    public FakeDns Add(string host, params string[] addresses)
    {
        _answers.GetOrAdd(host, _ => new ConcurrentQueue<IPAddress[]>()).Enqueue(addresses.Select(IPAddress.Parse).ToArray());
        return this;
    }

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Lookups.Enqueue(host);
        if (!_answers.TryGetValue(host, out var queue) || !queue.TryPeek(out var answer))
            throw new SocketException((int)SocketError.HostNotFound);
        if (queue.Count > 1)
            queue.TryDequeue(out _);
        return Task.FromResult(answer);
    }
}

/// <summary>An outbound guard and client for tests: a fake DNS and an allowlist (e.g. the loopback fake provider).</summary>
public static class TestOutbound
{
    public static OutboundHttp Http(IHostResolver? dns = null, long maxBytes = 50L * 1024 * 1024, params string[] allowedHosts) =>
        new(Guard(dns, maxBytes, allowedHosts), Monitor(Options(maxBytes, allowedHosts)));

    public static OutboundUrlGuard Guard(IHostResolver? dns = null, long maxBytes = 50L * 1024 * 1024, params string[] allowedHosts) =>
        new(dns ?? new FakeDns(), Monitor(Options(maxBytes, allowedHosts)));

    private static OutboundOptions Options(long maxBytes, string[] allowedHosts) =>
        new() { AllowedHosts = [.. allowedHosts], MaxDownloadBytes = maxBytes };

    private static IOptionsMonitor<OutboundOptions> Monitor(OutboundOptions options) => new FixedMonitor(options);

    private sealed class FixedMonitor(OutboundOptions value) : IOptionsMonitor<OutboundOptions>
    {
        public OutboundOptions CurrentValue => value;

        public OutboundOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OutboundOptions, string?> listener) => null;
    }
}
