namespace DreamX.Domain.Events;

/// <summary>The names of the events clients see (SSE <c>event:</c> and webhook <c>type</c>).</summary>
public static class StudioEventTypes
{
    public const string ProjectCreated = "project.created";
    public const string TaskBlocked = "task.blocked";
    public const string TaskQueued = "task.queued";
    public const string TaskStarted = "task.started";
    public const string TaskProgress = "task.progress";
    public const string TaskSucceeded = "task.succeeded";
    public const string TaskFailed = "task.failed";
    public const string TaskCancelled = "task.cancelled";

    /// <summary>A task made (or remade) a node's content; nodes under it may be new: re-read the graph.</summary>
    public const string NodeUpdated = "node.updated";

    /// <summary>A composition finished rendering (preview or final episode).</summary>
    public const string RenderFinished = "render.finished";

    /// <summary>Sent only to one webhook endpoint when its owner asks for a test.</summary>
    public const string Ping = "ping";

    /// <summary>What a webhook endpoint may subscribe to (progress and queueing are too chatty for webhooks).</summary>
    public static readonly IReadOnlyList<string> Webhookable =
    [
        ProjectCreated, TaskSucceeded, TaskFailed, TaskCancelled, NodeUpdated, RenderFinished,
    ];

    public static bool IsWebhookable(string type) => Webhookable.Contains(type, StringComparer.Ordinal);
}
