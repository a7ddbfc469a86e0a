using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DreamX.Tests.Support.FakeVideo;

/// <summary>What a fake job hands back when it is done.</summary>
public enum FakeVideoResult
{
    Clip,
    ExpiredUrl,
    NotVideo,
}

/// <summary>
/// How the next submitted job behaves: how many polls it stays queued/running (reporting progress), whether it fails
/// (with that reason), how many polls answer 429 with a Retry-After first, and what its result is. <see cref="ClipSeconds"/>
/// overrides the clip's length (default: the length asked for).
/// </summary>
public sealed record FakeVideoPlan(
    int PollsUntilDone = 3, string? FailWith = null, int ThrottledPolls = 0, int RetryAfterSeconds = 1,
    FakeVideoResult Result = FakeVideoResult.Clip, double? ClipSeconds = null);

/// <summary>A job the fake holds and what the studio sent for it.</summary>
public sealed class FakeVideoJob(string id, FakeVideoPlan plan, int seconds, JsonNode? body, IReadOnlyDictionary<string, string> form, IReadOnlyList<(string Field, string ContentType, int Length)> files)
{
    public string Id { get; } = id;
    public FakeVideoPlan Plan { get; } = plan;
    public int Seconds { get; } = seconds;
    public JsonNode? Body { get; } = body;
    public IReadOnlyDictionary<string, string> Form { get; } = form;
    public IReadOnlyList<(string Field, string ContentType, int Length)> Files { get; } = files;
    public int Polls { get; set; }
    public bool Cancelled { get; set; }
}

