using DreamX.Infrastructure.Audit;
using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Generation;

/// <summary>Queues, cancels, retries and lists generation tasks (the UI and the API call this).</summary>
public sealed class GenerationTasks(
    IDbContextFactory<DreamXDbContext> contexts,
    ICreditLedger ledger,
    TaskSettlement settlement,
    ITaskJobScheduler scheduler,
    TaskDependencies dependencies,
    TaskSlots slots,
    TaskNotifications notifications,
    TaskCancellations cancellations,
    TaskEvents events,
    IEnumerable<IRemoteJobCanceller> remoteJobs) : IGenerationTasks
{
    public const string NotFound = "tasks.not_found";
    public const string NotFinished = "tasks.not_finished";
    public const string AlreadyFinished = "tasks.already_finished";
    public const string UnknownDependency = "tasks.unknown_dependency";

    public async Task<Result<GenerationTask>> QueueAsync(TaskRequest request, CancellationToken cancellationToken = default)
    {
        var queued = await QueueManyAsync([request], cancellationToken);
        return queued.IsSuccess ? queued.Value[0] : Result.Failure<GenerationTask>(queued.Error!);
    }

    public async Task<Result<FanOut>> QueueFanOutAsync(IReadOnlyList<TaskRequest> items, TaskRequest? aggregate = null, CancellationToken cancellationToken = default)
    {
        var children = await QueueManyAsync(items, cancellationToken);
        if (children.IsFailure)
            return Result.Failure<FanOut>(children.Error!);
        if (aggregate is null)
            return new FanOut(children.Value, null);

        var last = await QueueAsync(aggregate with { DependsOn = [.. aggregate.DependsOn, .. children.Value.Select(c => c.Id)] }, cancellationToken);
        if (last.IsFailure)
        {
            foreach (var child in children.Value)
                await CancelAsync(child.Id, child.OwnerId, cancellationToken);
            return Result.Failure<FanOut>(last.Error!);
        }
        return new FanOut(children.Value, last.Value);
    }

    /// <summary>
    /// All or nothing: every task's price is reserved first (a refusal gives back what was held and queues nothing),
    /// then the rows are written in one transaction and the jobs scheduled in one Quartz call.
    /// </summary>
    private async Task<Result<IReadOnlyList<GenerationTask>>> QueueManyAsync(IReadOnlyList<TaskRequest> requests, CancellationToken cancellationToken)
    {
        // The owner named in a request is checked, not trusted: it must be the acting user, and the project theirs.
        if (requests.Any(r => !ActorGate.MayActFor(r.OwnerId)))
            return Result.Failure<IReadOnlyList<GenerationTask>>(NotFound);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var projectIds = requests.Select(r => r.ProjectId).Distinct().ToList();
        var projectOwners = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.OwnerId, cancellationToken);
        if (requests.Any(r => projectOwners.GetValueOrDefault(r.ProjectId) != r.OwnerId))
            return Result.Failure<IReadOnlyList<GenerationTask>>(NotFound);
        var dependencyIds = requests.SelectMany(r => r.DependsOn).Distinct().ToList();
        var owners = dependencyIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.GenerationTasks.AsNoTracking().Where(t => dependencyIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.OwnerId, cancellationToken);
        if (requests.Any(r => r.DependsOn.Any(d => owners.GetValueOrDefault(d) != r.OwnerId)))
            return Result.Failure<IReadOnlyList<GenerationTask>>(UnknownDependency);

        var prices = new Dictionary<(GenerationTaskType, GenerationQuality), int>();
        var tasks = new List<GenerationTask>(requests.Count);
        foreach (var request in requests)
        {
            if (!prices.TryGetValue((request.Type, request.Quality), out var price))
                prices[(request.Type, request.Quality)] = price = await PriceAsync(db, request.Type, request.Quality, cancellationToken);
            tasks.Add(NewTask(request, price));
        }

        var (budget, budgetLock) = await ProjectBudgets.CheckAsync(db, tasks, cancellationToken);
        if (budget.IsFailure)
            return Result.Failure<IReadOnlyList<GenerationTask>>(budget.Error!);
        await using var _ = budgetLock;

        // Credits first: a task that cannot be paid for is never written, let alone scheduled.
        var held = new List<GenerationTask>();
        foreach (var task in tasks.Where(t => t.CreditsReserved > 0))
        {
            var reserved = await ledger.ReserveForTaskAsync(task.OwnerId, task.Id, task.ProjectId, task.CreditsReserved, cancellationToken);
            if (reserved.IsFailure)
            {
                await ReleaseAsync(held, "not queued");
                return Result.Failure<IReadOnlyList<GenerationTask>>(reserved.Error!);
            }
            held.Add(task);
        }

        try
        {
            db.GenerationTasks.AddRange(tasks);
            await db.SaveChangesAsync(cancellationToken);
            if (budgetLock is not null)
                await budgetLock.CommitAsync(cancellationToken);
        }
        catch
        {
            await ReleaseAsync(held, "task not saved");
            throw;
        }

        // Told before scheduled: a quick job could otherwise finish first and its node be marked queued after it was ready.
        foreach (var task in tasks)
            await events.PublishAsync(task, task.Status, 0, null, cancellationToken);
        await scheduler.ScheduleNewAsync(tasks.Where(t => t.Status == GenerationTaskStatus.Queued).Select(t => t.Id).ToList(), cancellationToken);
        // A dependency may have finished before these tasks were saved: settle them now rather than wait forever.
        foreach (var task in tasks.Where(t => t.Status == GenerationTaskStatus.Blocked))
            await dependencies.SettleAsync(task.Id, cancellationToken);
        return tasks;
    }

    private static GenerationTask NewTask(TaskRequest request, int price)
    {
        var dependsOn = request.DependsOn.Distinct().ToList();
        var task = new GenerationTask
        {
            ProjectId = request.ProjectId,
            OwnerId = request.OwnerId,
            Type = request.Type,
            Quality = request.Quality,
            TargetKind = request.TargetKind,
            TargetId = request.TargetId,
            InputJson = request.InputJson,
            InputsHash = InputsHash.Of(request.Type, request.Quality, request.InputJson),
            ParentTaskId = request.ParentTaskId,
            Status = dependsOn.Count == 0 ? GenerationTaskStatus.Queued : GenerationTaskStatus.Blocked,
            CreditsReserved = price * Math.Max(1, request.PriceUnits),
        };
        task.DependsOn = dependsOn.Select(d => new TaskDependency { TaskId = task.Id, DependsOnTaskId = d }).ToList();
        return task;
    }

    private async Task ReleaseAsync(IEnumerable<GenerationTask> tasks, string reason)
    {
        foreach (var task in tasks)
            await ledger.ReleaseForTaskAsync(task.Id, reason, CancellationToken.None);
    }

    public async Task<Result> CancelAsync(Guid taskId, string userId, CancellationToken cancellationToken = default)
    {
        if (!ActorGate.MayActFor(userId))
            return Result.Failure(NotFound);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var task = await db.GenerationTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId && t.OwnerId == userId, cancellationToken);
        if (task is null)
            return Result.Failure(NotFound);

        // The row says Cancelled (with the credits back) first, so the runner's final update (conditional on Running) cannot overwrite it.
        var cancelled = await settlement.ReleaseAsync(taskId, "cancelled", (tasks, ct) => tasks
            .Where(t => t.Id == taskId && (t.Status == GenerationTaskStatus.Blocked || t.Status == GenerationTaskStatus.Queued || t.Status == GenerationTaskStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, GenerationTaskStatus.Cancelled)
                .SetProperty(t => t.Error, "cancelled by the user")
                .SetProperty(t => t.FinishedAt, DateTimeOffset.UtcNow), ct), cancellationToken);
        if (!cancelled)
            return Result.Failure(AlreadyFinished);

        if (!cancellations.Cancel(taskId))
            await notifications.NotifyCancelAsync(taskId, cancellationToken);
        if (task.Status != GenerationTaskStatus.Running)
            await scheduler.UnscheduleAsync(taskId, cancellationToken);
        await events.PublishAsync(task, GenerationTaskStatus.Cancelled, task.Progress, "cancelled by the user", cancellationToken);
        await CancelRemoteJobAsync(db, taskId, cancellationToken);
        await dependencies.SettleDependentsAsync(taskId, cancellationToken);
        await slots.FillAsync(task.OwnerId, cancellationToken);
        return Result.Success();
    }

    /// <summary>
    /// A task that holds a job at its provider (a video) has it cancelled there too. Read after the row says Cancelled:
    /// a job recorded before that is seen here; one recorded after it is refused and cancelled by the running step.
    /// </summary>
    private async Task CancelRemoteJobAsync(DreamXDbContext db, Guid taskId, CancellationToken cancellationToken)
    {
        var held = await db.GenerationTasks.AsNoTracking().Where(t => t.Id == taskId && t.RemoteJobId != null)
            .Select(t => new { t.RemoteProvider, t.RemoteJobId }).FirstOrDefaultAsync(cancellationToken);
        if (held is null || held.RemoteProvider is null)
            return;
        foreach (var canceller in remoteJobs)
            await canceller.CancelRemoteAsync(held.RemoteProvider, held.RemoteJobId!, cancellationToken);
    }

    public async Task<Result<GenerationTask>> RetryAsync(Guid taskId, string userId, CancellationToken cancellationToken = default)
    {
        if (!ActorGate.MayActFor(userId))
            return Result.Failure<GenerationTask>(NotFound);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var task = await db.GenerationTasks.AsNoTracking().Include(t => t.DependsOn)
            .FirstOrDefaultAsync(t => t.Id == taskId && t.OwnerId == userId, cancellationToken);
        if (task is null)
            return Result.Failure<GenerationTask>(NotFound);
        if (task.Status is not (GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled))
            return Result.Failure<GenerationTask>(NotFinished);

        // A fresh task rather than a reset row: the failed attempt stays in the history and its credits stay settled.
        return await QueueAsync(new TaskRequest(task.ProjectId, task.OwnerId, task.Type, task.TargetKind, task.TargetId, task.InputJson, task.Quality)
        {
            DependsOn = task.DependsOn.Select(d => d.DependsOnTaskId).ToList(),
            ParentTaskId = task.ParentTaskId,
        }, cancellationToken);
    }

    public async Task<GenerationTask?> FindAsync(Guid taskId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var task = await db.GenerationTasks.AsNoTracking().Include(t => t.DependsOn).FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        return task is not null && ActorGate.MayActFor(task.OwnerId) ? task : null;
    }

    /// <summary>The user's task with its dependencies; another user's task id is null, as a missing one is.</summary>
    public async Task<GenerationTask?> FindOwnedAsync(Guid taskId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.GenerationTasks.AsNoTracking().Include(t => t.DependsOn)
            .FirstOrDefaultAsync(t => t.Id == taskId && t.OwnerId == userId, cancellationToken);
    }

    public async Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!ActorGate.MayActFor(query.OwnerId))
            return new TaskPage([], 0);
        var tasks = db.GenerationTasks.AsNoTracking().Where(t => t.OwnerId == query.OwnerId);
        if (query.Status is { } status)
            tasks = tasks.Where(t => t.Status == status);
        if (query.ProjectId is { } projectId)
            tasks = tasks.Where(t => t.ProjectId == projectId);
        var total = await tasks.CountAsync(cancellationToken);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var items = await tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Skip(Math.Max(0, query.Page) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new TaskPage(items, total);
    }

    private static async Task<int> PriceAsync(DreamXDbContext db, GenerationTaskType type, GenerationQuality quality, CancellationToken cancellationToken)
    {
        var price = await db.CreditPrices.AsNoTracking()
            .Where(p => p.TaskType == type && p.Quality == quality)
            .Select(p => (int?)p.Credits)
            .FirstOrDefaultAsync(cancellationToken);
        return price ?? DefaultCreditPrices.For(type, quality);
    }
}
