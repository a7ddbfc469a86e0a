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

/// <summary>A file part of a multipart request, as the fake received it.</summary>
public sealed record FakeFilePart(string Name, string FileName, string ContentType, byte[] Content);

/// <summary>An image request the fake received: the form fields or JSON body, and the files (images edit).</summary>
public sealed record FakeImageCall(string Path, string? Authorization, JsonNode? Json, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<FakeFilePart> Files);

/// <summary>
/// A local stand-in for the paid image APIs that take reference pictures: the OpenAI images edit call
/// (<c>POST /v1/images/edits</c>, multipart with <c>image[]</c> files), OpenAI generations (<c>POST /v1/images/generations</c>)
/// and Volcengine Ark's Seedream shape (<c>POST /api/v3/images/generations</c>, JSON with an <c>image</c> list of data URLs).
/// Each answers every call with <see cref="Picture"/> as <c>b64_json</c> and records what it was sent.
/// </summary>
public sealed class FakeReferenceImageServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeReferenceImageServer(WebApplication app, byte[] picture)
    {
        _app = app;
        Picture = picture;
    }

    public ConcurrentQueue<FakeImageCall> Calls { get; } = new();

    /// <summary>What every call answers.</summary>
    public byte[] Picture { get; set; }

    public string Address { get; private set; } = "";

    /// <summary>The base URL of the OpenAI-compatible side.</summary>
    public string OpenAiBaseUrl => Address + "/v1";

    /// <summary>The base URL of the Ark side.</summary>
    public string ArkBaseUrl => Address + "/api/v3";

    public static async Task<FakeReferenceImageServer> StartAsync(byte[] picture)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeReferenceImageServer(app, picture);
        app.MapPost("/v1/images/edits", server.AnswerAsync);
        app.MapPost("/v1/images/generations", server.AnswerAsync);
        app.MapPost("/api/v3/images/generations", server.AnswerAsync);
        await app.StartAsync();
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public IReadOnlyList<FakeImageCall> CallsTo(string path) => Calls.Where(c => c.Path.EndsWith(path, StringComparison.Ordinal)).ToList();

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null;
        if (context.Request.ContentLength is null)
        {
            context.Response.StatusCode = StatusCodes.Status411LengthRequired;
            return;
        }
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var files = new List<FakeFilePart>();
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, context.RequestAborted);
                files.Add(new FakeFilePart(file.Name, file.FileName, file.ContentType, buffer.ToArray()));
            }
            Calls.Enqueue(new FakeImageCall(context.Request.Path, authorization, null, form.ToDictionary(f => f.Key, f => f.Value.ToString()), files));
        }
        else
        {
            using var reader = new StreamReader(context.Request.Body);
            var text = await reader.ReadToEndAsync(context.RequestAborted);
            Calls.Enqueue(new FakeImageCall(context.Request.Path, authorization, text.Length > 0 ? JsonNode.Parse(text) : null, new Dictionary<string, string>(), []));
        }
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(
            new JsonObject { ["created"] = 1, ["data"] = new JsonArray(new JsonObject { ["b64_json"] = Convert.ToBase64String(Picture) }) }.ToJsonString(),
            context.RequestAborted);
    }
}
