using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DreamX.Infrastructure.Production;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Tests.Api;

/// <summary>
/// An episode's language versions over HTTP, with the canvas' services and rules: a translation quoted, queued as a
/// task (the same request again is the same task), charged its quote; the languages listed, a version read and a line
/// written by hand (a creator's edit); the compose told which language to render; refusals as problem+json.
/// </summary>
public sealed class ApiTranslationTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task An_episode_is_translated_edited_and_composed_in_the_other_language_over_the_api()
    {
        var user = await app.CreateUserAsync();
        var projectId = (await user.Client.CreateProjectAsync("The Keeper Abroad")).Id();
        foreach (var verb in new[] { "story-bible", "characters", "script", "segment-design", "shot-images", "shot-audio" })
            await RunAsync(user, projectId, verb);
        var project = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}");
        var episodeId = project.GetProperty("episodes")[0].Id();
        var compositionId = project.GetProperty("compositions")[0].Id();
        var episode = $"/api/v1/projects/{projectId}/episodes/{episodeId}";

        // Before: the episode's own language only, chosen.
        var before = await user.Client.GetJsonAsync($"{episode}/translations");
        var own = Assert.Single(before.GetProperty("languages").EnumerateArray());
        Assert.Equal(("en-US", true, true), (own.GetProperty("language").GetString(), own.GetProperty("isOriginal").GetBoolean(), own.GetProperty("isChosen").GetBoolean()));

        // The quote: per spoken line; the episode's own language cannot be a version.
        var quote = await user.Client.GetJsonAsync($"{episode}/translations/zh-CN/quote");
        Assert.Equal(JsonValueKind.Null, quote.GetProperty("blocker").ValueKind);
        var credits = quote.GetProperty("credits").GetInt32();
        Assert.True(quote.GetProperty("lines").GetInt32() > 0 && credits >= quote.GetProperty("lines").GetInt32(), quote.ToString());
        var same = await user.Client.GetJsonAsync($"{episode}/translations/en-US/quote");
        Assert.Equal(EpisodeTranslations.SameLanguage, same.GetProperty("blocker").GetString());
        Assert.False(string.IsNullOrEmpty(same.GetProperty("blockerMessage").GetString()));

        // Queued as a task; the same request again at once is answered with the same task.
        var queued = await user.Client.PostJsonAsync($"{episode}/translations/zh-CN", null, HttpStatusCode.Accepted);
        Assert.Equal("TranslateScript", queued.GetProperty("type").GetString());
        Assert.Equal(credits, queued.GetProperty("creditsReserved").GetInt32());
        var again = await user.Client.PostJsonAsync($"{episode}/translations/zh-CN", null, HttpStatusCode.Accepted);
        Assert.Equal(queued.Id(), again.Id());
        var done = await user.Client.WaitForTaskAsync(queued.Id(), TimeSpan.FromMinutes(5));
        Assert.Equal("Succeeded", done.GetProperty("status").GetString());
        Assert.Equal(credits, done.GetProperty("creditsCharged").GetInt32());

        // Listed with its task; a first version is what the compose renders now.
        var after = await user.Client.GetJsonAsync($"{episode}/translations");
        var version = after.GetProperty("languages").EnumerateArray().Single(l => l.GetProperty("language").GetString() == "zh-CN");
        Assert.True(version.GetProperty("isChosen").GetBoolean());
        Assert.True(version.GetProperty("isVoiced").GetBoolean());
        Assert.Equal(queued.Id(), version.GetProperty("translation").Id());
        Assert.Equal("Succeeded", version.GetProperty("translation").GetProperty("status").GetString());

        // Its lines next to the originals; one written by hand is the creator's edit.
        var view = await user.Client.GetJsonAsync($"{episode}/translations/zh-CN");
        var lines = view.GetProperty("lines").EnumerateArray().ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.False(string.IsNullOrEmpty(l.GetProperty("original").GetString())));
        var shotId = lines[0].GetProperty("shotId").GetGuid();
        DateTimeOffset? markedBefore;
        await using (var db = app.Database.CreateContext())
            markedBefore = await CreatorEdits.LastAsync(db, projectId, CancellationToken.None);
        using (var edited = await user.Client.PutAsJsonAsync($"{episode}/translations/zh-CN/lines/{shotId}", new { text = "我亲手写下的这句台词。" }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
            var line = (await edited.JsonAsync()).GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("shotId").GetGuid() == shotId);
            Assert.Equal("我亲手写下的这句台词。", line.GetProperty("text").GetString());
            Assert.True(line.GetProperty("edited").GetBoolean());
        }
        await using (var db = app.Database.CreateContext())
        {
            var marked = await CreatorEdits.LastAsync(db, projectId, CancellationToken.None);
            Assert.True(marked is { } at && (markedBefore is null || at > markedBefore), $"no creator's edit was marked ({markedBefore} -> {marked})");
        }

        // Refusals say why, as problem+json.
        using (var empty = await user.Client.PutAsJsonAsync($"{episode}/translations/zh-CN/lines/{shotId}", new { text = "  " }))
            await AssertProblemAsync(empty, HttpStatusCode.UnprocessableEntity, EpisodeTranslations.TextRequired);
        using (var unknown = await user.Client.PostAsync($"{episode}/translations/fr-FR", null))
            await AssertProblemAsync(unknown, HttpStatusCode.UnprocessableEntity, EpisodeTranslations.UnsupportedLanguage);
        using (var missing = await user.Client.GetAsync($"/api/v1/projects/{projectId}/episodes/{Guid.NewGuid()}/translations"))
            await AssertProblemAsync(missing, HttpStatusCode.NotFound, EpisodeTranslations.NotFound);

        // The switch back to the episode's own language, then a compose asked for in the version's language renders it.
        using (var chosen = await user.Client.PutAsJsonAsync($"{episode}/language", new { language = "en-US" }))
            Assert.Equal(HttpStatusCode.NoContent, chosen.StatusCode);
        Assert.True((await user.Client.GetJsonAsync($"{episode}/translations")).GetProperty("languages")[0].GetProperty("isChosen").GetBoolean());
        using (var notAVersion = await user.Client.PutAsJsonAsync($"{episode}/language", new { language = "ja-JP" }))
            Assert.Equal(HttpStatusCode.NotFound, notAVersion.StatusCode);
        using (var wrongVerb = await user.Client.PostAsync($"/api/v1/projects/{projectId}/canvas/shot-images?language=zh-CN", null))
            await AssertProblemAsync(wrongVerb, HttpStatusCode.UnprocessableEntity, "production.language_needs_compose");
        var composed = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/compose-preview?nodeId={compositionId}&language=zh-CN", null,
            HttpStatusCode.Accepted);
        foreach (var task in composed.GetProperty("tasks").EnumerateArray())
            Assert.Equal("Succeeded", (await user.Client.WaitForTaskAsync(task.Id(), TimeSpan.FromMinutes(10))).GetProperty("status").GetString());
        var composition = (await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}")).GetProperty("compositions")[0];
        Assert.Equal("zh-CN", composition.GetProperty("language").GetString());
        Assert.Equal("zh-CN", composition.GetProperty("renders")[0].GetProperty("language").GetString());
        var downloads = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/compositions/{compositionId}/downloads?language=zh-CN");
        using var srt = await user.Client.GetAsync(downloads.GetProperty("subtitles").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, srt.StatusCode);
        Assert.Contains("我亲手写下的这句台词。", await srt.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_stranger_is_not_told_an_episode_exists_and_an_episode_of_another_project_is_not_found()
    {
        var owner = await app.CreateUserAsync();
        var stranger = await app.CreateUserAsync();
        var projectId = (await owner.Client.CreateProjectAsync("Mine")).Id();
        await RunAsync(owner, projectId, "story-bible");
        await RunAsync(owner, projectId, "characters");
        await RunAsync(owner, projectId, "script");
        var episodeId = (await owner.Client.GetJsonAsync($"/api/v1/projects/{projectId}")).GetProperty("episodes")[0].Id();
        var otherProject = (await owner.Client.CreateProjectAsync("Another")).Id();

        foreach (var (method, url) in new[]
                 {
                     ("GET", $"/api/v1/projects/{projectId}/episodes/{episodeId}/translations"),
                     ("POST", $"/api/v1/projects/{projectId}/episodes/{episodeId}/translations/zh-CN"),
                     ("GET", $"/api/v1/projects/{projectId}/episodes/{episodeId}/translations/zh-CN/quote"),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), url);
            using var response = await stranger.Client.SendAsync(request);
            await AssertProblemAsync(response, HttpStatusCode.NotFound, EpisodeTranslations.NotFound);
            // The owner asking through another of their projects is not found either.
            using var wrong = new HttpRequestMessage(new HttpMethod(method), url.Replace(projectId.ToString(), otherProject.ToString(), StringComparison.Ordinal));
            using var misplaced = await owner.Client.SendAsync(wrong);
            await AssertProblemAsync(misplaced, HttpStatusCode.NotFound, EpisodeTranslations.NotFound);
        }
        await using var db = app.Database.CreateContext();
        Assert.False(await db.GenerationTasks.AnyAsync(t => t.ProjectId == projectId && t.Type == DreamX.Domain.Generation.GenerationTaskType.TranslateScript));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
    }

    private static async Task RunAsync(ApiTestUser user, Guid projectId, string verb)
    {
        var queued = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/{verb}", null, HttpStatusCode.Accepted);
        foreach (var task in queued.GetProperty("tasks").EnumerateArray())
            Assert.Equal("Succeeded", (await user.Client.WaitForTaskAsync(task.Id(), TimeSpan.FromMinutes(5))).GetProperty("status").GetString());
    }
}
