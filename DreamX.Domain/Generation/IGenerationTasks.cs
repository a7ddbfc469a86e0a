using DreamX.Domain.Canvas;
using DreamX.Domain.Common;

namespace DreamX.Domain.Generation;

/// <summary>What to generate: one task on one canvas node, optionally after other tasks.</summary>
public sealed record TaskRequest(
    Guid ProjectId,
    string OwnerId,
    GenerationTaskType Type,
    NodeKind TargetKind,
    Guid TargetId,
    string? InputJson = null,
    GenerationQuality Quality = GenerationQuality.Standard)
{
    /// <summary>Tasks that must succeed before this one runs.</summary>
    public IReadOnlyList<Guid> DependsOn { get; init; } = [];

    public Guid? ParentTaskId { get; init; }

    /// <summary>How many units of the type's price the task costs (seconds of clip for a video); 1 for most types.</summary>
    public int PriceUnits { get; init; } = 1;
}

/// <summary>The tasks a fan-out queued: one per item, and the aggregate that waits on all of them (if asked for).</summary>
public sealed record FanOut(IReadOnlyList<GenerationTask> Children, GenerationTask? Aggregate);

/// <summary>A task center query: a user's tasks, newest first.</summary>
public sealed record TaskQuery(string OwnerId, GenerationTaskStatus? Status = null, Guid? ProjectId = null, int Page = 0, int PageSize = 20);

public sealed record TaskPage(IReadOnlyList<GenerationTask> Items, int Total);

/// <summary>
/// Port: queue, cancel, retry and list generation tasks. Queuing reserves the task's price first;
/// without enough credits nothing is queued (<c>credits.insufficient</c>).
/// </summary>
public interface IGenerationTasks
{
    Task<Result<GenerationTask>> QueueAsync(TaskRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// One task per item and, when <paramref name="aggregate"/> is given, a last task that waits on all of them.
    /// All or nothing: when one cannot be queued (credits), the ones already queued are cancelled.
    /// </summary>
    Task<Result<FanOut>> QueueFanOutAsync(IReadOnlyList<TaskRequest> items, TaskRequest? aggregate = null, CancellationToken cancellationToken = default);

    /// <summary>Stops a task that is not finished: its state, its credits and, when running, its provider call.</summary>
    Task<Result> CancelAsync(Guid taskId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Queues a failed or cancelled task again as a fresh attempt (a new task with the same inputs).</summary>
    Task<Result<GenerationTask>> RetryAsync(Guid taskId, string userId, CancellationToken cancellationToken = default);

    Task<GenerationTask?> FindAsync(Guid taskId, CancellationToken cancellationToken = default);

    Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken = default);
}
