using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using DreamX.Web.Components.Pages.Projects;
using DreamX.Web.Localization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace DreamX.Tests.Api;

/// <summary>/api/v1/projects over HTTP on a real database: the checkpoint form's rules, the graph, update, copy, delete.</summary>
public sealed class ApiProjectsTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_bad_checkpoint_gets_the_forms_messages_per_field()
    {
        var user = await app.CreateUserAsync();

        using var response = await user.Client.PostAsJsonAsync("/api/v1/projects", new
        {
            type = "SingleEpisode", title = "", language = "en-US", episodeCount = 1, episodeDurationSeconds = 5, idea = "short",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        var text = app.Services.GetRequiredService<IStringLocalizer<ProjectsText>>();
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        try
        {
            Assert.Equal(text.Describe("idea.too_short"), errors.GetProperty("idea")[0].GetString());
            Assert.Equal(text.Describe("title.required"), errors.GetProperty("title")[0].GetString());
            Assert.Equal(text.Describe("duration.range"), errors.GetProperty("episodeDurationSeconds")[0].GetString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
        Assert.Equal("Tell a little more: at least 10 characters.", errors.GetProperty("idea")[0].GetString());
        Assert.Equal(0, (await user.Client.GetJsonAsync("/api/v1/projects")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Chinese_messages_come_with_accept_language()
    {
        var user = await app.CreateUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
        {
            Content = JsonContent.Create(new { type = "SingleEpisode", title = "标题", language = "zh-CN", idea = "短" }),
        };
        request.Headers.AcceptLanguage.ParseAdd("zh-CN");

        using var response = await user.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("idea")[0].GetString()!;
        Assert.Contains("10", message);
        Assert.DoesNotContain("Tell a little more", message);
    }

    [Theory]
    [InlineData("en", "The Starter plan allows up to 3 episodes per project")]
    [InlineData("zh-CN", "Starter 套餐每个项目最多 3 集")]
    public async Task More_episodes_than_the_plan_allows_is_a_problem_naming_the_plan(string language, string message)
    {
        var user = await app.CreateUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
        {
            Content = JsonContent.Create(new
            {
                type = "MultiEpisodes", title = "Long Run", language = "en-US", episodeCount = 4, episodeDurationSeconds = 60,
                idea = "A family of lighthouse keepers guards a coast where ships vanish every winter.",
            }),
        };
        request.Headers.AcceptLanguage.ParseAdd(language);

        using var response = await user.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty("episodeCount")[0].GetString());
        Assert.Equal(0, (await user.Client.GetJsonAsync("/api/v1/projects")).GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(101)]
    [InlineData(100_000)]
    public async Task An_out_of_range_episode_count_is_refused_not_lowered(int episodes)
    {
        var user = await app.CreateUserAsync();

        using var response = await user.Client.PostAsJsonAsync("/api/v1/projects", new
        {
            type = "MultiEpisodes", title = "Endless", language = "en-US", episodeCount = episodes, episodeDurationSeconds = 60,
            idea = "A family of lighthouse keepers guards a coast where ships vanish every winter.",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("A series has between 2 and 100 episodes.", (await response.JsonAsync()).GetProperty("errors").GetProperty("episodeCount")[0].GetString());
        Assert.Equal(0, (await user.Client.GetJsonAsync("/api/v1/projects")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_project_is_created_listed_searched_read_renamed_copied_and_deleted()
    {
        var user = await app.CreateUserAsync();

        var created = await user.Client.CreateProjectAsync("Storm Letter");
        var id = created.Id();
        Assert.Equal("Storm Letter", created.GetProperty("title").GetString());
        Assert.Equal("en-US", created.GetProperty("checkpoint").GetProperty("language").GetString());
        Assert.Equal(15, created.GetProperty("checkpoint").GetProperty("episodeDurationSeconds").GetInt32());
        await user.Client.CreateProjectAsync("Another Tale");

        var all = await user.Client.GetJsonAsync("/api/v1/projects?page=1&pageSize=1");
        Assert.Equal(2, all.GetProperty("total").GetInt32());
        Assert.Equal(2, all.GetProperty("totalPages").GetInt32());
        Assert.Single(all.GetProperty("items").EnumerateArray());
        var found = await user.Client.GetJsonAsync("/api/v1/projects?search=storm%20letter");
        Assert.Equal(id, Assert.Single(found.GetProperty("items").EnumerateArray()).Id());

        var graph = await user.Client.GetJsonAsync($"/api/v1/projects/{id}");
        Assert.Equal(JsonValueKindNull, graph.GetProperty("storyBible").ValueKind);
        Assert.Empty(graph.GetProperty("episodes").EnumerateArray());

        using (var renamed = await user.Client.PatchAsJsonAsync($"/api/v1/projects/{id}", new { title = "Storm Letters", budgetCapCredits = 500 }))
        {
            Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
            var body = await renamed.JsonAsync();
            Assert.Equal("Storm Letters", body.GetProperty("title").GetString());
            Assert.Equal(500, body.GetProperty("budgetCapCredits").GetInt32());
        }
        using (var tooLong = await user.Client.PatchAsJsonAsync($"/api/v1/projects/{id}", new { title = new string('x', 81) }))
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        var copy = await user.Client.PostJsonAsync($"/api/v1/projects/{id}/duplicate", new { title = "Storm Letters (copy)" }, HttpStatusCode.Created);
        Assert.NotEqual(id, copy.Id());
        Assert.Equal(created.GetProperty("checkpoint").GetProperty("idea").GetString(), copy.GetProperty("checkpoint").GetProperty("idea").GetString());

        using (var deleted = await user.Client.DeleteAsync($"/api/v1/projects/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await user.Client.GetAsync($"/api/v1/projects/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Catalogues_list_the_seeded_styles_voices_and_music()
    {
        var user = await app.CreateUserAsync([DreamX.Domain.Users.TokenScopes.Read]);

        var styles = await user.Client.GetJsonAsync("/api/v1/catalog/styles?pageSize=2");
        Assert.True(styles.GetProperty("total").GetInt32() > 0);
        Assert.True(styles.GetProperty("items").GetArrayLength() is > 0 and <= 2);
        Assert.True((await user.Client.GetJsonAsync("/api/v1/catalog/voices")).GetProperty("total").GetInt32() > 0);
        Assert.True((await user.Client.GetJsonAsync("/api/v1/catalog/music")).GetProperty("total").GetInt32() >= 0);
        Assert.True((await user.Client.GetJsonAsync("/api/v1/catalog/showcases")).GetProperty("total").GetInt32() >= 0);
    }

    [Fact]
    public async Task Me_checks_in_once_a_day_and_reads_the_wallet_and_plan()
    {
        var user = await app.CreateUserAsync();
        var before = await user.Client.GetJsonAsync("/api/v1/me/wallet");

        var checkedIn = await user.Client.PostJsonAsync("/api/v1/me/check-in", null, HttpStatusCode.OK);
        Assert.True(checkedIn.GetProperty("checkedInToday").GetBoolean());
        var again = await user.Client.PostJsonAsync("/api/v1/me/check-in", null, HttpStatusCode.Conflict);
        Assert.Equal("checkin.already", again.GetProperty("code").GetString());

        var after = await user.Client.GetJsonAsync("/api/v1/me/wallet");
        Assert.True(after.GetProperty("balance").GetInt32() > before.GetProperty("balance").GetInt32());
        var plan = await user.Client.GetJsonAsync("/api/v1/me/subscription");
        Assert.Equal("Starter", plan.GetProperty("tier").GetString());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;
}
