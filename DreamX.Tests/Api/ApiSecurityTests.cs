using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DreamX.Domain.Scripts;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Api;

/// <summary>
/// The API document against the endpoints (every /api/v1 endpoint documented with its responses), and IDOR: a second
/// user's token gets 404 on every id-bearing route of the first user's resources, found by walking /openapi/v1.json.
/// </summary>
public sealed class ApiSecurityTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Every_mapped_api_endpoint_is_in_the_openapi_document_with_its_responses_and_bearer_auth()
    {
        using var anonymous = app.CreateClient();
        var document = await anonymous.GetJsonAsync("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString());

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Endpoint: e, Method: m)))
            .ToList();
        Assert.True(endpoints.Count >= 35, $"only {endpoints.Count} API endpoints are mapped");

        var missing = new List<string>();
        foreach (var (endpoint, method) in endpoints)
        {
            var path = OpenApiPath(endpoint.RoutePattern.RawText!).TrimEnd('/');
            if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
            {
                missing.Add($"{method} {path}: not documented");
                continue;
            }
            var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
            if (!responses.Any(r => r.StartsWith('2')))
                missing.Add($"{method} {path}: no success response");
            if (!responses.Contains("401") || !responses.Contains("429"))
                missing.Add($"{method} {path}: 401/429 problems not documented");
            if (path.Contains('{') && !responses.Contains("404") && !path.StartsWith("/api/v1/catalog"))
                missing.Add($"{method} {path}: 404 not documented");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));

        var generate = paths.GetProperty("/api/v1/projects/{projectId}/canvas/{verb}").GetProperty("post");
        Assert.Contains(generate.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
    }

    [Fact]
    public async Task A_second_users_token_gets_404_on_every_id_bearing_route_of_the_first_user()
    {
        var owner = await app.CreateUserAsync();
        var intruder = await app.CreateUserAsync();
        var ids = await OwnerResourcesAsync(owner);

        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse((await anonymous.GetJsonAsync("/openapi/v1.json")).GetRawText())!;
        var paths = document["paths"]!.AsObject();
        var tried = 0;
        var leaks = new List<string>();
        foreach (var (template, item) in paths)
        {
            // Admin routes are the admin role's (403 for everyone else, ApiAdminTests); provider callbacks are signed, not
            // a user's resource (ProviderCallback tests in VideoStageTests).
            if (!template.Contains('{') || template.StartsWith("/api/v1/admin/", StringComparison.Ordinal)
                || template.StartsWith("/api/v1/webhooks/providers/", StringComparison.Ordinal))
                continue;
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters")
                    continue;
                var url = Fill(template, ids);
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema)
                    request.Content = new StringContent(Sample(schema, document)?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
                using var response = await intruder.Client.SendAsync(request);
                tried++;
                if (response.StatusCode != HttpStatusCode.NotFound)
                    leaks.Add($"{method.ToUpperInvariant()} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(tried >= 25, $"only {tried} id-bearing operations were tried");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        // And nothing of the owner's changed: the project and its bible are as they were, the token still works.
        var graph = await owner.Client.GetJsonAsync($"/api/v1/projects/{ids["projectId"]}");
        Assert.Equal("Ready", graph.GetProperty("storyBible").GetProperty("state").GetString());
        await using var db = app.Database.CreateContext();
        Assert.Empty(await db.GenerationTasks.Where(t => t.OwnerId == intruder.Id).ToListAsync());
    }

    [Fact]
    public async Task A_viewer_reads_the_project_but_every_changing_route_is_refused_and_nothing_changes()
    {
        var owner = await app.CreateUserAsync();
        var viewer = await app.CreateUserAsync();
        var ids = await OwnerResourcesAsync(owner);
        var projectId = Guid.Parse(ids["projectId"]);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var invited = await scope.ServiceProvider.GetRequiredService<DreamX.Infrastructure.Projects.ProjectMembers>()
                .InviteAsync(owner.Id, projectId, viewer.Email, DreamX.Infrastructure.Projects.ProjectRole.Viewer);
            Assert.True(invited.IsSuccess, invited.Error);
        }
        int TasksOfProject()
        {
            using var db = app.Database.CreateContext();
            return db.GenerationTasks.Count(t => t.ProjectId == projectId);
        }
        var tasksBefore = TasksOfProject();

        // The viewer sees the project and its downloads.
        Assert.Equal(projectId, (await viewer.Client.GetJsonAsync($"/api/v1/projects/{projectId}")).Id());

        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse((await anonymous.GetJsonAsync("/openapi/v1.json")).GetRawText())!;
        var tried = 0;
        var leaks = new List<string>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            if (!template.Contains("{projectId}", StringComparison.Ordinal) && !template.StartsWith("/api/v1/projects/{id}", StringComparison.Ordinal))
                continue;
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "get")
                    continue;
                var url = Fill(template, ids);
                using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url);
                if (operation!["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema)
                    request.Content = new StringContent(Sample(schema, document)?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
                using var response = await viewer.Client.SendAsync(request);
                tried++;
                // Refused as forbidden (the viewer may know the project) or not found (a route that is the owner's alone);
                // a body the route's rules refuse first (422/400) changes nothing either.
                if ((int)response.StatusCode < 400)
                    leaks.Add($"{method.ToUpperInvariant()} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        Assert.True(tried >= 10, $"only {tried} changing project operations were tried");
        Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        // The viewer reads the episode's languages; translating is refused in the service with its reason.
        var languages = await viewer.Client.GetJsonAsync($"/api/v1/projects/{projectId}/episodes/{ids["episodeId"]}/translations");
        Assert.Equal("en-US", languages.GetProperty("languages")[0].GetProperty("language").GetString());
        using (var translate = await viewer.Client.PostAsync($"/api/v1/projects/{projectId}/episodes/{ids["episodeId"]}/translations/zh-CN", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, translate.StatusCode);
            Assert.Contains(DreamX.Infrastructure.Projects.ProjectAccess.Forbidden, await translate.Content.ReadAsStringAsync());
        }
        // Generating in particular is refused in the service with its reason.
        using var generate = await viewer.Client.PostAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null);
        Assert.Equal(HttpStatusCode.Forbidden, generate.StatusCode);
        Assert.Contains(DreamX.Infrastructure.Projects.ProjectAccess.Forbidden, await generate.Content.ReadAsStringAsync());
        Assert.Equal(tasksBefore, TasksOfProject());
        var graph = await owner.Client.GetJsonAsync($"/api/v1/projects/{projectId}");
        Assert.Equal("Ready", graph.GetProperty("storyBible").GetProperty("state").GetString());
    }

    /// <summary>The owner's project with a story bible (one finished task, one version) and the ids of everything else.</summary>
    private async Task<Dictionary<string, string>> OwnerResourcesAsync(ApiTestUser owner)
    {
        var projectId = (await owner.Client.CreateProjectAsync()).Id();
        var generated = await owner.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null, HttpStatusCode.Accepted);
        var taskId = generated.GetProperty("tasks")[0].Id();
        await owner.Client.WaitForTaskAsync(taskId);
        var bibleId = (await owner.Client.GetJsonAsync($"/api/v1/projects/{projectId}")).GetProperty("storyBible").Id();
        var versionId = (await owner.Client.GetJsonAsync($"/api/v1/projects/{projectId}/nodes/StoryBible/{bibleId}/versions"))[0].Id();

        // Nodes the bible alone does not make, written as the steps would, so every route has a real target.
        Guid sceneId, shotId, compositionId, episodeId;
        await using (var db = app.Database.CreateContext())
        {
            var episode = await db.Episodes.FirstOrDefaultAsync(e => e.ProjectId == projectId)
                ?? new Episode { ProjectId = projectId, Number = 1, Title = "Pilot", State = DreamX.Domain.Canvas.NodeState.Ready, CurrentVersion = 1 };
            if (db.Entry(episode).State == EntityState.Detached)
                db.Add(episode);
            var scene = new Scene { ProjectId = projectId, EpisodeId = episode.Id, Number = 1, Location = "Lighthouse", State = DreamX.Domain.Canvas.NodeState.Ready };
            var shot = new Shot { ProjectId = projectId, SceneId = scene.Id, Order = 1, VisualPrompt = "A lamp", State = DreamX.Domain.Canvas.NodeState.Ready };
            db.AddRange(scene, shot);
            var composition = await db.Compositions.FirstOrDefaultAsync(c => c.EpisodeId == episode.Id) ?? new Composition { ProjectId = projectId, EpisodeId = episode.Id };
            if (db.Entry(composition).State == EntityState.Detached)
                db.Add(composition);
            await db.SaveChangesAsync();
            (sceneId, shotId, compositionId, episodeId) = (scene.Id, shot.Id, composition.Id, episode.Id);
        }
        return new Dictionary<string, string>
        {
            ["projectId"] = projectId.ToString(),
            ["taskId"] = taskId.ToString(),
            ["tokenId"] = owner.TokenId.ToString(),
            ["versionId"] = versionId.ToString(),
            ["nodeId"] = bibleId.ToString(),
            ["characterId"] = bibleId.ToString(),
            ["sceneId"] = sceneId.ToString(),
            ["shotId"] = shotId.ToString(),
            ["compositionId"] = compositionId.ToString(),
            ["episodeId"] = episodeId.ToString(),
            ["language"] = "zh-CN",
            ["pageId"] = bibleId.ToString(),
            ["verb"] = "story-bible",
            ["media"] = "image",
            ["kind"] = "StoryBible",
        };
    }

    private static string Fill(string template, IReadOnlyDictionary<string, string> ids)
    {
        // The event streams name their id {id} after the resource before it; a webhook's ids are the owner's own
        // (none here: an unknown id must be a 404 all the same).
        var url = template
            .Replace("/projects/{id}/", "/projects/{projectId}/", StringComparison.Ordinal)
            .Replace("/tasks/{id}/", "/tasks/{taskId}/", StringComparison.Ordinal)
            .Replace("/webhooks/{id}", "/webhooks/" + Guid.NewGuid(), StringComparison.Ordinal)
            .Replace("{deliveryId}", Guid.NewGuid().ToString(), StringComparison.Ordinal);
        foreach (var (name, value) in ids)
            url = url.Replace("{" + name + "}", value, StringComparison.Ordinal);
        Assert.DoesNotContain("{", url);
        return url;
    }

    /// <summary>A request body that passes the schema's shape (every property filled), so only ownership can refuse it.</summary>
    private static JsonNode? Sample(JsonNode schema, JsonNode document, int depth = 0)
    {
        if (depth > 6)
            return null;
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return Sample(document["components"]!["schemas"]![reference.Split('/')[^1]]!, document, depth + 1);
        if (schema["enum"] is JsonArray values && values.Count > 0)
            return values[0]!.DeepClone();
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue value => value.GetValue<string>(),
            _ => schema["properties"] is not null ? "object" : null,
        };
        return type switch
        {
            "object" => new JsonObject((schema["properties"]?.AsObject() ?? []).Select(p =>
                KeyValuePair.Create(p.Key, Sample(p.Value!, document, depth + 1)))),
            "array" => schema["items"] is { } items ? new JsonArray(Sample(items, document, depth + 1)) : new JsonArray(),
            "integer" => 1,
            "number" => 3,
            "boolean" => true,
            "string" when schema["format"]?.GetValue<string>() == "uuid" => Guid.NewGuid().ToString(),
            "string" when schema["format"]?.GetValue<string>() == "date-time" => DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
            "string" => "A probe written by another user",
            _ => null,
        };
    }

    private static string OpenApiPath(string route) =>
        System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:]+)(:[^}]*)?\}", m => "{" + m.Groups[1].Value + "}");
}
