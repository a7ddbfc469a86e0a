using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace DreamX.Tests.Api;

/// <summary>The MCP endpoint driven by the SDK's own client over streamable HTTP with a bearer token.</summary>
public sealed class McpTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task An_agent_creates_a_project_quotes_generates_follows_and_reads_the_result()
    {
        var user = await app.CreateUserAsync();
        await using var client = await ConnectAsync(user.Client);

        var tools = (await client.ListToolsAsync()).Select(t => t.Name).ToList();
        Assert.Equivalent(new[] { "create_project", "quote", "generate_stage", "get_status", "list_results", "download_links" }, tools);

        var created = await CallAsync(client, "create_project", new()
        {
            ["title"] = "The Lighthouse Keeper",
            ["idea"] = "A lighthouse keeper finds a letter from her missing brother inside a bottle on the night of a storm.",
            ["episodeDurationSeconds"] = 15,
        });
        var projectId = created.GetProperty("projectId").GetGuid();

        var quote = await CallAsync(client, "quote", new() { ["projectId"] = projectId, ["stage"] = "story-bible" });
        Assert.True(quote.GetProperty("credits").GetInt32() > 0);

        var generated = await CallAsync(client, "generate_stage", new() { ["projectId"] = projectId, ["stage"] = "story-bible" });
        var taskId = generated.GetProperty("tasks")[0].GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        string? status;
        do
        {
            var task = await CallAsync(client, "get_status", new() { ["taskId"] = taskId });
            status = task.GetProperty("status").GetString();
            Assert.True(DateTime.UtcNow < deadline, $"task still {status}");
            if (status is "Queued" or "Running" or "Blocked")
                await Task.Delay(250);
        }
        while (status is "Queued" or "Running" or "Blocked");
        Assert.Equal("Succeeded", status);

        var results = await CallAsync(client, "list_results", new() { ["projectId"] = projectId });
        Assert.False(string.IsNullOrWhiteSpace(results.GetProperty("storyBible").GetProperty("logline").GetString()));
        var links = await CallAsync(client, "download_links", new() { ["projectId"] = projectId });
        Assert.Equal(0, links.GetProperty("renders").GetArrayLength());
    }

    [Fact]
    public async Task Another_users_project_and_a_read_only_token_are_refused()
    {
        var owner = await app.CreateUserAsync();
        var projectId = (await owner.Client.CreateProjectAsync()).Id();
        var reader = await app.CreateUserAsync([DreamX.Domain.Users.TokenScopes.Read]);
        await using var client = await ConnectAsync(reader.Client);

        var foreign = await client.CallToolAsync("list_results", new Dictionary<string, object?> { ["projectId"] = projectId });
        Assert.True(foreign.IsError == true);
        var spend = await client.CallToolAsync("generate_stage", new Dictionary<string, object?> { ["projectId"] = projectId, ["stage"] = "story-bible" });
        Assert.True(spend.IsError == true);

        using var anonymous = app.CreateClient();
        using var refused = await anonymous.PostAsync("/mcp", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static Task<McpClient> ConnectAsync(HttpClient http) =>
        McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }, http, null, false));

    private static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments);
        var text = string.Join("", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        Assert.False(result.IsError == true, $"{tool}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
