using System.Globalization;
using System.Security.Claims;
using System.Text;
using DreamX.Domain.Events;
using DreamX.Infrastructure.Events;
using DreamX.Infrastructure.Persistence;
using DreamX.Web.Api.Foundation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Api;

/// <summary>
/// Live events as Server-Sent Events: <c>GET {api}/projects/{id}/events</c> and <c>GET {api}/tasks/{id}/events</c>.
/// Each event is <c>id:</c> (its event-log id), <c>event:</c> (its type) and one JSON <c>data:</c> line; a comment line
/// is sent as a heartbeat when nothing else was for <see cref="EventLogOptions.HeartbeatInterval"/>. A client that
/// reconnects with <c>Last-Event-ID</c> (header, or the <c>lastEventId</c> query parameter for clients that cannot set
/// headers) gets every event after that id from the log, then the live ones. Written by hand rather than with
/// <c>TypedResults.ServerSentEvents</c>, which cannot send comment lines (the heartbeat).
/// </summary>
public static class EventStreamEndpoints
{
    public const string ContentType = "text/event-stream";

    /// <summary>Maps the two streams on <paramref name="api"/> (an authenticated /api/v1 group: <c>MapApiGroup("", "Events")</c>).</summary>
    public static RouteGroupBuilder MapEventStreamEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/projects/{id:guid}/events", StreamProjectAsync)
            .WithName("StreamProjectEvents")
            .WithSummary("Follow a project's events (Server-Sent Events)")
            .WithDescription("Task progress and state changes, updated nodes, finished renders of the project. Resume with Last-Event-ID.")
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/tasks/{id:guid}/events", StreamTaskAsync)
            .WithName("StreamTaskEvents")
            .WithSummary("Follow one task's events (Server-Sent Events)")
            .WithDescription("The task's progress and state changes, and what it made. Resume with Last-Event-ID.")
            .Produces(StatusCodes.Status200OK, contentType: ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> StreamProjectAsync(
        Guid id, HttpContext http, ClaimsPrincipal user, IDbContextFactory<DreamXDbContext> contexts, EventStream stream, IOptions<EventLogOptions> options)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
            return TypedResults.Unauthorized();
        await using (var db = await contexts.CreateDbContextAsync(http.RequestAborted))
        {
            if (!await db.Projects.AnyAsync(p => p.Id == id && p.OwnerId == userId, http.RequestAborted))
                return NotFound("project");
        }
        return await StreamAsync(http, EventScope.Project(userId, id), stream, options.Value.HeartbeatInterval);
    }

    private static async Task<IResult> StreamTaskAsync(
        Guid id, HttpContext http, ClaimsPrincipal user, IDbContextFactory<DreamXDbContext> contexts, EventStream stream, IOptions<EventLogOptions> options)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
            return TypedResults.Unauthorized();
        await using (var db = await contexts.CreateDbContextAsync(http.RequestAborted))
        {
            if (!await db.GenerationTasks.AnyAsync(t => t.Id == id && t.OwnerId == userId, http.RequestAborted))
                return NotFound("task");
        }
        return await StreamAsync(http, EventScope.Task(userId, id), stream, options.Value.HeartbeatInterval);
    }

    private static IResult NotFound(string what) =>
        ApiProblems.NotFound($"There is no {what} with this id among yours.", $"{what}.not_found");

    private static async Task<IResult> StreamAsync(HttpContext http, EventScope scope, EventStream stream, TimeSpan heartbeat)
    {
        if (!TryLastEventId(http.Request, out var lastEventId))
        {
            return ApiProblems.BadRequest("Last-Event-ID must be the id of an event this stream sent (a whole number).", "events.bad_last_event_id");
        }

        var response = http.Response;
        var cancellationToken = http.RequestAborted;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        var enumerator = stream.FollowAsync(scope, lastEventId, cancellationToken).GetAsyncEnumerator(cancellationToken);
        Task<bool>? next = null;
        try
        {
            // Tell the client how soon to reconnect, and open the stream at once (proxies and clients see headers now).
            await WriteAsync(response, "retry: 3000\n: connected\n\n", cancellationToken);
            while (true)
            {
                next ??= enumerator.MoveNextAsync().AsTask();
                using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var finished = await Task.WhenAny(next, Task.Delay(heartbeat, quiet.Token));
                await quiet.CancelAsync();
                if (finished != next)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await WriteAsync(response, ": heartbeat\n\n", cancellationToken);
                    continue;
                }
                var more = await next;
                next = null;
                if (!more)
                    break;
                await WriteAsync(response, Format(enumerator.Current), cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }
        finally
        {
            if (next is not null)
            {
                try
                {
                    await next;
                }
                catch (OperationCanceledException)
                {
                }
            }
            await enumerator.DisposeAsync();
        }
        return TypedResults.Empty;
    }

    /// <summary>The client's Last-Event-ID (null when absent: start from now); false when it is not a number.</summary>
    private static bool TryLastEventId(HttpRequest request, out long? lastEventId)
    {
        lastEventId = null;
        var raw = request.Headers["Last-Event-ID"].FirstOrDefault() is { Length: > 0 } header ? header : request.Query["lastEventId"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(raw))
            return true;
        if (!long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return false;
        lastEventId = id;
        return true;
    }

    internal static string Format(StudioEvent e)
    {
        var data = $$"""{"id":{{e.Id}},"type":"{{e.Type}}","createdAt":"{{e.CreatedAt.ToUniversalTime():O}}","projectId":{{Json(e.ProjectId)}},"taskId":{{Json(e.TaskId)}},"data":{{e.Payload}}}""";
        var text = new StringBuilder();
        text.Append("id: ").Append(e.Id.ToString(CultureInfo.InvariantCulture)).Append('\n');
        text.Append("event: ").Append(e.Type).Append('\n');
        // The payload is single-line JSON; a line break inside one would still be framed correctly.
        foreach (var line in data.Split('\n'))
            text.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
        return text.Append('\n').ToString();
    }

    private static string Json(Guid? id) => id is { } value ? $"\"{value}\"" : "null";

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
