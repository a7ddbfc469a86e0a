using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace DreamX.Bench.Canvas;

/// <summary>
/// A local TCP proxy that holds every chunk for <see cref="OneWay"/> in each direction, in order: a real network's
/// latency for the circuit's WebSocket too (Chromium's network emulation delays HTTP but not WebSocket frames).
/// </summary>
public sealed class DelayProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly IPEndPoint _target;
    private readonly Task _accepting;

    public DelayProxy(Uri target, TimeSpan oneWay)
    {
        OneWay = oneWay;
        _target = new IPEndPoint(IPAddress.Parse(target.Host == "localhost" ? "127.0.0.1" : target.Host), target.Port);
        _listener.Start();
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseAddress = new UriBuilder(target) { Port = port }.Uri;
        _accepting = AcceptAsync();
    }

    public TimeSpan OneWay { get; }

    /// <summary>The studio's address through the proxy (same host, so the browser's cookies go along).</summary>
    public Uri BaseAddress { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
            await using var up = client.GetStream();
            await using var down = server.GetStream();
            await Task.WhenAny(PumpAsync(up, down), PumpAsync(down, up));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A closed connection ends its relay.
        }
        finally
        {
            client.Dispose();
        }
    }

    /// <summary>Reads as data comes and writes each chunk once it is <see cref="OneWay"/> old (a queue keeps the order).</summary>
    private async Task PumpAsync(Stream from, Stream to)
    {
        var queue = Channel.CreateUnbounded<(long Due, byte[] Data)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var (due, data) in queue.Reader.ReadAllAsync(_stop.Token))
            {
                var left = due - Stopwatch.GetTimestamp();
                if (left > 0)
                    await Task.Delay(TimeSpan.FromSeconds(left / (double)Stopwatch.Frequency), _stop.Token);
                await to.WriteAsync(data, _stop.Token);
                await to.FlushAsync(_stop.Token);
            }
        });
        var buffer = new byte[64 * 1024];
        var delay = (long)(OneWay.TotalSeconds * Stopwatch.Frequency);
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
                await queue.Writer.WriteAsync((Stopwatch.GetTimestamp() + delay, buffer[..read]), _stop.Token);
        }
        finally
        {
            queue.Writer.TryComplete();
        }
        await writer;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }
}
