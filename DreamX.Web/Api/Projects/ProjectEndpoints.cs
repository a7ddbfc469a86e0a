using DreamX.Domain.Common;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Api.Tasks;
using DreamX.Web.Components.Pages.Projects;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Api.Projects;

/// <summary>/api/v1/projects: list, create from a checkpoint, read the whole graph, update, duplicate, delete, resume.</summary>
public static class ProjectEndpoints
{
    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapGet("", ListAsync).WithName("ListProjects").WithSummary("Your projects, newest first, optionally searched by title or idea").PagesWith();
        projects.MapPost("", CreateAsync).WithName("CreateProject").WithSummary("Create a project from a checkpoint (the form's rules and messages)")
            .RequiresWrite();
        projects.MapGet("/{projectId:guid}", GetAsync).WithName("GetProject")
            .WithSummary("The whole project: checkpoint, story bible, cast, episodes, scenes, shots, compositions and renders");
        projects.MapPatch("/{projectId:guid}", UpdateAsync).WithName("UpdateProject").WithSummary("Rename, or set or remove the budget cap").RequiresWrite();
        projects.MapPost("/{projectId:guid}/duplicate", DuplicateAsync).WithName("DuplicateProject")
            .WithSummary("Copy the project's checkpoint into a new project").RequiresWrite();
        projects.MapDelete("/{projectId:guid}", DeleteAsync).WithName("DeleteProject").WithSummary("Delete the project and its media").RequiresWrite();
        projects.MapPost("/{projectId:guid}/resume", ResumeAsync).WithName("ResumeProject")
            .WithSummary("Queue again every piece of work whose latest task failed or was cancelled").Spends().Idempotent();
        return projects;
    }

    private static async Task<Ok<ApiPage<ProjectSummary>>> ListAsync(
        HttpContext http, ProjectLibrary library, [AsParameters] PageQuery paging, [FromQuery] string? search, CancellationToken ct)
    {
        var page = await library.ListAsync(http.UserId(), new ProjectQuery(search, paging.PageOrDefault, paging.PageSizeOrDefault), ct);
        return TypedResults.Ok(ApiPage.From(page, p => p));
    }

    private static async Task<Results<Created<ProjectResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateProjectRequest request, HttpContext http, ProjectLibrary library, ProjectGraphReader graphs,
        IStringLocalizer<ProjectsText> text, CancellationToken ct)
    {
        var userId = http.UserId();
        var input = request.ToInput();
        var plan = await library.PlanOfAsync(userId, ct);
        var errors = CheckpointRules.Validate(input, plan);
        if (errors.Count > 0)
            return ApiProblems.Validation(FieldErrors(errors, text));
        var created = await library.CreateAsync(userId, input, ct);
        if (created.IsFailure)
            return ApiProblems.From(created, code => text.Describe(code, plan));
        var graph = await graphs.ReadAsync(userId, created.Value.Id, ct);
        return TypedResults.Created($"{ApiRoutes.Prefix}/projects/{created.Value.Id}", ProjectResponse.From(graph.Value));
    }

    internal static Dictionary<string, string[]> FieldErrors(IEnumerable<ValidationError> errors, IStringLocalizer<ProjectsText> text) =>
        errors.GroupBy(e => ApiValidation.JsonName(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => (string)text.Describe(e)).ToArray());

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> GetAsync(
        Guid projectId, HttpContext http, ProjectGraphReader graphs, CancellationToken ct)
    {
        var graph = await graphs.ReadAsync(http.UserId(), projectId, ct);
        return graph.IsSuccess ? TypedResults.Ok(ProjectResponse.From(graph.Value)) : ApiProblems.NotFound("There is no such project.", graph.Error);
    }

    private static async Task<Results<Ok<ProjectResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid projectId, UpdateProjectRequest request, HttpContext http, ProjectLibrary library, ProjectGraphReader graphs,
        IStringLocalizer<ProjectsText> text, CancellationToken ct)
    {
        var userId = http.UserId();
        if (request.Title is not null)
        {
            if (CheckpointRules.ValidateTitle(request.Title) is { } titleError)
                return ApiProblems.Validation(FieldErrors([titleError], text));
            var renamed = await library.RenameAsync(userId, projectId, request.Title.Trim(), ct);
            if (renamed.IsFailure)
                return ApiProblems.From(renamed, code => text.Describe(code));
        }
        if (request.BudgetCapCredits is { } cap)
        {
            if (cap < 0)
                return ApiProblems.Validation("budgetCapCredits", "The budget cap is a number of credits, 0 or more (0 removes it).");
            var capped = await library.SetBudgetCapAsync(userId, projectId, cap == 0 ? null : cap, ct);
            if (capped.IsFailure)
                return ApiProblems.From(capped, code => text.Describe(code));
        }
        return await GetAsync(projectId, http, graphs, ct) switch
        {
            { Result: Ok<ProjectResponse> ok } => ok,
            { Result: ProblemHttpResult problem } => problem,
            _ => ApiProblems.NotFound(),
        };
    }

    private static async Task<Results<Created<ProjectResponse>, ValidationProblem, ProblemHttpResult>> DuplicateAsync(
        Guid projectId, DuplicateProjectRequest request, HttpContext http, ProjectLibrary library, ProjectGraphReader graphs,
        IStringLocalizer<ProjectsText> text, CancellationToken ct)
    {
        var userId = http.UserId();
        if (CheckpointRules.ValidateTitle(request.Title) is { } titleError)
            return ApiProblems.Validation(FieldErrors([titleError], text));
        var copy = await library.DuplicateAsync(userId, projectId, request.Title.Trim(), ct);
        if (copy.IsFailure)
        {
            var plan = await library.PlanOfAsync(userId, ct);
            return ApiProblems.From(copy, code => text.Describe(code, plan));
        }
        var graph = await graphs.ReadAsync(userId, copy.Value.Id, ct);
        return TypedResults.Created($"{ApiRoutes.Prefix}/projects/{copy.Value.Id}", ProjectResponse.From(graph.Value));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid projectId, HttpContext http, ProjectLibrary library, CancellationToken ct)
    {
        var deleted = await library.DeleteAsync(http.UserId(), projectId, ct);
        if (deleted.Error == Infrastructure.Projects.ProjectAccess.Forbidden)
            return ApiProblems.From(deleted);
        return deleted.IsSuccess ? TypedResults.NoContent() : ApiProblems.NotFound("There is no such project.", deleted.Error);
    }

    private static async Task<Results<Ok<IReadOnlyList<TaskResponse>>, ProblemHttpResult>> ResumeAsync(
        Guid projectId, HttpContext http, StageProduction production, CancellationToken ct)
    {
        var resumed = await production.ResumeAsync(http.UserId(), projectId, ct);
        if (resumed.IsFailure)
            return ProductionEndpoints.Problem(resumed.Error);
        return TypedResults.Ok<IReadOnlyList<TaskResponse>>(resumed.Value.Select(TaskResponse.From).ToList());
    }
}
