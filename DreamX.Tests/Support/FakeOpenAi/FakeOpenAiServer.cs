using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DreamX.Tests.Support.FakeOpenAi;

/// <summary>A request the fake server received.</summary>
public sealed record FakeRequest(string Path, string? Authorization, JsonNode? Body, bool Chunked = false);

/// <summary>
/// A local stand-in for a paid OpenAI-compatible API (Kestrel on 127.0.0.1, a free port). Each test scripts the
/// answers per endpoint, in order (or a responder for speech); an endpoint with nothing scripted answers 500. Every request is recorded. A POST
/// body without a Content-Length (chunked) is refused with 411, as some gateways do.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeReply>> _script = new();
    private readonly ConcurrentDictionary<string, Func<FakeRequest, FakeReply>> _responders = new();

    private FakeOpenAiServer(WebApplication app) => _app = app;

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public string Address { get; private set; } = "";

    /// <summary>What to put in ProviderConfig.BaseUrl.</summary>
    public string BaseUrl => Address + "/v1";

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeOpenAiServer(app);
        app.MapPost("/v1/chat/completions", context => server.AnswerAsync("chat/completions", context));
        app.MapPost("/v1/images/generations", context => server.AnswerAsync("images/generations", context));
        app.MapPost("/v1/audio/speech", context => server.AnswerAsync("audio/speech", context));
        app.MapGet("/files/{name}", context => server.AnswerAsync("files", context));
        await app.StartAsync();
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public FakeOpenAiServer OnChat(params FakeReply[] replies) => Script("chat/completions", replies);

    public FakeOpenAiServer OnImage(params FakeReply[] replies) => Script("images/generations", replies);

    public FakeOpenAiServer OnSpeech(params FakeReply[] replies) => Script("audio/speech", replies);

    public FakeOpenAiServer OnFile(params FakeReply[] replies) => Script("files", replies);

    /// <summary>Answers every speech request the script does not cover from what was asked (e.g. audio as long as its text).</summary>
    public FakeOpenAiServer OnEverySpeech(Func<FakeRequest, FakeReply> responder)
    {
        _responders["audio/speech"] = responder;
        return this;
    }

    public IReadOnlyList<FakeRequest> RequestsTo(string path) => Requests.Where(r => r.Path.EndsWith(path, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private FakeOpenAiServer Script(string endpoint, FakeReply[] replies)
    {
        var queue = _script.GetOrAdd(endpoint, _ => new ConcurrentQueue<FakeReply>());
        foreach (var reply in replies)
            queue.Enqueue(reply);
        return this;
    }

    private async Task AnswerAsync(string endpoint, HttpContext context)
    {
        JsonNode? body = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            // Like the gateways that cannot read a chunked request: a body must come with its Content-Length.
            if (context.Request.ContentLength is null)
            {
                Requests.Enqueue(new FakeRequest(context.Request.Path, context.Request.Headers.Authorization.ToString(), null, Chunked: true));
                context.Response.StatusCode = StatusCodes.Status411LengthRequired;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"error":{"message":"Content-Length required; chunked bodies are not read"}}""", context.RequestAborted);
                return;
            }
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            body = text.Length > 0 ? JsonNode.Parse(text) : null;
        }
        var request = new FakeRequest(context.Request.Path, context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null, body);
        Requests.Enqueue(request);

        var reply = _script.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var next)
            ? next
            : _responders.TryGetValue(endpoint, out var responder) ? responder(request)
            : FakeReply.Error(500, $"nothing scripted for {endpoint}");
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // The client gave up, as the test wanted.
            }
        }
        context.Response.StatusCode = reply.Status;
        context.Response.ContentType = reply.ContentType;
        foreach (var (name, value) in reply.Headers)
            context.Response.Headers[name] = value;
        await context.Response.Body.WriteAsync(reply.Body, context.RequestAborted);
    }
}
