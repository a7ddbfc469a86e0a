using DreamX.Domain.Common;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production;

namespace DreamX.Web.Hosting;

/// <summary>
/// Every generation request a circuit makes (Generate and Regenerate on the canvas, the production board and the
/// project page, "Translate to…", Retry on the task list) goes through here: the same services the API calls, within
/// the user's <see cref="RateLimitOptions.Generate"/> limit. The limit is asked only for a request that would queue new
/// work, inside the project's gate after the repeat rule: the late clicks of a burst, answered with the task the first
/// one queued, cost nothing. A refused request queues and holds nothing; its error is
/// <see cref="StageProduction.TooManyRequests"/> with the seconds to wait as its one argument, which every caller words
/// from its own text ("Blocker.…" or "Error.…", the same sentence everywhere).
/// </summary>
/// <remarks>The API is limited by its own policies (per token, and "Spending" for what costs credits), not by this.</remarks>
public sealed class CircuitGeneration(StageProduction production, IGenerationTasks tasks, StudioRateLimits limits)
{
    /// <inheritdoc cref="StageProduction.GenerateAsync(string, Guid, ProductionStep, Guid?, CancellationToken)"/>
    public async Task<Result<IReadOnlyList<GenerationTask>>> GenerateAsync(
        string userId, Guid projectId, ProductionStep step, Guid? nodeId = null, CancellationToken ct = default)
    {
        var gate = new Gate(limits, userId);
        var queued = await production.GenerateAsync(userId, projectId, step, nodeId, gate.Admit, ct);
        return gate.Refused is { } refused && queued.Error == StageProduction.TooManyRequests
            ? Refusal<IReadOnlyList<GenerationTask>>(refused)
            : queued;
    }

    /// <inheritdoc cref="StageProduction.TranslateAsync(string, Guid, string, CancellationToken)"/>
    public async Task<Result<GenerationTask>> TranslateAsync(string userId, Guid episodeId, string language, CancellationToken ct = default)
    {
        var gate = new Gate(limits, userId);
        var queued = await production.TranslateAsync(userId, episodeId, language, gate.Admit, ct);
        return gate.Refused is { } refused && queued.Error == StageProduction.TooManyRequests
            ? Refusal<GenerationTask>(refused)
            : queued;
    }

    /// <summary>Retry of a failed or cancelled task: always a fresh task, so every retry counts.</summary>
    public async Task<Result<GenerationTask>> RetryAsync(Guid taskId, string userId, CancellationToken ct = default)
    {
        var decision = limits.TryAcquire(StudioRateLimits.Generate, userId);
        if (!decision.Allowed)
            return Refusal<GenerationTask>(decision);
        return await tasks.RetryAsync(taskId, userId, ct);
    }

    private static Result<T> Refusal<T>(RateLimitDecision refused) => Result.Failure<T>(StageProduction.TooManyRequests, refused.RetryAfterSeconds);

    /// <summary>One request's admission: takes a permit when asked; remembers the wait when there is none.</summary>
    private sealed class Gate(StudioRateLimits limits, string userId)
    {
        public RateLimitDecision? Refused { get; private set; }

        public bool Admit()
        {
            var decision = limits.TryAcquire(StudioRateLimits.Generate, userId);
            Refused = decision.Allowed ? null : decision;
            return decision.Allowed;
        }
    }
}
