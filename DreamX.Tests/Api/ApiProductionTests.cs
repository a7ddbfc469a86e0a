using System.Net;
using System.Net.Http.Json;
using DreamX.Domain.Credits;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Api;

/// <summary>Quote, generate (with Idempotency-Key), tasks, edits with stale marking, versions and restore, over HTTP.</summary>
public sealed class ApiProductionTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Quote_then_generate_the_story_bible_once_per_idempotency_key_and_edit_restore_it()
    {
        var user = await app.CreateUserAsync();
        var projectId = (await user.Client.CreateProjectAsync()).Id();

        var quote = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/canvas/story-bible/quote");
        Assert.Equal(1, quote.GetProperty("taskCount").GetInt32());
        var price = quote.GetProperty("credits").GetInt32();
        Assert.True(price > 0);
        var blocked = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/canvas/characters/quote");
        Assert.Equal("production.needs_bible", blocked.GetProperty("blocker").GetString());
        Assert.False(string.IsNullOrWhiteSpace(blocked.GetProperty("blockerMessage").GetString()));

        var balanceBefore = (await user.Client.GetJsonAsync("/api/v1/me/wallet")).GetProperty("balance").GetInt32();
        var key = Guid.NewGuid().ToString();
        using var first = await SendWithKeyAsync(user.Client, $"/api/v1/projects/{projectId}/canvas/story-bible", key);
        using var second = await SendWithKeyAsync(user.Client, $"/api/v1/projects/{projectId}/canvas/story-bible", key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(firstBody, await second.Content.ReadAsStringAsync());
        var taskId = (await first.JsonAsync()).GetProperty("tasks")[0].Id();

        var task = await user.Client.WaitForTaskAsync(taskId);
        Assert.Equal("Succeeded", task.GetProperty("status").GetString());
        await using (var db = app.Database.CreateContext())
        {
            var charges = await db.CreditLedger.Where(e => e.UserId == user.Id && e.Kind == CreditEntryKind.Consumed).ToListAsync();
            Assert.Equal(price, Math.Abs(Assert.Single(charges).Amount));
            Assert.Single(await db.GenerationTasks.Where(t => t.OwnerId == user.Id).ToListAsync());
        }
        var balanceAfter = (await user.Client.GetJsonAsync("/api/v1/me/wallet")).GetProperty("balance").GetInt32();
        Assert.Equal(balanceBefore - price, balanceAfter);

        // The same key for a different request is refused; a new key for the same step regenerates.
        using var reused = await SendWithKeyAsync(user.Client, $"/api/v1/projects/{projectId}/canvas/characters", key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);

        var graph = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}");
        var bible = graph.GetProperty("storyBible");
        Assert.Equal("Ready", bible.GetProperty("state").GetString());
        Assert.False(string.IsNullOrWhiteSpace(bible.GetProperty("logline").GetString()));
        var bibleId = bible.Id();

        using (var edited = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/story-bible", new
        {
            genre = bible.GetProperty("genre").GetString(), logline = "A keeper reads a letter that should not exist.",
            synopsis = bible.GetProperty("synopsis").GetString(), world = "A rocky coast.", themes = new[] { "family" }, tone = "tense",
        }))
            Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        using (var empty = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/story-bible", new { logline = "", synopsis = "" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
            Assert.Equal("node.bible_required", (await empty.JsonAsync()).GetProperty("code").GetString());
        }

        var versions = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/nodes/StoryBible/{bibleId}/versions");
        Assert.Equal(2, versions.GetArrayLength());
        var original = versions.EnumerateArray().Single(v => v.GetProperty("version").GetInt32() == 1).Id();
        using (var restored = await user.Client.PostAsync($"/api/v1/projects/{projectId}/versions/{original}/restore", null))
            Assert.Equal(HttpStatusCode.NoContent, restored.StatusCode);
        var back = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}");
        Assert.Equal(bible.GetProperty("logline").GetString(), back.GetProperty("storyBible").GetProperty("logline").GetString());
        Assert.Equal(3, (await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/nodes/StoryBible/{bibleId}/versions")).GetArrayLength());
    }

    [Fact]
    public async Task Tasks_list_by_project_and_status_and_refuse_cancelling_or_retrying_the_wrong_state()
    {
        var user = await app.CreateUserAsync();
        var projectId = (await user.Client.CreateProjectAsync()).Id();
        var generated = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null, HttpStatusCode.Accepted);
        var taskId = generated.GetProperty("tasks")[0].Id();
        await user.Client.WaitForTaskAsync(taskId);

        var byProject = await user.Client.GetJsonAsync($"/api/v1/tasks?projectId={projectId}");
        Assert.Equal(taskId, Assert.Single(byProject.GetProperty("items").EnumerateArray()).Id());
        Assert.Equal(0, (await user.Client.GetJsonAsync("/api/v1/tasks?status=Failed")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await user.Client.GetJsonAsync("/api/v1/tasks?status=Succeeded")).GetProperty("total").GetInt32());

        var cancel = await user.Client.PostJsonAsync($"/api/v1/tasks/{taskId}/cancel", null, HttpStatusCode.Conflict);
        Assert.Equal("tasks.already_finished", cancel.GetProperty("code").GetString());
        var retry = await user.Client.PostJsonAsync($"/api/v1/tasks/{taskId}/retry", null, HttpStatusCode.Conflict);
        Assert.Equal("tasks.not_finished", retry.GetProperty("code").GetString());
        // Nothing failed, so resuming queues nothing.
        var resumed = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/resume", null, HttpStatusCode.OK);
        Assert.Equal(0, resumed.GetArrayLength());
    }

    [Fact]
    public async Task A_queued_stage_can_be_cancelled_and_its_credits_come_back()
    {
        var user = await app.CreateUserAsync();
        var projectId = (await user.Client.CreateProjectAsync()).Id();
        var balance = (await user.Client.GetJsonAsync("/api/v1/me/wallet")).GetProperty("balance").GetInt32();

        var generated = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null, HttpStatusCode.Accepted);
        var taskId = generated.GetProperty("tasks")[0].Id();
        using var cancel = await user.Client.PostAsync($"/api/v1/tasks/{taskId}/cancel", null);
        var task = await user.Client.WaitForTaskAsync(taskId);

        if (cancel.StatusCode == HttpStatusCode.OK)
        {
            Assert.Equal("Cancelled", task.GetProperty("status").GetString());
            var wallet = await user.Client.GetJsonAsync("/api/v1/me/wallet");
            Assert.Equal(balance, wallet.GetProperty("balance").GetInt32());
            Assert.Equal(0, wallet.GetProperty("reserved").GetInt32());
            // Retrying a cancelled task queues a fresh one.
            var retried = await user.Client.PostJsonAsync($"/api/v1/tasks/{taskId}/retry", null, HttpStatusCode.Accepted);
            Assert.NotEqual(taskId, retried.Id());
        }
        else
        {
            // The built-in writer was quicker than the cancel: the refusal says so.
            Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
            Assert.Equal("Succeeded", task.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task An_unknown_verb_is_a_404_and_a_write_needs_the_write_scope()
    {
        var user = await app.CreateUserAsync();
        var projectId = (await user.Client.CreateProjectAsync()).Id();
        var reader = await app.CreateTokenAsync(user.Id, user.Email, [DreamX.Domain.Users.TokenScopes.Read]);

        await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/dance", null, HttpStatusCode.NotFound);
        await reader.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null, HttpStatusCode.Forbidden);
        await using var db = app.Database.CreateContext();
        Assert.Empty(await db.GenerationTasks.Where(t => t.OwnerId == user.Id).ToListAsync());
    }

    [Fact]
    public async Task Idempotency_keys_older_than_a_day_are_pruned_by_the_housekeeping_job_and_recent_ones_kept()
    {
        var user = await app.CreateUserAsync();
        var projectId = (await user.Client.CreateProjectAsync("Kept keys")).Id();
        var (old, recent) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        using (var first = await SendWithKeyAsync(user.Client, $"/api/v1/projects/{projectId}/canvas/story-bible", old))
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        using (var second = await SendWithKeyAsync(user.Client, $"/api/v1/projects/{projectId}/canvas/checkpoint", recent))
            Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        await using (var db = app.Database.CreateContext())
            await db.Database.ExecuteSqlAsync($"UPDATE api_idempotent_requests SET created_at = now() - interval '25 hours', completed_at = now() - interval '25 hours' WHERE user_id = {user.Id} AND key = {old}");

        var job = Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<DreamX.Infrastructure.Events.PurgeEventLogJob>(app.Services);
        await job.Execute(null!, CancellationToken.None);

        await using var check = app.Database.CreateContext();
        var keys = await check.Set<DreamX.Infrastructure.Api.IdempotentRequest>().Where(r => r.UserId == user.Id).Select(r => r.Key).ToListAsync();
        Assert.Equal([recent], keys);
    }

    private static Task<HttpResponseMessage> SendWithKeyAsync(HttpClient client, string url, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(new { }) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
