using DreamX.Domain.Canvas;
using DreamX.Domain.Common;

namespace DreamX.Domain.Generation;

/// <summary>One unit of generation work, executed by a job; the row is the source of truth for its state.</summary>
public sealed class GenerationTask : Entity
{
    public Guid ProjectId { get; init; }
    public string OwnerId { get; init; } = "";
    public GenerationTaskType Type { get; init; }
    public GenerationQuality Quality { get; init; }
    public NodeKind TargetKind { get; init; }
    public Guid TargetId { get; init; }

    /// <summary>Hash of everything the result depends on; with provider and model it keys the result cache.</summary>
    public string InputsHash { get; set; } = "";

    public GenerationTaskStatus Status { get; set; } = GenerationTaskStatus.Queued;
    public int Progress { get; set; }
    public string? ProgressMessage { get; set; }
    public int Attempts { get; set; }
    public int MaxAttempts { get; set; } = 3;
    public string? Error { get; set; }

    public string? Provider { get; set; }
    public string? Model { get; set; }

    /// <summary>The built-in provider stood in for a configured one that failed ("built-in fallback").</summary>
    public bool ProviderFallback { get; set; }
    public int TokensIn { get; set; }
    public int TokensOut { get; set; }
    public long? DurationMs { get; set; }
    public decimal ProviderCost { get; set; }

    public int CreditsReserved { get; set; }
    public int CreditsCharged { get; set; }

    /// <summary>The task's inputs (jsonb), e.g. which shot field to regenerate.</summary>
    public string? InputJson { get; set; }

    /// <summary>The result (jsonb) reused by later tasks with the same inputs hash, provider and model.</summary>
    public string? ResultJson { get; set; }

    public bool FromCache { get; set; }
    public Guid? ParentTaskId { get; init; }
    public string? WorkerId { get; set; }

    /// <summary>
    /// Until when the worker's claim holds: the running worker renews it (its heartbeat); once it has passed, the
    /// sweeper hands the task back to the queue, whatever became of the worker.
    /// </summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>
    /// The provider-side job of an asynchronous provider (video): recorded as soon as the provider returns it, so a run
    /// that resumes the task (after a crash, a restart, another instance's takeover) polls that job and never submits again.
    /// </summary>
    public string? RemoteProvider { get; set; }
    public string? RemoteJobId { get; set; }
    public DateTimeOffset? RemoteJobSubmittedAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public uint RowVersion { get; set; }

    public List<TaskDependency> DependsOn { get; set; } = [];

    public bool IsFinished => Status is GenerationTaskStatus.Succeeded or GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled;
}

/// <summary>A task waits (Blocked) until the task it depends on has succeeded.</summary>
public sealed class TaskDependency
{
    public Guid TaskId { get; init; }
    public Guid DependsOnTaskId { get; init; }
}
