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
    EngineShutdown engine,
    IOptions<EngineOptions> options,
    ILogger<GenerationTaskRunner> logger)
{
    public async Task RunAsync(Guid taskId, TaskWorker worker, CancellationToken shutdown)
    {
        // A claim that cannot reach the database leaves the task Queued: the sweeper schedules it again.
        var task = await Database(token => ClaimAsync(taskId, worker, token), "claiming a task", shutdown);
        if (task is null)
            return;
        var claim = new Claim(task.Id, worker.InstanceId, task.Attempts);
        await PublishAsync(task, GenerationTaskStatus.Running, 0, null);

        using var lease = cancellations.Register(taskId, shutdown);
        // The heartbeat renews the claim while the step runs; when the claim is gone (cancelled, or handed to another
        // worker after an outage) it stops the step, whose result would no longer be ours to record.
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(lease.Token);
        var heartbeat = HeartbeatAsync(claim, lost);
        var clock = Stopwatch.StartNew();
        try
        {
            var step = steps.FirstOrDefault(s => s.TaskType == task.Type);
            if (step is null)
            {
                await FailAsync(task, claim, $"no generation step handles {task.Type}", clock.Elapsed);
                return;
            }
            var route = step.Route(task);
            var cached = route is null ? null : await Database(token => FindCachedResultAsync(task, route, token), "reading the result cache", lost.Token);
            var result = cached is not null
                ? new StepResult(cached, new ProviderUsage(route!.Provider, route.Model))
                : await RunStepAsync(step, task, claim, lost.Token);
            await Database(token => step.ApplyAsync(task, result.ResultJson, token), "applying a result", lost.Token);
            await SucceedAsync(task, claim, result, fromCache: cached is not null, clock.Elapsed);
        }
        catch (Exception exception) when (shutdown.IsCancellationRequested)
        {
            // This instance is stopping and the grace is over: hand the task back and say so with a cancellation, so the
            // job ends without an error and the task runs again from its start on a live instance (or after the restart).
            // Whatever the step threw on its way out (a killed ffmpeg read as bad media) is the stop's doing, not a failure.
            await ReleaseClaimAsync(claim);
            logger.LogInformation("Task {TaskId} ({Type}) stopped by the shutdown and handed back ({Error})", task.Id, task.Type, exception.GetBaseException().Message);
            if (exception is OperationCanceledException)
                throw;
            throw new OperationCanceledException("handed back on shutdown", exception, shutdown);
        }
        catch (OperationCanceledException) when (lease.Token.IsCancellationRequested)
        {
            // Cancelled by the user: the row is already Cancelled and the credits released by whoever cancelled.
            logger.LogInformation("Task {TaskId} stopped after a cancel", taskId);
            await slots.FillAsync(task.OwnerId);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested)
        {
            // The claim expired while the database was out of reach and the task went back to the queue (or was
            // cancelled meanwhile): whoever holds it now records the result; this run leaves the row alone.
            logger.LogWarning("Task {TaskId} stopped: its claim was taken back (attempt {Attempt})", taskId, claim.Attempt);
        }
        catch (Exception exception) when (engine.Stopping.IsCancellationRequested && exception is not OperationCanceledException and not TimeoutRejectedException)
        {
            // A failure while the instance stops may be the stop's own doing (a child process that caught the terminal's
            // signal, a connection closed under it): the task is handed back, not failed; a real fault shows again on
            // the next run, which records it.
            logger.LogWarning("Task {TaskId} ({Type}) handed back: it failed while this instance was stopping: {Error}", task.Id, task.Type, exception.GetBaseException().Message);
            await ReleaseClaimAsync(claim);
        }
        catch (TimeoutRejectedException)
        {
            await FailAsync(task, claim, $"timed out after {options.Value.TimeoutFor(task.Type).TotalSeconds:0} s", clock.Elapsed);
        }
        catch (ProviderFailure failure)
        {
            await FailAsync(task, claim, $"{failure.Provider}: {failure.Message}", clock.Elapsed);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            // The database stayed away longer than the retries: the task is not at fault, so it is not failed. Its
            // claim goes back to the queue when it can; otherwise its lease runs out and the sweeper re-queues it.
            logger.LogWarning("Task {TaskId} ({Type}) handed back after a database outage: {Error}", task.Id, task.Type, exception.GetBaseException().Message);
            await ReleaseClaimAsync(claim);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Task {TaskId} ({Type}) failed", task.Id, task.Type);
            await FailAsync(task, claim, exception.Message, clock.Elapsed);
        }
        finally
        {
            await lost.CancelAsync();
            await heartbeat;
        }
    }

    /// <summary>Who holds a running task: the worker and the attempt its claim counted (a later claim has a higher one).</summary>
    private sealed record Claim(Guid TaskId, string WorkerId, int Attempt);

    private static IQueryable<GenerationTask> Held(IQueryable<GenerationTask> tasks, Claim claim) =>
        tasks.Where(t => t.Id == claim.TaskId && t.Status == GenerationTaskStatus.Running && t.WorkerId == claim.WorkerId && t.Attempts == claim.Attempt);

    private Task<T> Database<T>(Func<CancellationToken, Task<T>> action, string what, CancellationToken cancellationToken) =>
        DatabaseFaults.RetryAsync(action, options.Value.DatabaseRetryWindow, logger, what, cancellationToken);

    private Task Database(Func<CancellationToken, Task> action, string what, CancellationToken cancellationToken) =>
        DatabaseFaults.RetryAsync(action, options.Value.DatabaseRetryWindow, logger, what, cancellationToken);

    /// <summary>
    /// Renews the claim's lease every third of <see cref="EngineOptions.LeaseDuration"/> until <paramref name="run"/>
    /// ends. A renewal that finds the claim gone cancels the run; one that cannot reach the database is tried again
    /// at the next beat (the lease covers two missed beats).
    /// </summary>
    private async Task HeartbeatAsync(Claim claim, CancellationTokenSource run)
    {
        var lease = options.Value.LeaseDuration;
        using var timer = new PeriodicTimer(lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(run.Token))
            {
                try
                {
                    await using var db = await contexts.CreateDbContextAsync(run.Token);
                    // The database's clock, as in the claim and the sweeper: instances' clocks may differ.
                    var renewed = await db.Database.ExecuteSqlInterpolatedAsync($"""
                        UPDATE generation_tasks SET lease_expires_at = clock_timestamp() + make_interval(secs => {lease.TotalSeconds})
                        WHERE id = {claim.TaskId} AND status = 'Running' AND worker_id = {claim.WorkerId} AND attempts = {claim.Attempt}
                        """, run.Token);
                    if (renewed == 0)
                    {
                        await run.CancelAsync();
                        return;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // Whatever the failure (an outage, a broken connection), the heartbeat goes on: one that died here
                    // would let the lease run out under a live run and the task run twice.
                    logger.LogWarning("Task {TaskId}: the lease could not be renewed: {Error}", claim.TaskId, exception.GetBaseException().Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The run ended.
        }
    }

    /// <summary>
    /// Takes the task for this worker in one conditional UPDATE, so two schedulers never both run it, and returns the
    /// claimed row (null when it was not taken). A task still Running is taken over when its claim's lease has run out
    /// or its worker is no longer a live member of the Quartz cluster (Quartz deletes a dead instance's row from
    /// qrtz_scheduler_state when it recovers that instance's jobs, which is what re-fires us).
    /// The owner's parallel-task cap is checked in the same statement under a per-owner advisory lock, so two
    /// instances claiming at once cannot both take the last slot; a task over the cap stays Queued for <see cref="TaskSlots"/>.
    /// </summary>
    private async Task<GenerationTask?> ClaimAsync(Guid taskId, TaskWorker worker, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var owner = await db.GenerationTasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => t.OwnerId).FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
            return null;
        var limit = await slots.LimitOfAsync(db, owner, cancellationToken);
        var lease = options.Value.LeaseDuration.TotalSeconds;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext({owner}))", cancellationToken);
        var claimed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE generation_tasks
            SET status = 'Running', worker_id = {worker.InstanceId}, started_at = clock_timestamp(), attempts = attempts + 1,
                lease_expires_at = clock_timestamp() + make_interval(secs => {lease}),
                progress = 0, progress_message = NULL, error = NULL
            WHERE id = {taskId}
              AND (status = 'Queued'
                   OR (status = 'Running' AND (worker_id IS NULL OR lease_expires_at < clock_timestamp() OR worker_id NOT IN (
                         SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = {worker.SchedulerName}))))
              AND (SELECT count(*) FROM generation_tasks r
                   WHERE r.owner_id = {owner} AND r.status = 'Running' AND r.id <> {taskId}) < {limit}
            """, cancellationToken);
        var task = claimed == 1 ? await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == taskId, cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);
        return task;
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

    private async Task<StepResult> RunStepAsync(IGenerationStep step, GenerationTask task, Claim claim, CancellationToken cancellationToken)
    {
        var pipeline = Pipeline(task, claim);
        return await pipeline.ExecuteAsync(
            async token => await step.ExecuteAsync(new GenerationStepContext(task, (percent, message) => ReportAsync(task, claim, percent, message), token,
                (provider, jobId) => RecordRemoteJobAsync(claim, provider, jobId))),
            cancellationToken);
    }

    /// <summary>The whole task's timeout around retries of transient provider failures (exponential backoff with jitter).</summary>
    private ResiliencePipeline<StepResult> Pipeline(GenerationTask task, Claim claim)
    {
        var builder = new ResiliencePipelineBuilder<StepResult>().AddTimeout(options.Value.TimeoutFor(task.Type));
        if (task.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<StepResult>
            {
                // A step that reads or writes the database during an outage is retried like a busy provider.
                ShouldHandle = new PredicateBuilder<StepResult>().Handle<ProviderFailure>(f => f.IsTransient).Handle<Exception>(DatabaseFaults.IsTransient),
                MaxRetryAttempts = task.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.Value.RetryBaseDelay,
                // A provider that says when to come back (HTTP Retry-After) is obeyed instead of the computed delay.
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Exception is ProviderFailure { RetryAfter: { } after } ? (TimeSpan?)after : null),
                OnRetry = args => new ValueTask(ReportAsync(task, claim, 0,
                    $"retry {args.AttemptNumber + 1} in {args.RetryDelay.TotalSeconds:0.#} s: {args.Outcome.Exception?.Message}")),
            });
        }
        return builder.Build();
    }

    /// <summary>
    /// Records a provider's job on the task the moment it exists, through a database outage (retried) and even while
    /// this instance shuts down: a job not written down would be submitted (and paid) again by the next run. Only a task
    /// still running takes it; a cancelled one answers false and the caller cancels the job.
    /// </summary>
    private Task<bool> RecordRemoteJobAsync(Claim claim, string provider, string jobId) =>
        Database(async token =>
        {
            await using var db = await contexts.CreateDbContextAsync(token);
            var now = DateTimeOffset.UtcNow;
            var recorded = await db.GenerationTasks
                .Where(t => t.Id == claim.TaskId && t.Status == GenerationTaskStatus.Running && (t.RemoteJobId == null || t.RemoteJobId == jobId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.RemoteProvider, provider)
                    .SetProperty(t => t.RemoteJobId, jobId)
                    .SetProperty(t => t.RemoteJobSubmittedAt, t => t.RemoteJobSubmittedAt ?? now), token);
            return recorded == 1;
        }, "recording a provider's job", CancellationToken.None);

    /// <summary>Progress is news, not state: a report the database cannot take now is dropped, never failing the step.</summary>
    private async Task ReportAsync(GenerationTask task, Claim claim, int percent, string? message)
    {
        message = message is { Length: > 300 } ? message[..300] : message;
        try
        {
            await using var db = await contexts.CreateDbContextAsync();
            var updated = await Held(db.GenerationTasks, claim)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Progress, percent).SetProperty(t => t.ProgressMessage, message));
            if (updated == 1)
                await events.PublishAsync(task, GenerationTaskStatus.Running, percent, message);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            logger.LogWarning("Task {TaskId}: progress {Percent} % not recorded: {Error}", task.Id, percent, exception.GetBaseException().Message);
        }
    }

    /// <summary>Publishes a change of state, retried through an outage; one that still cannot be told is logged (the row is the truth).</summary>
    private async Task PublishAsync(GenerationTask task, GenerationTaskStatus status, int percent, string? message)
    {
        try
        {
            await Database(token => events.PublishAsync(task, status, percent, message, token), "publishing a task's state", CancellationToken.None);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            logger.LogWarning("Task {TaskId}: the {Status} event was not published: {Error}", task.Id, status, exception.GetBaseException().Message);
        }
    }

    private async Task SucceedAsync(GenerationTask task, Claim claim, StepResult result, bool fromCache, TimeSpan elapsed)
    {
        // A cached answer costs nothing to make, so it is not charged.
        var charge = fromCache ? 0 : task.CreditsReserved;
        // The status and the charge commit together; no row means the task was cancelled while it ran (the cancel released the credits).
        // Retried as a whole: the move is conditional on our claim, so a commit whose answer was lost moves nothing the second time.
        var moved = await Database(token => settlement.ConsumeAsync(task.Id, charge, (tasks, ct) => Held(tasks, claim)
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
                .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(t => t.FinishedAt, DateTimeOffset.UtcNow), ct), token), "recording a result", CancellationToken.None);
        if (!moved)
            return;
        await PublishAsync(task, GenerationTaskStatus.Succeeded, 100, fromCache ? "from cache" : null);
        await AfterwardsAsync(task);
    }

    private async Task FailAsync(GenerationTask task, Claim claim, string error, TimeSpan elapsed)
    {
        error = TaskDependencies.Limit(error);
        var moved = await Database(token => settlement.ReleaseAsync(task.Id, "task failed", (tasks, ct) => Held(tasks, claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, GenerationTaskStatus.Failed)
                .SetProperty(t => t.Error, error)
                .SetProperty(t => t.DurationMs, (long)elapsed.TotalMilliseconds)
                .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(t => t.FinishedAt, DateTimeOffset.UtcNow), ct), token), "recording a failure", CancellationToken.None);
        if (!moved)
            return;
        await PublishAsync(task, GenerationTaskStatus.Failed, 0, error);
        await AfterwardsAsync(task);
    }

    /// <summary>Moves on what waited for the task and fills the owner's free slots; the sweeper repeats both if the database is away.</summary>
    private async Task AfterwardsAsync(GenerationTask task)
    {
        try
        {
            await Database(token => dependencies.SettleDependentsAsync(task.Id, token), "settling dependent tasks", CancellationToken.None);
            await Database(token => slots.FillAsync(task.OwnerId, token), "filling free slots", CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The task itself is settled: a database away or a scheduler shutting down (SIGTERM) only delays what
            // follows, so this is not the task's failure and is not logged as one.
            logger.LogWarning("Task {TaskId} is settled; the tasks after it wait for the sweeper: {Error}", task.Id, exception.GetBaseException().Message);
        }
    }

    /// <summary>Puts a claimed task back in the queue (this instance stops, or the database stayed away); the lease covers a failure here.</summary>
    private async Task ReleaseClaimAsync(Claim claim)
    {
        // A stopping instance does not wait out a whole outage to hand a task back: its supervisor would kill it first.
        var window = engine.Stopping.IsCancellationRequested ? TimeSpan.FromSeconds(5) : options.Value.DatabaseRetryWindow;
        try
        {
            await DatabaseFaults.RetryAsync(async token =>
            {
                await using var db = await contexts.CreateDbContextAsync(token);
                await Held(db.GenerationTasks, claim).ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.Status, GenerationTaskStatus.Queued)
                    .SetProperty(t => t.WorkerId, (string?)null)
                    .SetProperty(t => t.LeaseExpiresAt, (DateTimeOffset?)null), token);
            }, window, logger, "handing a task back", CancellationToken.None);
        }
        catch (Exception exception) when (DatabaseFaults.IsTransient(exception))
        {
            logger.LogWarning("Task {TaskId} could not be handed back; its lease runs out instead: {Error}", claim.TaskId, exception.GetBaseException().Message);
        }
    }
}
