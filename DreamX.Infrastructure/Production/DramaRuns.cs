using System.Text.Json;
using DreamX.Domain.Common;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Production;

public enum DramaRunStatus
{
    Running,
    Stopped,
    Succeeded,
}

/// <summary>
/// A whole drama made in one call (seed 001's generate-drama): the project's stages in order, each queued as soon as
/// the one before has succeeded (its tasks are planned from what that stage made, so they cannot exist earlier), the
/// task ids of each stage as they are queued, and the final episode's composition at the end.
/// </summary>
public sealed class DramaRun
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProjectId { get; init; }
    public string OwnerId { get; init; } = "";

    /// <summary>Index into <see cref="DramaRuns.Stages"/> of the stage queued last.</summary>
    public int CurrentStage { get; set; }

    public DramaRunStatus Status { get; set; } = DramaRunStatus.Running;
    public string? Error { get; set; }

    /// <summary>JSON: for each stage index, the ids of the tasks it queued (absent: not queued yet; empty: skipped).</summary>
    public string StageTasksJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? FinishedAt { get; set; }

    public Dictionary<int, List<Guid>> StageTasks() =>
        JsonSerializer.Deserialize<Dictionary<int, List<Guid>>>(StageTasksJson) ?? [];
}

internal sealed class DramaRunConfiguration : IEntityTypeConfiguration<DramaRun>
{
    public void Configure(EntityTypeBuilder<DramaRun> run)
    {
        run.ToTable("api_drama_runs");
        run.HasKey(r => r.Id);
        run.Property(r => r.OwnerId).HasMaxLength(450);
        run.Property(r => r.Error).HasMaxLength(500);
        run.Property(r => r.StageTasksJson).HasColumnType("jsonb");
        run.HasIndex(r => r.ProjectId);
        run.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        run.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>A stage of a run as the API shows it.</summary>
public sealed record DramaStageView(ProductionStep Step, string State, IReadOnlyList<GenerationTask> Tasks);

public sealed record DramaRunView(Guid Id, Guid ProjectId, DramaRunStatus Status, string? Error, IReadOnlyList<DramaStageView> Stages,
    Guid? FinalCompositionId, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

/// <summary>
/// Starts and carries generate-drama runs. Each stage goes through <see cref="StageProduction"/> (the same quote, credit,
/// budget and duplicate rules as the Generate buttons); when every task of the current stage has succeeded (also after a
/// retry), the next stage is queued by whichever instance saw the last success, once (a conditional update decides).
/// </summary>
public sealed class DramaRuns(IDbContextFactory<DreamXDbContext> contexts, IServiceScopeFactory scopes, TimeProvider clock, ILogger<DramaRuns> logger)
    : ITaskStateObserver
{
    public const string NotFound = "drama.not_found";

    /// <summary>The stages of a drama, in order: idea to final episode.</summary>
    public static readonly IReadOnlyList<ProductionStep> Stages =
    [
        ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Portraits, ProductionStep.Scripts, ProductionStep.SceneDesigns,
        ProductionStep.ShotLists, ProductionStep.ShotImages, ProductionStep.ShotAudio, ProductionStep.ComposeFinal,
    ];

    /// <summary>Creates the project from the checkpoint and queues the first stage; the rest follow on their own.</summary>
    public async Task<Result<DramaRunView>> StartAsync(string ownerId, CheckpointInput checkpoint, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(ownerId, checkpoint, ct);
        if (created.IsFailure)
            return Result.Failure<DramaRunView>(created.Error!);
        var run = new DramaRun { ProjectId = created.Value.Id, OwnerId = ownerId, CreatedAt = clock.GetUtcNow() };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.Set<DramaRun>().Add(run);
            await db.SaveChangesAsync(ct);
        }
        var queued = await QueueStageAsync(run.Id, 0, ct);
        if (queued is not null)
        {
            // Nothing was spent: the project stays, so the creator can read why and go on by hand.
            await SetStatusAsync(run.Id, DramaRunStatus.Stopped, queued, ct);
            return Result.Failure<DramaRunView>(queued);
        }
        // A task quicker than the bookkeeping finished before its ids were stored: look again now they are.
        await AdvanceAsync(run.ProjectId, ct);
        return (await GetAsync(ownerId, run.ProjectId, ct))!;
    }

    /// <summary>The project's latest run with every queued task, or null (no run, or not the user's project).</summary>
    public async Task<DramaRunView?> GetAsync(string ownerId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.Set<DramaRun>().AsNoTracking().Where(r => r.ProjectId == projectId && r.OwnerId == ownerId)
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
        if (run is null)
            return null;
        var stageTasks = run.StageTasks();
        var ids = stageTasks.Values.SelectMany(v => v).ToList();
        var tasks = await db.GenerationTasks.AsNoTracking().Include(t => t.DependsOn).Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        // A retried task's newer attempt stands for it.
        var latest = await db.GenerationTasks.AsNoTracking().Include(t => t.DependsOn)
            .Where(t => t.ProjectId == projectId && t.OwnerId == ownerId).ToListAsync(ct);
        var newest = latest.GroupBy(t => (t.Type, t.TargetId)).ToDictionary(g => g.Key, g => g.MaxBy(t => t.CreatedAt)!);

        var stages = Stages.Select((step, index) =>
        {
            if (!stageTasks.TryGetValue(index, out var taskIds))
                return new DramaStageView(step, "Waiting", []);
            var current = taskIds.Where(tasks.ContainsKey).Select(id => newest.GetValueOrDefault((tasks[id].Type, tasks[id].TargetId)) ?? tasks[id]).ToList();
            var state = current.Count == 0 ? "Skipped"
                : current.All(t => t.Status == GenerationTaskStatus.Succeeded) ? "Succeeded"
                : current.Any(t => t.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled) ? "Failed"
                : current.Any(t => t.Status == GenerationTaskStatus.Running) ? "Running" : "Queued";
            return new DramaStageView(step, state, current);
        }).ToList();
        var final = run.Status == DramaRunStatus.Succeeded
            ? stages[^1].Tasks.Select(t => (Guid?)t.TargetId).FirstOrDefault()
            : null;
        return new DramaRunView(run.Id, run.ProjectId, run.Status, run.Error, stages, final, run.CreatedAt, run.FinishedAt);
    }

    public async Task OnTaskStateAsync(GenerationTask task, GenerationTaskStatus status, string? message, CancellationToken cancellationToken)
    {
        if (status is not (GenerationTaskStatus.Succeeded or GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled))
            return;
        try
        {
            await AdvanceAsync(task.ProjectId, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A run that could not move on now moves on with the project's next finished task or a resume; never the task's problem.
            logger.LogWarning(exception, "Drama run of project {ProjectId} did not advance after task {TaskId}", task.ProjectId, task.Id);
        }
    }

    private async Task AdvanceAsync(Guid projectId, CancellationToken ct)
    {
        DramaRun? run;
        Dictionary<int, List<Guid>> stageTasks;
        List<GenerationTask> current;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            run = await db.Set<DramaRun>().AsNoTracking()
                .Where(r => r.ProjectId == projectId && r.Status != DramaRunStatus.Succeeded)
                .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
            if (run is null)
                return;
            stageTasks = run.StageTasks();
            if (!stageTasks.TryGetValue(run.CurrentStage, out var ids))
                return;
            var targets = await db.GenerationTasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => new { t.Type, t.TargetId }).ToListAsync(ct);
            var all = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync(ct);
            current = targets.Select(x => all.Where(t => t.Type == x.Type && t.TargetId == x.TargetId).MaxBy(t => t.CreatedAt)!).ToList();
        }

        if (current.Any(t => t.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled))
        {
            await SetStatusAsync(run.Id, DramaRunStatus.Stopped, "A task of the stage failed: retry it (or resume the project) and the run goes on.", ct);
            return;
        }
        if (!current.All(t => t.Status == GenerationTaskStatus.Succeeded))
            return;
        if (run.CurrentStage == Stages.Count - 1)
        {
            await SetStatusAsync(run.Id, DramaRunStatus.Succeeded, null, ct);
            return;
        }

        // Only one instance moves a run from this stage to the next.
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var moved = await db.Set<DramaRun>()
                .Where(r => r.Id == run.Id && r.CurrentStage == run.CurrentStage)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.CurrentStage, run.CurrentStage + 1).SetProperty(r => r.Status, DramaRunStatus.Running), ct);
            if (moved == 0)
                return;
        }
        var failure = await QueueStageAsync(run.Id, run.CurrentStage + 1, ct);
        if (failure is not null)
        {
            await SetStatusAsync(run.Id, DramaRunStatus.Stopped, failure, ct);
            return;
        }
        await AdvanceAsync(projectId, ct);
    }

    /// <returns>Null when the stage was queued (or had nothing to do and the next one was), else why not.</returns>
    private async Task<string?> QueueStageAsync(Guid runId, int index, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var run = await db.Set<DramaRun>().FirstAsync(r => r.Id == runId, ct);
        await using var scope = scopes.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        while (true)
        {
            run.CurrentStage = index;
            var queued = await production.GenerateAsync(run.OwnerId, run.ProjectId, Stages[index], ct: ct);
            var stageTasks = run.StageTasks();
            if (queued.IsSuccess)
            {
                stageTasks[index] = queued.Value.Select(t => t.Id).ToList();
                run.StageTasksJson = JsonSerializer.Serialize(stageTasks);
                await db.SaveChangesAsync(ct);
                return null;
            }
            // A stage with nothing to make (no line to speak) is skipped.
            if (queued.Error == ProductionRequests.NothingToSpeak && index < Stages.Count - 1)
            {
                stageTasks[index] = [];
                run.StageTasksJson = JsonSerializer.Serialize(stageTasks);
                index++;
                continue;
            }
            await db.SaveChangesAsync(ct);
            return queued.Error;
        }
    }

    private async Task SetStatusAsync(Guid runId, DramaRunStatus status, string? error, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Set<DramaRun>().Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.Error, error)
            .SetProperty(r => r.FinishedAt, status == DramaRunStatus.Succeeded ? clock.GetUtcNow() : null), ct);
    }
}
