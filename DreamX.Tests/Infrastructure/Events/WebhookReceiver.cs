using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DreamX.Tests.Infrastructure.Events;

/// <summary>A webhook receiver on Kestrel at 127.0.0.1 (a free port): records every request and answers the scripted codes in turn (the last repeating).</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private int _last = 200;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Url { get; private set; } = null!;

    public sealed record Received(DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, string Body, int AnsweredWith);

    public static async Task<WebhookReceiver> StartAsync(params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        foreach (var answer in answers)
            receiver._answers.Enqueue(answer);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var code = receiver.NextAnswer();
            receiver.Requests.Enqueue(new Received(DateTimeOffset.UtcNow,
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, code));
            return Results.StatusCode(code);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hook");
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived.</summary>
    public async Task<IReadOnlyList<Received>> WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{Requests.Count} of {count} webhook requests arrived");
            await Task.Delay(50);
        }
        return Requests.ToList();
    }

    private int NextAnswer()
    {
        lock (_answers)
        {
            if (_answers.TryDequeue(out var next))
                _last = next;
            return _last;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
