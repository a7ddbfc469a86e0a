using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Api.Projects;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DreamX.Web.Api.Tasks;

/// <summary>A generation task: what it makes, its state and progress, what it cost, and why it failed (a reason, not the raw error).</summary>
public sealed record TaskResponse(
    Guid Id, Guid ProjectId, GenerationTaskType Type, NodeKind TargetKind, Guid TargetId, GenerationTaskStatus Status, int Progress,
    string? ProgressMessage, TaskFailureReason? FailureReason, int Attempts, int CreditsReserved, int CreditsCharged, string? Provider,
    string? Model, bool FromCache, Guid? ParentTaskId, IReadOnlyList<Guid> DependsOn, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt)
{
    public static TaskResponse From(GenerationTask t) => new(
        t.Id, t.ProjectId, t.Type, t.TargetKind, t.TargetId, t.Status, t.Progress, t.ProgressMessage,
        t.Status == GenerationTaskStatus.Failed ? TaskFailureReasons.Classify(t.Error) : null,
        t.Attempts, t.CreditsReserved, t.CreditsCharged, t.Provider, t.Model, t.FromCache, t.ParentTaskId,
        t.DependsOn.Select(d => d.DependsOnTaskId).ToList(), t.CreatedAt, t.StartedAt, t.FinishedAt);
}

/// <summary>/api/v1/tasks: the task center's list, one task, cancel and retry.</summary>
public static class TaskEndpoints
{
    public static RouteGroupBuilder MapTaskEndpoints(this RouteGroupBuilder tasks)
    {
        tasks.MapGet("", ListAsync).WithName("ListTasks").WithSummary("Your tasks, newest first, by status and project").PagesWith();
        tasks.MapGet("/{taskId:guid}", GetAsync).WithName("GetTask").WithSummary("One task: state, progress, cost, failure reason");
        tasks.MapPost("/{taskId:guid}/cancel", CancelAsync).WithName("CancelTask")
            .WithSummary("Cancel a waiting, queued or running task (its credits come back)").RequiresWrite();
        tasks.MapPost("/{taskId:guid}/retry", RetryAsync).WithName("RetryTask")
            .WithSummary("Queue a failed or cancelled task again (a fresh task, priced as new)").Spends().Idempotent();
        return tasks;
    }

    private static async Task<Ok<ApiPage<TaskResponse>>> ListAsync(
        HttpContext http, GenerationTasks tasks, [AsParameters] PageQuery paging, [FromQuery] GenerationTaskStatus? status,
        [FromQuery] Guid? projectId, CancellationToken ct)
    {
        var page = await tasks.ListAsync(new TaskQuery(http.UserId(), status, projectId, paging.PageOrDefault - 1, paging.PageSizeOrDefault), ct);
        return TypedResults.Ok(ApiPage<TaskResponse>.Of(page.Items.Select(TaskResponse.From).ToList(), paging.PageOrDefault,
            paging.PageSizeOrDefault, page.Total));
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> GetAsync(Guid taskId, HttpContext http, GenerationTasks tasks, CancellationToken ct)
    {
        var task = await tasks.FindOwnedAsync(taskId, http.UserId(), ct);
        return task is null ? ApiProblems.NotFound("There is no such task.", GenerationTasks.NotFound) : TypedResults.Ok(TaskResponse.From(task));
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult>> CancelAsync(Guid taskId, HttpContext http, GenerationTasks tasks, CancellationToken ct)
    {
        var userId = http.UserId();
        var cancelled = await tasks.CancelAsync(taskId, userId, ct);
        if (cancelled.IsFailure)
            return cancelled.Error == GenerationTasks.AlreadyFinished
                ? ApiProblems.Conflict("The task has already finished.", cancelled.Error)
                : ApiProblems.NotFound("There is no such task.", cancelled.Error);
        return TypedResults.Ok(TaskResponse.From((await tasks.FindOwnedAsync(taskId, userId, ct))!));
    }

    private static async Task<Results<Accepted<TaskResponse>, ProblemHttpResult>> RetryAsync(Guid taskId, HttpContext http, GenerationTasks tasks, CancellationToken ct)
    {
        var retried = await tasks.RetryAsync(taskId, http.UserId(), ct);
        if (retried.IsFailure)
            return retried.Error switch
            {
                GenerationTasks.NotFound => ApiProblems.NotFound("There is no such task.", retried.Error),
                GenerationTasks.NotFinished => ApiProblems.Conflict("Only a failed or cancelled task can be retried.", retried.Error),
                _ => ProductionEndpoints.Problem(retried.Error),
            };
        return TypedResults.Accepted($"{ApiRoutes.Prefix}/tasks/{retried.Value.Id}", TaskResponse.From(retried.Value));
    }
}
