using System.Collections.Concurrent;
using DreamX.Domain.Events;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Events;

/// <summary>
/// Turns the engine's task events into event-log lines. A change of state is stored at once (with a
/// <c>node.updated</c> and, for a render, a <c>render.finished</c> after a success). Progress is coalesced: at most
/// one line per task per <see cref="EventLogOptions.ProgressInterval"/>, the latest report winning; a report held back
/// is written by the background flush once its interval passed, unless a change of state made it stale first.
/// </summary>
public sealed class TaskEventRecorder(StudioEventLog log, IOptions<EventLogOptions> options, TimeProvider clock, ILogger<TaskEventRecorder> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<Guid, ProgressState> _progress = new();

    public async Task RecordAsync(GenerationTask task, GenerationTaskStatus status, int percent, string? message, CancellationToken cancellationToken)
    {
        var payload = Payload(task, status, percent, message);
        if (status == GenerationTaskStatus.Running && percent > 0)
        {
            await RecordProgressAsync(task.Id, new NewStudioEvent(StudioEventTypes.TaskProgress, task.OwnerId, task.ProjectId, task.Id, payload));
            return;
        }

        // A state change supersedes progress not yet written.
        if (status != GenerationTaskStatus.Running)
            _progress.TryRemove(task.Id, out _);
        List<NewStudioEvent> events = [new(TypeOf(status), task.OwnerId, task.ProjectId, task.Id, payload)];
        if (status == GenerationTaskStatus.Succeeded)
        {
            events.Add(new(StudioEventTypes.NodeUpdated, task.OwnerId, task.ProjectId, task.Id,
                new { nodeKind = task.TargetKind.ToString(), nodeId = task.TargetId, taskId = task.Id, taskType = task.Type.ToString() }));
            if (task.Type is GenerationTaskType.ComposeFinal or GenerationTaskType.ComposePreview)
            {
                events.Add(new(StudioEventTypes.RenderFinished, task.OwnerId, task.ProjectId, task.Id,
                    new { projectId = task.ProjectId, compositionId = task.TargetId, taskId = task.Id, final = task.Type == GenerationTaskType.ComposeFinal }));
            }
        }
        await log.AppendAsync(events, cancellationToken);
    }

    private async Task RecordProgressAsync(Guid taskId, NewStudioEvent e)
    {
        var now = clock.GetUtcNow();
        var state = _progress.GetOrAdd(taskId, _ => new ProgressState());
        lock (state)
        {
            state.Pending = e;
            if (now - state.LastWritten < options.Value.ProgressInterval)
                return;     // the flush writes the latest one when the interval is over
            state.Pending = null;
            state.LastWritten = now;
        }
        await WriteAsync([e]);
    }

    /// <summary>Writes held-back progress whose interval is over.</summary>
    internal async Task FlushAsync()
    {
        var now = clock.GetUtcNow();
        List<NewStudioEvent> due = [];
        foreach (var (taskId, state) in _progress)
        {
            lock (state)
            {
                if (state.Pending is { } pending && now - state.LastWritten >= options.Value.ProgressInterval)
                {
                    due.Add(pending);
                    state.Pending = null;
                    state.LastWritten = now;
                }
                else if (state.Pending is null && now - state.LastWritten > TimeSpan.FromMinutes(5))
                {
                    _progress.TryRemove(taskId, out _);    // a task that stopped reporting
                }
            }
        }
        if (due.Count > 0)
            await WriteAsync(due);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = options.Value.ProgressInterval / 2;
        using var timer = new PeriodicTimer(period > TimeSpan.FromMilliseconds(50) ? period : TimeSpan.FromMilliseconds(50), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Progress is news: a line the database cannot take now is dropped, never failing the task.</summary>
    private async Task WriteAsync(IReadOnlyList<NewStudioEvent> events)
    {
        try
        {
            await log.AppendAsync(events);
        }
        catch (Exception exception)
        {
            logger.LogWarning("{Count} progress events not logged: {Error}", events.Count, exception.GetBaseException().Message);
        }
    }

    private static string TypeOf(GenerationTaskStatus status) => status switch
    {
        GenerationTaskStatus.Blocked => StudioEventTypes.TaskBlocked,
        GenerationTaskStatus.Queued => StudioEventTypes.TaskQueued,
        GenerationTaskStatus.Running => StudioEventTypes.TaskStarted,
        GenerationTaskStatus.Succeeded => StudioEventTypes.TaskSucceeded,
        GenerationTaskStatus.Failed => StudioEventTypes.TaskFailed,
        GenerationTaskStatus.Cancelled => StudioEventTypes.TaskCancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>
    /// What clients see of a task. A failure carries its reason (<see cref="TaskFailureReasons"/>), never the stored
    /// error, which is for the log and admins; a retry notice loses the error it quotes.
    /// </summary>
    private static object Payload(GenerationTask task, GenerationTaskStatus status, int percent, string? message) => new
    {
        taskId = task.Id,
        projectId = task.ProjectId,
        taskType = task.Type.ToString(),
        status = status.ToString(),
        percent,
        message = status == GenerationTaskStatus.Failed ? null : Shareable(message),
        reason = status == GenerationTaskStatus.Failed ? TaskFailureReasons.Classify(message).ToString() : null,
        nodeKind = task.TargetKind.ToString(),
        nodeId = task.TargetId,
    };

    private static string? Shareable(string? message) =>
        message is not null && message.StartsWith("retry ", StringComparison.Ordinal) && message.IndexOf(": ", StringComparison.Ordinal) is > 0 and var cut
            ? message[..cut]
            : message;

    private sealed class ProgressState
    {
        public NewStudioEvent? Pending { get; set; }
        public DateTimeOffset LastWritten { get; set; } = DateTimeOffset.MinValue;
    }
}
