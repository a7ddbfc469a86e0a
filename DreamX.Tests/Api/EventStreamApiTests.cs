using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Events;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Api;

/// <summary>
/// The SSE streams over HTTP with two app instances on one database: A does the work (its engine publishes the task's
/// events), B serves the stream; resume with Last-Event-ID, heartbeats, ownership.
/// </summary>
public sealed class EventStreamApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private ApiApp _a = null!;
    private ApiApp _b = null!;

    public async Task InitializeAsync()
    {
        _a = ApiApp.With(new Dictionary<string, string?> { ["Events:HeartbeatInterval"] = "00:00:00.500" });
        await _a.InitializeAsync();
        // B shares A's database; it only serves (its own scheduler name, not running jobs), as a second web node would.
        _b = ApiApp.With(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = _a.Database.ConnectionString,
            ["Engine:RunScheduler"] = "false",
            ["Engine:SchedulerName"] = "events-b-" + Guid.NewGuid().ToString("N")[..6],
            ["Seed:Demo"] = "false",
            ["Events:HeartbeatInterval"] = "00:00:00.500",
        });
        await _b.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _b.DisposeAsync();
        await _a.DisposeAsync();
    }

    [Fact]
    public async Task A_task_event_raised_on_instance_A_reaches_a_client_of_instance_B()
    {
        var user = await _a.CreateUserAsync();
        var project = await CreateProjectAsync(user.Id);
        var task = await CreateTaskAsync(user.Id, project.Id, GenerationTaskType.ComposeFinal);
        using var client = _b.CreateClient(user.Token);
        // From the log's current end: events published before instance B's stream has read its starting point (its
        // headers may reach the client first) are then still sent, in order, instead of being missed on a busy machine.
        var start = await _a.Services.GetRequiredService<StudioEventLog>().LatestIdAsync(CancellationToken.None);
        await using var stream = await SseClient.OpenAsync(client, $"/api/v1/projects/{project.Id}/events?lastEventId={start}");

        var events = _a.Services.GetRequiredService<TaskEvents>();
        await events.PublishAsync(task, GenerationTaskStatus.Running, 0, null);
        await events.PublishAsync(task, GenerationTaskStatus.Succeeded, 100, null);

        var received = await stream.ReadEventsAsync(4, Patience);
        Assert.Equal(["task.started", "task.succeeded", "node.updated", "render.finished"], received.Select(e => e.Type));
        Assert.All(received, e => Assert.True(long.TryParse(e.Id, out _)));
        using var data = JsonDocument.Parse(received[1].Data);
        Assert.Equal(task.Id, data.RootElement.GetProperty("taskId").GetGuid());
        Assert.Equal("Succeeded", data.RootElement.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal("text/event-stream", stream.ContentType);
    }

    [Fact]
    public async Task A_client_that_reconnects_with_Last_Event_ID_gets_what_it_missed_in_order_then_live_events()
    {
        var user = await _a.CreateUserAsync();
        var project = await CreateProjectAsync(user.Id);
        var events = _a.Services.GetRequiredService<TaskEvents>();
        var tasks = new List<GenerationTask>();
        for (var i = 0; i < 3; i++)
            tasks.Add(await CreateTaskAsync(user.Id, project.Id, GenerationTaskType.ShotImage));
        using var client = _b.CreateClient(user.Token);

        string lastSeen;
        await using (var first = await SseClient.OpenAsync(client, $"/api/v1/projects/{project.Id}/events"))
        {
            await events.PublishAsync(tasks[0], GenerationTaskStatus.Queued, 0, null);
            lastSeen = (await first.ReadEventsAsync(1, Patience))[0].Id;
        }

        // While the client is away: work on A.
        foreach (var task in tasks)
            await events.PublishAsync(task, GenerationTaskStatus.Failed, 0, "provider down");

        await using var second = await SseClient.OpenAsync(client, $"/api/v1/projects/{project.Id}/events", lastSeen);
        var replayed = await second.ReadEventsAsync(3, Patience);
        await events.PublishAsync(tasks[0], GenerationTaskStatus.Queued, 0, "retry");
        var live = (await second.ReadEventsAsync(1, Patience))[0];

        Assert.Equal(["task.failed", "task.failed", "task.failed"], replayed.Select(e => e.Type));
        Assert.Equal(tasks.Select(t => t.Id), replayed.Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("taskId").GetGuid()));
        var ids = replayed.Append(live).Select(e => long.Parse(e.Id)).ToList();
        Assert.True(ids[0] > long.Parse(lastSeen));
        Assert.Equal(ids.Order(), ids);
        Assert.Equal("task.queued", live.Type);

        // The query parameter works for clients that cannot set the header, and the log holds no other event in between.
        await using var third = await SseClient.OpenAsync(client, $"/api/v1/projects/{project.Id}/events?lastEventId={lastSeen}");
        Assert.Equal(replayed.Append(live).Select(e => e.Id), (await third.ReadEventsAsync(4, Patience)).Select(e => e.Id));
    }

    [Fact]
    public async Task A_task_stream_carries_only_that_task_and_a_quiet_stream_sends_heartbeats()
    {
        var user = await _a.CreateUserAsync();
        var project = await CreateProjectAsync(user.Id);
        var mine = await CreateTaskAsync(user.Id, project.Id, GenerationTaskType.ShotAudio);
        var other = await CreateTaskAsync(user.Id, project.Id, GenerationTaskType.ShotAudio);
        using var client = _b.CreateClient(user.Token);
        await using var stream = await SseClient.OpenAsync(client, $"/api/v1/tasks/{mine.Id}/events");

        Assert.True(await stream.WaitForHeartbeatAsync(Patience), "no heartbeat comment within the patience");

        var events = _a.Services.GetRequiredService<TaskEvents>();
        await events.PublishAsync(other, GenerationTaskStatus.Cancelled, 0, null);
        await events.PublishAsync(mine, GenerationTaskStatus.Cancelled, 0, null);
        var received = (await stream.ReadEventsAsync(1, Patience))[0];
        Assert.Equal("task.cancelled", received.Type);
        Assert.Contains(mine.Id.ToString(), received.Data);
    }

    [Fact]
    public async Task Another_users_project_or_task_is_not_found_and_no_token_is_unauthorised()
    {
        var owner = await _a.CreateUserAsync();
        var stranger = await _a.CreateUserAsync();
        var project = await CreateProjectAsync(owner.Id);
        var task = await CreateTaskAsync(owner.Id, project.Id, GenerationTaskType.Script);
        using var client = _b.CreateClient(stranger.Token);

        foreach (var path in new[] { $"/api/v1/projects/{project.Id}/events", $"/api/v1/tasks/{task.Id}/events", $"/api/v1/projects/{Guid.NewGuid()}/events" })
        {
            using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        using var anonymous = _b.CreateClient();
        using var refused = await anonymous.GetAsync($"/api/v1/projects/{project.Id}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var owners = _b.CreateClient(owner.Token);
        using var bad = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/projects/{project.Id}/events");
        bad.Headers.Add("Last-Event-ID", "yesterday");
        using var badAnswer = await owners.SendAsync(bad, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.BadRequest, badAnswer.StatusCode);
    }

    private async Task<Project> CreateProjectAsync(string userId)
    {
        await using var scope = _a.Services.CreateAsyncScope();
        var library = scope.ServiceProvider.GetRequiredService<ProjectLibrary>();
        var created = await library.CreateAsync(userId, new CheckpointInput { Title = "Night shift", Idea = "A nurse finds a letter from her future self in the hospital archive." });
        Assert.True(created.IsSuccess, created.Error);
        return created.Value;
    }

    private async Task<GenerationTask> CreateTaskAsync(string userId, Guid projectId, GenerationTaskType type)
    {
        // A task whose events the test publishes by hand, stored as finished: a queued one would be dispatched by the
        // sweeper after its grace (5 s, reached on a busy machine) and run, and its worker's own events would interleave.
        var task = new GenerationTask
        {
            ProjectId = projectId, OwnerId = userId, Type = type, TargetKind = NodeKind.Segment, TargetId = Guid.NewGuid(),
            Status = GenerationTaskStatus.Cancelled,
        };
        await using var db = _a.Database.CreateContext();
        db.GenerationTasks.Add(task);
        await db.SaveChangesAsync();
        return task;
    }
}

/// <summary>A minimal SSE reader for tests: frames split on blank lines, comments kept apart.</summary>
internal sealed class SseClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _closed = new();
    private int _heartbeats;

    private SseClient(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public sealed record Event(string Id, string Type, string Data);

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    public static async Task<SseClient> OpenAsync(HttpClient client, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var sse = new SseClient(response, reader);
        // The server opens with a retry hint and a comment: once read, the stream (and its subscription) is in place.
        await sse.ReadFrameAsync(TimeSpan.FromSeconds(30));
        return sse;
    }

    public async Task<IReadOnlyList<Event>> ReadEventsAsync(int count, TimeSpan timeout)
    {
        var events = new List<Event>();
        var deadline = DateTime.UtcNow + timeout;
        while (events.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
                throw new TimeoutException($"{events.Count} of {count} events arrived");
            if (await ReadFrameAsync(left) is { } e)
                events.Add(e);
        }
        return events;
    }

    public async Task<bool> WaitForHeartbeatAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var before = _heartbeats;
        while (_heartbeats == before && DateTime.UtcNow < deadline)
        {
            if (await ReadFrameAsync(deadline - DateTime.UtcNow) is not null)
                throw new InvalidOperationException("an event arrived before any heartbeat");
        }
        return _heartbeats > before;
    }

    /// <summary>Reads one frame: an event, or null for a frame of comments and fields without data.</summary>
    private async Task<Event?> ReadFrameAsync(TimeSpan timeout)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(_closed.Token);
        cts.CancelAfter(timeout);
        string id = "", type = "message";
        var data = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("the server closed the stream");
            if (line.Length == 0)
                return data.Count > 0 ? new Event(id, type, string.Join('\n', data)) : null;
            if (line.StartsWith(':'))
            {
                if (line.Contains("heartbeat"))
                    _heartbeats++;
                continue;
            }
            var colon = line.IndexOf(':');
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data.Add(value); break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closed.CancelAsync();
        _reader.Dispose();
        _response.Dispose();
        _closed.Dispose();
    }
}
