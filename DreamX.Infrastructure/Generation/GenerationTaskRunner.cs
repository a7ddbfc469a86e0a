using System.Diagnostics;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DreamX.Infrastructure.Generation;

/// <summary>Where a run happens: the scheduler instance (its id is the task's worker id) and its cluster.</summary>
public sealed record TaskWorker(string InstanceId, string SchedulerName);

/// <summary>
/// Runs one task: claims it, answers from the result cache or calls its step (retries, timeout, cancel),
/// records what was used, settles the credits and moves on the tasks that waited on it.
/// </summary>
public sealed class GenerationTaskRunner(
    IDbContextFactory<DreamXDbContext> contexts,
    IEnumerable<IGenerationStep> steps,
    TaskSettlement settlement,
    TaskDependencies dependencies,
    TaskSlots slots,
    TaskCancellations cancellations,
    TaskEvents events,
    IOptions<EngineOptions> options,
    ILogger<GenerationTaskRunner> logger)
{
    public async Task RunAsync(Guid taskId, TaskWorker worker, CancellationToken shutdown)
    {
        if (!await ClaimAsync(taskId, worker, shutdown))
            return;

        GenerationTask task;
        await using (var db = await contexts.CreateDbContextAsync(shutdown))
            task = await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == taskId, shutdown);
        await events.PublishAsync(task, GenerationTaskStatus.Running, 0, null, shutdown);

        using var lease = cancellations.Register(taskId, shutdown);
        var clock = Stopwatch.StartNew();
        try
        {
            var step = steps.FirstOrDefault(s => s.TaskType == task.Type);
            if (step is null)
            {
                await FailAsync(task, worker, $"no generation step handles {task.Type}", clock.Elapsed);
                return;
            }
            var route = step.Route(task);
            var cached = await FindCachedResultAsync(task, route, lease.Token);
            var result = cached is not null
                ? new StepResult(cached, new ProviderUsage(route.Provider, route.Model))
                : await RunStepAsync(step, task, worker, lease.Token);
            await step.ApplyAsync(task, result.ResultJson, lease.Token);
            await SucceedAsync(task, worker, result, fromCache: cached is not null, clock.Elapsed);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // This instance is stopping: hand the task back and rethrow, so Quartz stores a recovery firing
            // (RecoverFiringsCancelledByShutdown) and the task runs again from its start on a live instance.
            await ReleaseClaimAsync(task, worker);
            throw;
        }
        catch (OperationCanceledException) when (lease.Token.IsCancellationRequested)
        {
            // Cancelled by the user: the row is already Cancelled and the credits released by whoever cancelled.
            logger.LogInformation("Task {TaskId} stopped after a cancel", taskId);
            await slots.FillAsync(task.OwnerId);
        }
        catch (TimeoutRejectedException)
        {
            await FailAsync(task, worker, $"timed out after {options.Value.TimeoutFor(task.Type).TotalSeconds:0} s", clock.Elapsed);
        }
        catch (ProviderFailure failure)
        {
            await FailAsync(task, worker, $"{failure.Provider}: {failure.Message}", clock.Elapsed);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Task {TaskId} ({Type}) failed", task.Id, task.Type);
            await FailAsync(task, worker, exception.Message, clock.Elapsed);
        }
    }

    /// <summary>
    /// Takes the task for this worker in one conditional UPDATE, so two schedulers never both run it. A task still
    /// Running is taken over only when its worker is no longer a live member of the Quartz cluster: Quartz deletes a
    /// dead instance's row from qrtz_scheduler_state when it recovers that instance's jobs, which is what re-fires us.
    /// The owner's parallel-task cap is checked in the same statement under a per-owner advisory lock, so two
    /// instances claiming at once cannot both take the last slot; a task over the cap stays Queued for <see cref="TaskSlots"/>.
    /// </summary>
    private async Task<bool> ClaimAsync(Guid taskId, TaskWorker worker, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = await db.GenerationTasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.OwnerId).FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
            return false;
        var limit = await slots.LimitOfAsync(db, owner, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext({owner}))", cancellationToken);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE generation_tasks
            SET status = 'Running', worker_id = {worker.InstanceId}, started_at = clock_timestamp(), attempts = attempts + 1,
                progress = 0, progress_message = NULL, error = NULL
            WHERE id = {taskId}
              AND (status = 'Queued'
                   OR (status = 'Running' AND (worker_id IS NULL OR worker_id NOT IN (
                         SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = {worker.SchedulerName}))))
              AND (SELECT count(*) FROM generation_tasks r
                   WHERE r.owner_id = {owner} AND r.status = 'Running' AND r.id <> {taskId}) < {limit}
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed == 1;
    }

    private async Task<string?> FindCachedResultAsync(GenerationTask task, StepRoute route, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.GenerationTasks.AsNoTracking()
            .Where(t => t.Status == GenerationTaskStatus.Succeeded && t.InputsHash == task.InputsHash
                        && t.Provider == route.Provider && t.Model == route.Model && t.ResultJson != null)
            .OrderByDescending(t => t.FinishedAt)
            .Select(t => t.ResultJson)
            .FirstOrDefaultAsync(cancellationToken);
    }

    private async Task<StepResult> RunStepAsync(IGenerationStep step, GenerationTask task, TaskWorker worker, CancellationToken cancellationToken)
    {
        var pipeline = Pipeline(task, worker);
        return await pipeline.ExecuteAsync(
            async token => await step.ExecuteAsync(new GenerationStepContext(task, (percent, message) => ReportAsync(task, worker, percent, message), token)),
            cancellationToken);
    }

    /// <summary>The whole task's timeout around retries of transient provider failures (exponential backoff with jitter).</summary>
    private ResiliencePipeline<StepResult> Pipeline(GenerationTask task, TaskWorker worker)
    {
        var builder = new ResiliencePipelineBuilder<StepResult>().AddTimeout(options.Value.TimeoutFor(task.Type));
        if (task.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<StepResult>
            {
                ShouldHandle = new PredicateBuilder<StepResult>().Handle<ProviderFailure>(f => f.IsTransient),
                MaxRetryAttempts = task.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Value.RetryBaseDelay,
                // A provider that says when to come back (HTTP Retry-After) is obeyed instead of the computed delay.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ProviderFailure { RetryAfter: { } after } ? (TimeSpan?)after : null),
                OnRetry = args => new ValueTask(ReportAsync(task, worker, 0,
                    $"retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalSeconds:0.#} s: {args.Outcome.Exception?.Message}")),
            });
        }
        return builder.Build();
    }

    private async Task ReportAsync(GenerationTask task, TaskWorker worker, int percent, string? message)
    {
        message = message is { Length: > 300 } ? message[..300] : message;
        await using var db = await contexts.CreateDbContextAsync();
        var updated = await db.GenerationTasks
            .Where(t => t.Id == task.Id && t.Status == GenerationTaskStatus.Running && t.WorkerId == worker.InstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Progress, percent).SetProperty(t => t.ProgressMessage, message));
        if (updated == 1)
            await events.PublishAsync(task, GenerationTaskStatus.Running, percent, message);
    }

    private async Task SucceedAsync(GenerationTask task, TaskWorker worker, StepResult result, bool fromCache, TimeSpan elapsed)
    {
        // A cached answer costs nothing to make, so it is not charged.
        var charge = fromCache ? 0 : task.CreditsReserved;
        // The status and the charge commit together; no row means the task was cancelled while it ran (the cancel released the credits).
        var moved = await settlement.ConsumeAsync(task.Id, charge, (tasks, ct) => tasks
            .Where(t => t.Id == task.Id && t.Status == GenerationTaskStatus.Running && t.WorkerId == worker.InstanceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, GenerationTaskStatus.Succeeded)
                .SetProperty(t => t.Progress, 100)
                .SetProperty(t => t.ProgressMessage, (string?)null)
                .SetProperty(t => t.ResultJson, result.ResultJson)
                .SetProperty(t => t.FromCache, fromCache)
                .SetProperty(t => t.Provider, result.Usage.Provider)
                .SetProperty(t => t.Model, result.Usage.Model)
                .SetProperty(t => t.ProviderFallback, result.Usage.IsFallback)
                .SetProperty(t => t.TokensIn, fromCache ? 0 : result.Usage.TokensIn)
                .SetProperty(t => t.TokensOut, fromCache ? 0 : result.Usage.TokensOut)
                .SetProperty(t => t.ProviderCost, fromCache ? 0m : result.Usage.Cost)
                .SetProperty(t => t.DurationMs, (long)elapsed.TotalMilliseconds)
                .SetProperty(t => t.CreditsCharged, charge)
                .SetProperty(t => t.FinishedAt, DateTimeOffset.UtcNow), ct));
        if (!moved)
            return;
        await events.PublishAsync(task, GenerationTaskStatus.Succeeded, 100, fromCache ? "from cache" : null);
        await dependencies.SettleDependentsAsync(task.Id);
        await slots.FillAsync(task.OwnerId);
    }

    private async Task FailAsync(GenerationTask task, TaskWorker worker, string error, TimeSpan elapsed)
    {
        error = TaskDependencies.Limit(error);
        var moved = await settlement.ReleaseAsync(task.Id, "task failed", (tasks, ct) => tasks
            .Where(t => t.Id == task.Id && t.Status == GenerationTaskStatus.Running && t.WorkerId == worker.InstanceId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, GenerationTaskStatus.Failed)
                .SetProperty(t => t.Error, error)
                .SetProperty(t => t.DurationMs, (long)elapsed.TotalMilliseconds)
                .SetProperty(t => t.FinishedAt, DateTimeOffset.UtcNow), ct));
        if (!moved)
            return;
        await events.PublishAsync(task, GenerationTaskStatus.Failed, 0, error);
        await dependencies.SettleDependentsAsync(task.Id);
        await slots.FillAsync(task.OwnerId);
    }

    private async Task ReleaseClaimAsync(GenerationTask task, TaskWorker worker)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.GenerationTasks
            .Where(t => t.Id == task.Id && t.Status == GenerationTaskStatus.Running && t.WorkerId == worker.InstanceId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, GenerationTaskStatus.Queued).SetProperty(t => t.WorkerId, (string?)null));
    }
}
