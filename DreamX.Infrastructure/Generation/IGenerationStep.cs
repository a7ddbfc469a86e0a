using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;

namespace DreamX.Infrastructure.Generation;

/// <summary>
/// The work of one task type (register one per <see cref="GenerationTaskType"/> with AddGenerationStep).
/// The engine claims the task, checks the result cache, retries transient <see cref="ProviderFailure"/>s,
/// applies the type's timeout, records usage and settles credits; the step only does the work.
/// </summary>
public interface IGenerationStep
{
    GenerationTaskType TaskType { get; }

    /// <summary>
    /// Which provider and model would run this task: with the inputs hash it keys the result cache. Null when each run is
    /// a new take that the cache must never answer (a creator's regenerate with the same inputs asks for a new picture or
    /// text, and the routed provider is only known once it answered).
    /// </summary>
    StepRoute? Route(GenerationTask task);

    /// <summary>Does the work; called again on a transient failure. Must stop when the context's token is cancelled.</summary>
    Task<StepResult> ExecuteAsync(GenerationStepContext context);

    /// <summary>
    /// Writes a result to the task's node (a new content version). Called for a fresh and for a cached result alike,
    /// before the task is marked succeeded; throwing fails the task with the exception's message.
    /// </summary>
    Task ApplyAsync(GenerationTask task, string resultJson, CancellationToken cancellationToken) => Task.CompletedTask;
}

public sealed record StepRoute(string Provider, string Model);

/// <summary>What a step produced: the result (JSON, stored on the task and reused by the cache) and what it used.</summary>
public sealed record StepResult(string ResultJson, ProviderUsage Usage);

/// <summary>What a step runs with: its task, a way to report progress and the token that cancel and timeout trip.</summary>
public sealed class GenerationStepContext(
    GenerationTask task, Func<int, string?, Task> report, CancellationToken cancellationToken, Func<string, string, Task<bool>>? recordRemoteJob = null)
{
    public GenerationTask Task { get; } = task;
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Progress 0-100 with a short message; reaches the task row and every watcher.</summary>
    public Task ReportAsync(int percent, string? message = null) => report(Math.Clamp(percent, 0, 99), message);

    /// <summary>
    /// Writes the provider's job id onto the task at once (before any polling), so whoever runs the task next resumes
    /// that job instead of submitting again. False when the task is no longer running (cancelled meanwhile).
    /// </summary>
    public async Task<bool> RecordRemoteJobAsync(string provider, string jobId)
    {
        if (recordRemoteJob is null || !await recordRemoteJob(provider, jobId))
            return false;
        Task.RemoteProvider = provider;
        Task.RemoteJobId = jobId;
        Task.RemoteJobSubmittedAt ??= DateTimeOffset.UtcNow;
        return true;
    }
}
