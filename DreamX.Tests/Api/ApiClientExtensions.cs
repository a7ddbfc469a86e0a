using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DreamX.Tests.Api;

/// <summary>Small helpers the API tests share: JSON in and out, creating a project, waiting for a task.</summary>
public static class ApiClientExtensions
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    public static async Task<JsonElement> PostJsonAsync(this HttpClient client, string url, object? body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(url, body ?? new { });
        Assert.True(response.StatusCode == expected, $"POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Content.Headers.ContentLength == 0 ? default : await response.JsonAsync();
    }

    /// <summary>A short English single-episode project (15 s), created over the API.</summary>
    public static Task<JsonElement> CreateProjectAsync(this HttpClient client, string title = "The Lighthouse Keeper", int seconds = 15) =>
        client.PostJsonAsync("/api/v1/projects", new
        {
            type = "SingleEpisode",
            title,
            language = "en-US",
            episodeCount = 1,
            episodeDurationSeconds = seconds,
            aspectRatio = "Portrait9x16",
            idea = "A lighthouse keeper finds a letter from her missing brother inside a bottle on the night of a storm.",
        }, HttpStatusCode.Created);

    /// <summary>Polls the task until it has finished (the engine runs it on Quartz); fails after <paramref name="timeout"/>.</summary>
    public static async Task<JsonElement> WaitForTaskAsync(this HttpClient client, Guid taskId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var task = await client.GetJsonAsync($"/api/v1/tasks/{taskId}");
            var status = task.GetProperty("status").GetString();
            if (status is "Succeeded" or "Failed" or "Cancelled")
                return task;
            Assert.True(DateTime.UtcNow < deadline, $"Task {taskId} still {status} after the timeout.");
            await Task.Delay(250);
        }
    }

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();
}