/// <summary>
/// A local stand-in for the paid video APIs, on 127.0.0.1 and a free port, speaking both shapes the studio supports:
/// the Volcengine Ark task API (<c>/api/v3/contents/generations/tasks</c>) and the OpenAI-style videos API
/// (<c>/v1/videos</c>). Jobs follow the scripted <see cref="FakeVideoPlan"/>s in order (default: three polls with rising
/// progress, then a real H.264 clip of the asked length made by ffmpeg). Every submission, poll and cancel is counted.
/// </summary>
public sealed class FakeVideoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeVideoPlan> _plans = new();
    private readonly ConcurrentDictionary<int, byte[]> _clips = new();
    private int _next;

    private FakeVideoServer(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, FakeVideoJob> Jobs { get; } = new();

    public int Submissions => Jobs.Count;

    public int Polls => Jobs.Values.Sum(j => j.Polls);

    public ConcurrentQueue<string> Cancels { get; } = new();

    public string Address { get; private set; } = "";

    /// <summary>Answers the job lists (what "test connection" reads) 401 as for a wrong key.</summary>
    public bool RejectKeys { get; set; }

    /// <summary>How often a job list was read.</summary>
    public int ListReads => _listReads;

    private int _listReads;

    /// <summary>The base URL of the Ark shape (what an admin enters for an Ark provider).</summary>
    public string ArkBaseUrl => Address + "/api/v3";

    /// <summary>The base URL of the OpenAI shape.</summary>
    public string OpenAIBaseUrl => Address + "/v1";

    public static async Task<FakeVideoServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Limits.MaxRequestBodySize = 64 * 1024 * 1024).UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeVideoServer(app);
        app.MapPost("/api/v3/contents/generations/tasks", server.SubmitArkAsync);
        app.MapGet("/api/v3/contents/generations/tasks/{id}", (HttpContext c, string id) => server.PollAsync(c, id, ark: true));
        app.MapDelete("/api/v3/contents/generations/tasks/{id}", (HttpContext c, string id) => server.Cancel(c, id));
        app.MapGet("/api/v3/contents/generations/tasks", server.ListAsync);
        app.MapGet("/v1/videos", server.ListAsync);
        app.MapPost("/v1/videos", server.SubmitOpenAIAsync);
        app.MapGet("/v1/videos/{id}", (HttpContext c, string id) => server.PollAsync(c, id, ark: false));
        app.MapGet("/v1/videos/{id}/content", (HttpContext c, string id) => server.ContentAsync(c, id));
        app.MapDelete("/v1/videos/{id}", (HttpContext c, string id) => server.Cancel(c, id));
        app.MapGet("/files/{id}.mp4", (HttpContext c, string id) => server.ContentAsync(c, id));
        await app.StartAsync();
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Plans for the next jobs, in order; a job with no plan left gets the default one.</summary>
    public FakeVideoServer Plan(params FakeVideoPlan[] plans)
    {
        foreach (var plan in plans)
            _plans.Enqueue(plan);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }

    private async Task ListAsync(HttpContext context)
    {
        Interlocked.Increment(ref _listReads);
        if (RejectKeys)
        {
            context.Response.StatusCode = 401;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "AuthenticationError", message = "The API key is invalid." } });
            return;
        }
        await context.Response.WriteAsJsonAsync(new { items = Jobs.Keys.Take(1).Select(id => new { id }), data = Array.Empty<object>(), total = Jobs.Count });
    }

    private async Task SubmitArkAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var seconds = body?["duration"]?.GetValue<int>() ?? 5;
        var job = Add(seconds, body, new Dictionary<string, string>(), []);
        await context.Response.WriteAsJsonAsync(new { id = job.Id });
    }

    private async Task SubmitOpenAIAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString());
        var files = form.Files.Select(f => (f.Name, f.ContentType, (int)f.Length)).ToList();
        var seconds = int.TryParse(fields.GetValueOrDefault("seconds"), out var s) ? s : 4;
        var job = Add(seconds, null, fields, files);
        await context.Response.WriteAsJsonAsync(new { id = job.Id, @object = "video", status = "queued", progress = 0 });
    }

    private FakeVideoJob Add(int seconds, JsonNode? body, Dictionary<string, string> form, List<(string, string, int)> files)
    {
        var plan = _plans.TryDequeue(out var next) ? next : new FakeVideoPlan();
        var job = new FakeVideoJob($"job-{Interlocked.Increment(ref _next)}", plan, seconds, body, form, files);
        Jobs[job.Id] = job;
        return job;
    }

    private async Task PollAsync(HttpContext context, string id, bool ark)
    {
        if (!Jobs.TryGetValue(id, out var job))
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsJsonAsync(new { error = new { code = "NotFound", message = $"no job {id}" } });
            return;
        }
        var poll = ++job.Polls;
        if (poll <= job.Plan.ThrottledPolls)
        {
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = job.Plan.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await context.Response.WriteAsJsonAsync(new { error = new { message = "slow down" } });
            return;
        }
        var done = poll - job.Plan.ThrottledPolls > job.Plan.PollsUntilDone;
        var progress = Math.Min(99, (poll - job.Plan.ThrottledPolls) * 100 / (job.Plan.PollsUntilDone + 1));
        if (job.Cancelled)
        {
            await context.Response.WriteAsJsonAsync(new { id, status = "cancelled" });
            return;
        }
        if (!done)
        {
            var status = poll == 1 ? "queued" : ark ? "running" : "in_progress";
            await context.Response.WriteAsJsonAsync(new { id, status, progress });
            return;
        }
        if (job.Plan.FailWith is { } reason)
        {
            await context.Response.WriteAsJsonAsync(new { id, status = "failed", error = new { code = "GenerationFailed", message = reason } });
            return;
        }
        if (ark)
        {
            var url = job.Plan.Result == FakeVideoResult.ExpiredUrl ? $"{Address}/files/expired-{id}.mp4" : $"{Address}/files/{id}.mp4";
            await context.Response.WriteAsJsonAsync(new { id, status = "succeeded", content = new { video_url = url } });
        }
        else
        {
            await context.Response.WriteAsJsonAsync(new { id, status = "completed", progress = 100 });
        }
    }

    private async Task ContentAsync(HttpContext context, string id)
    {
        if (!Jobs.TryGetValue(id, out var job) || job.Plan.Result == FakeVideoResult.ExpiredUrl)
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/xml";
            await context.Response.WriteAsync("<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
            return;
        }
        if (job.Plan.Result == FakeVideoResult.NotVideo)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Your download will start soon</body></html>");
            return;
        }
        var seconds = job.Plan.ClipSeconds ?? job.Seconds;
        var clip = await ClipAsync(seconds);
        context.Response.ContentType = "video/mp4";
        await context.Response.Body.WriteAsync(clip);
    }

    private IResult Cancel(HttpContext context, string id)
    {
        Cancels.Enqueue(id);
        if (!Jobs.TryGetValue(id, out var job))
            return Results.NotFound();
        job.Cancelled = true;
        return Results.Ok(new { });
    }

    /// <summary>A real H.264 test clip of that length (made once per length).</summary>
    private async Task<byte[]> ClipAsync(double seconds)
    {
        var key = (int)Math.Round(seconds * 10);
        if (_clips.TryGetValue(key, out var cached))
            return cached;
        var path = Path.Combine(Path.GetTempPath(), $"dreamx-fake-video-{Guid.NewGuid():N}.mp4");
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[]
                 {
                     "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
                     "-i", $"testsrc2=size=320x568:rate=24:duration={seconds.ToString(CultureInfo.InvariantCulture)}",
                     "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", path,
                 })
            info.ArgumentList.Add(argument);
        using (var ffmpeg = Process.Start(info)!)
        {
            var errors = ffmpeg.StandardError.ReadToEndAsync();
            await ffmpeg.WaitForExitAsync();
            if (ffmpeg.ExitCode != 0)
                throw new InvalidOperationException("ffmpeg could not make the fake clip: " + await errors);
        }
        var bytes = await File.ReadAllBytesAsync(path);
        File.Delete(path);
        return _clips[key] = bytes;
    }
}
