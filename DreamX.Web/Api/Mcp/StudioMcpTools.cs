using System.ComponentModel;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Api.Projects;
using DreamX.Web.Api.Tasks;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace DreamX.Web.Api.Mcp;

/// <summary>
/// The studio as tools for AI agents over MCP (streamable HTTP at <c>/mcp</c>, the API's bearer tokens): create a project,
/// quote and generate a stage, follow tasks, read what was made and get download links. Every tool calls the same
/// services as the REST API and the pages, as the token's owner; tools that change or spend need the write scope.
/// </summary>
[McpServerToolType]
public sealed class StudioMcpTools(
    IHttpContextAccessor accessor,
    ProjectLibrary library,
    StageProduction production,
    GenerationTasks tasks,
    ProjectGraphReader graphs,
    MediaUrls media,
    TimeProvider clock)
{
    private HttpContext Http => accessor.HttpContext ?? throw new McpException("No request.");

    [McpServerTool(Name = "create_project"), Description("Create a short-drama project from an idea. Returns the project's id.")]
    public async Task<object> CreateProjectAsync(
        [Description("The project's title (1-80 characters)")] string title,
        [Description("The story idea (10-4000 characters)")] string idea,
        [Description("zh-CN or en-US")] string language = "en-US",
        [Description("Seconds per episode, 15-600")] int episodeDurationSeconds = 30,
        CancellationToken ct = default)
    {
        RequireWrite();
        var input = new CheckpointInput { Title = title?.Trim() ?? "", Idea = idea ?? "", Language = language, EpisodeDurationSeconds = episodeDurationSeconds };
        var errors = CheckpointRules.Validate(input, await library.PlanOfAsync(Http.UserId(), ct));
        if (errors.Count > 0)
            throw new McpException("The checkpoint is not valid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Code}")));
        var created = await library.CreateAsync(Http.UserId(), input, ct);
        if (created.IsFailure)
            throw new McpException(created.Error!);
        return new { projectId = created.Value.Id, title = created.Value.Title };
    }

    [McpServerTool(Name = "quote", ReadOnly = true), Description("What generating a stage would cost in credits and time, and whether it can run now.")]
    public async Task<QuoteResponse> QuoteAsync(
        [Description("The project's id")] Guid projectId,
        [Description("The stage: story-bible, characters, portraits, script, scene-design, segment-design, shot-images, shot-audio, compose-preview, compose")] string stage,
        [Description("One node's id to quote only it (optional)")] Guid? nodeId = null,
        CancellationToken ct = default)
    {
        var step = Step(stage);
        var quote = await production.QuoteAsync(Http.UserId(), projectId, step, nodeId, ct);
        if (quote.IsFailure)
            throw new McpException(quote.Error!);
        var q = quote.Value;
        return new QuoteResponse(ProductionEndpoints.VerbOf(step), q.TaskCount, q.Credits, q.EstimatedSeconds, q.Blocker, null, q.ParallelTasks);
    }

    [McpServerTool(Name = "generate_stage"), Description("Generate a stage of the project (or one node of it). Spends credits. Returns the queued task ids.")]
    public async Task<GenerateResponse> GenerateStageAsync(
        [Description("The project's id")] Guid projectId,
        [Description("The stage, as for quote")] string stage,
        [Description("One node's id to generate only it (optional)")] Guid? nodeId = null,
        CancellationToken ct = default)
    {
        RequireWrite();
        var step = Step(stage);
        var queued = await production.GenerateAsync(Http.UserId(), projectId, step, nodeId, ct);
        if (queued.IsFailure)
            throw new McpException(queued.Error!);
        return new GenerateResponse(ProductionEndpoints.VerbOf(step), nodeId, queued.Value.Select(TaskResponse.From).ToList());
    }

    [McpServerTool(Name = "get_status", ReadOnly = true), Description("A task's state and progress, or with a project id the project's latest tasks.")]
    public async Task<object> GetStatusAsync(
        [Description("A task's id")] Guid? taskId = null,
        [Description("A project's id")] Guid? projectId = null,
        CancellationToken ct = default)
    {
        if (taskId is { } id)
        {
            var task = await tasks.FindOwnedAsync(id, Http.UserId(), ct) ?? throw new McpException("There is no such task.");
            return TaskResponse.From(task);
        }
        if (projectId is null)
            throw new McpException("Give a taskId or a projectId.");
        var page = await tasks.ListAsync(new Domain.Generation.TaskQuery(Http.UserId(), null, projectId, 0, 50), ct);
        return new
        {
            total = page.Total,
            byStatus = page.Items.GroupBy(t => t.Status.ToString()).ToDictionary(g => g.Key, g => g.Count()),
            tasks = page.Items.Select(TaskResponse.From).ToList(),
        };
    }

    [McpServerTool(Name = "list_results", ReadOnly = true), Description("What the project has so far: story bible, cast, episodes with scenes and shots, renders.")]
    public async Task<ProjectResponse> ListResultsAsync([Description("The project's id")] Guid projectId, CancellationToken ct = default)
    {
        var graph = await graphs.ReadAsync(Http.UserId(), projectId, ct);
        return graph.IsSuccess ? ProjectResponse.From(graph.Value) : throw new McpException("There is no such project.");
    }

    [McpServerTool(Name = "download_links", ReadOnly = true), Description("Short-lived signed links to each episode's newest render: MP4, SRT subtitles, OTIO timeline.")]
    public async Task<object> DownloadLinksAsync([Description("The project's id")] Guid projectId, CancellationToken ct = default)
    {
        var userId = Http.UserId();
        var graph = await graphs.ReadAsync(userId, projectId, ct);
        if (graph.IsFailure)
            throw new McpException("There is no such project.");
        var reader = ObjectReader.User(userId);
        var links = new List<object>();
        foreach (var composition in graph.Value.Compositions)
        {
            var render = composition.Renders.OrderByDescending(r => r.Quality).ThenByDescending(r => r.Version).FirstOrDefault();
            if (render is null)
                continue;
            links.Add(new
            {
                compositionId = composition.Id,
                render.Version,
                quality = render.Quality.ToString(),
                video = await LinkAsync(render.VideoKey, reader, "episode.mp4", ct),
                subtitles = await LinkAsync(render.SubtitlesKey, reader, "episode.srt", ct),
                timeline = await LinkAsync(render.TimelineKey, reader, "episode.otio", ct),
            });
        }
        return new { projectId, renders = links, expiresAt = clock.GetUtcNow().AddMinutes(10) };
    }

    private async Task<string?> LinkAsync(string? key, ObjectReader reader, string name, CancellationToken ct)
    {
        if (!ObjectKey.TryParse(key, out var objectKey))
            return null;
        var url = await media.GetDownloadUrlAsync(objectKey, reader, name, ct);
        if (url.IsFailure)
            return null;
        var request = Http.Request;
        return url.Value.StartsWith('/') ? $"{request.Scheme}://{request.Host}{request.PathBase}{url.Value}" : url.Value;
    }

    private static ProductionStep Step(string stage) =>
        ProductionEndpoints.Verbs.TryGetValue(stage ?? "", out var step)
            ? step
            : throw new McpException($"Unknown stage '{stage}'. Use one of: {string.Join(", ", ProductionEndpoints.Verbs.Keys)}.");

    private void RequireWrite()
    {
        if (!Http.User.HasClaim(AccessTokenAuthenticationHandler.ScopeClaim, TokenScopes.Write))
            throw new McpException("This token is read-only: changing or spending needs a token with the write scope.");
    }
}

/// <summary>Registration and mapping of the MCP endpoint.</summary>
public static class StudioMcp
{
    public const string Path = "/mcp";

    public static IServiceCollection AddStudioMcp(this IServiceCollection services)
    {
        // Stateless: every call is its own request, authenticated by its own bearer token, on any instance.
        services.AddMcpServer(o => o.ServerInfo = new ModelContextProtocol.Protocol.Implementation { Name = "DreamX Studio", Version = "1.0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<StudioMcpTools>();
        return services;
    }

    public static IEndpointRouteBuilder MapStudioMcp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMcp(Path).RequireAuthorization(ApiPolicies.Read).RequireRateLimiting(ApiRateLimits.PerToken);
        return endpoints;
    }
}
