using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Outbound;

/// <summary>A body that was larger than the studio reads.</summary>
public sealed class OutboundTooLargeException(long limit)
    : Exception(limit >= 1024 * 1024 ? $"The answer is larger than {limit / (1024 * 1024)} MB." : $"The answer is larger than {limit} bytes.");

/// <summary>
/// The one HTTP client for URLs the studio does not own (AI providers, their result files). Every connection goes to an
/// address <see cref="OutboundUrlGuard"/> checked (in the socket's connect callback, so DNS rebinding cannot slip past),
/// no redirect is followed automatically, no system proxy is used, and bodies are read up to a size cap.
/// </summary>
public sealed class OutboundHttp : IDisposable
{
    private readonly OutboundUrlGuard _guard;
    private readonly IOptionsMonitor<OutboundOptions> _options;
    private readonly HttpClient _client;

    public OutboundHttp(OutboundUrlGuard guard, IOptionsMonitor<OutboundOptions> options)
    {
        _guard = guard;
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = ConnectAsync,
        };
        // Timeouts are per call (the caller's token), so the client itself never times out.
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public OutboundUrlGuard Guard => _guard;

    public long MaxDownloadBytes => _options.CurrentValue.MaxDownloadBytes;

    /// <summary>
    /// Sends <paramref name="request"/> once, without following a redirect (a 3xx comes back as it is). Only the headers
    /// are read; read the body with <see cref="ReadBodyAsync"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await _guard.AddressesForAsync(request.RequestUri!, cancellationToken);
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// GETs <paramref name="url"/>, following at most <see cref="OutboundOptions.MaxRedirects"/> redirects, each hop checked.
    /// <paramref name="authorization"/> is sent only while a hop stays on <paramref name="credentialOrigin"/>
    /// (scheme, host and port): a key never travels to another host, not even through a redirect.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(Uri url, AuthenticationHeaderValue? authorization, Uri? credentialOrigin, CancellationToken cancellationToken)
    {
        var current = url;
        var sendKey = authorization is not null && credentialOrigin is not null && SameOrigin(url, credentialOrigin);
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            if (sendKey)
                request.Headers.Authorization = authorization;
            var response = await SendAsync(request, cancellationToken);
            if (!IsRedirect(response.StatusCode))
                return response;

            var location = response.Headers.Location;
            response.Dispose();
            if (location is null)
                throw new OutboundRefusedException("A redirect without a Location was not followed.");
            if (hop >= _options.CurrentValue.MaxRedirects)
                throw new OutboundRefusedException($"More than {_options.CurrentValue.MaxRedirects} redirects were not followed.");
            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            // A key leaves with the first hop off its origin and does not come back.
            sendKey = sendKey && SameOrigin(next, current);
            current = next;
        }
    }

    /// <summary>The body, read up to <see cref="OutboundOptions.MaxDownloadBytes"/> (or <see cref="OutboundTooLargeException"/>).</summary>
    public async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limit = _options.CurrentValue.MaxDownloadBytes;
        if (response.Content.Headers.ContentLength is { } declared && declared > limit)
            throw new OutboundTooLargeException(limit);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new OutboundTooLargeException(limit);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    public void Dispose() => _client.Dispose();

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await _guard.AddressesForHostAsync(context.DnsEndPoint.Host, cancellationToken);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                last = ex;
                if (ex is OperationCanceledException)
                    throw;
            }
        }
        throw last!;
    }
}
