using DreamX.Domain.Projects;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Api.Tasks;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Api.Projects;

/// <summary>One stage of a drama run: its verb, its state (Waiting, Queued, Running, Succeeded, Failed, Skipped) and its tasks.</summary>
public sealed record DramaStageResponse(string Stage, string State, IReadOnlyList<TaskResponse> Tasks);

/// <summary>
/// A generate-drama run: the stages in order with the tasks each queued (a stage's tasks appear when the stage before it
/// has succeeded, since they are planned from what it made), and at the end the episode's composition, whose MP4 is at
/// <c>GET /api/v1/projects/{projectId}/compositions/{finalCompositionId}/downloads</c>.
/// </summary>
public sealed record DramaResponse(Guid RunId, Guid ProjectId, DramaRunStatus Status, string? Error, IReadOnlyList<DramaStageResponse> Stages,
    Guid? FinalCompositionId, string? DownloadsUrl)
{
    public static DramaResponse From(DramaRunView run) => new(run.Id, run.ProjectId, run.Status, run.Error,
        run.Stages.Select(s => new DramaStageResponse(ProductionEndpoints.VerbOf(s.Step), s.State, s.Tasks.Select(TaskResponse.From).ToList())).ToList(),
        run.FinalCompositionId,
        run.FinalCompositionId is { } id ? $"{ApiRoutes.Prefix}/projects/{run.ProjectId}/compositions/{id}/downloads" : null);
}

/// <summary>POST /api/v1/projects/generate-drama (seed 001): an idea and a checkpoint in, a whole episode out.</summary>
public static class DramaEndpoints
{
    public static RouteGroupBuilder MapDramaEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapPost("/generate-drama", StartAsync).WithName("GenerateDrama")
            .WithSummary("Create a project from a checkpoint and make the whole episode: every stage queued after the one it needs")
            .Spends().Idempotent();
        projects.MapGet("/{projectId:guid}/drama", GetAsync).WithName("GetDrama")
            .WithSummary("The project's generate-drama run: stages, their tasks, and the final episode when it is done");
        return projects;
    }

    private static async Task<Results<Accepted<DramaResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        CreateProjectRequest request, HttpContext http, ProjectLibrary library, DramaRuns runs, IStringLocalizer<ProjectsText> text,
        IStringLocalizer<ProductionText> production, CancellationToken ct)
    {
        var userId = http.UserId();
        var input = request.ToInput();
        var plan = await library.PlanOfAsync(userId, ct);
        var errors = CheckpointRules.Validate(input, plan);
        if (errors.Count > 0)
            return ApiProblems.Validation(ProjectEndpoints.FieldErrors(errors, text));
        var started = await runs.StartAsync(userId, input, ct);
        if (started.IsFailure)
            return ProductionEndpoints.Problem(started.Error, production);
        return TypedResults.Accepted($"{ApiRoutes.Prefix}/projects/{started.Value.ProjectId}/drama", DramaResponse.From(started.Value));
    }

    private static async Task<Results<Ok<DramaResponse>, ProblemHttpResult>> GetAsync(Guid projectId, HttpContext http, DramaRuns runs, CancellationToken ct)
    {
        var run = await runs.GetAsync(http.UserId(), projectId, ct);
        return run is null ? ApiProblems.NotFound("This project has no generate-drama run.", DramaRuns.NotFound) : TypedResults.Ok(DramaResponse.From(run));
    }
}
