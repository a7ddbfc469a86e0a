using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Api;

/// <summary>Tokens, the bearer scheme, scopes, problem details and paging: what every API endpoint stands on.</summary>
public sealed class ApiFoundationTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_document_lists_every_group_in_reading_order_with_its_description()
    {
        using var anonymous = app.CreateClient();
        var document = System.Text.Json.Nodes.JsonNode.Parse((await anonymous.GetJsonAsync("/openapi/v1.json")).GetRawText())!;

        var tags = document["tags"]!.AsArray().Select(t => (Name: t!["name"]!.GetValue<string>(), Description: t["description"]?.GetValue<string>())).ToList();
        Assert.Equal(DreamX.Web.Api.Foundation.ApiDocumentation.Groups.Select(g => g.Name), tags.Select(t => t.Name));
        Assert.All(tags, t => Assert.False(string.IsNullOrWhiteSpace(t.Description), $"{t.Name} has no description"));
        // Every operation belongs to a listed group.
        var used = document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject().Where(m => m.Key != "parameters"))
            .SelectMany(m => m.Value!["tags"]!.AsArray().Select(t => t!.GetValue<string>())).ToHashSet();
        Assert.Subset(tags.Select(t => t.Name).ToHashSet(), used);
        // The signed provider callback takes no token, and says so.
        var callback = document["paths"]!["/api/v1/webhooks/providers/{provider}"]!["post"]!;
        Assert.Empty(callback["security"]!.AsArray());
    }

    [Fact]
    public async Task No_token_is_a_401_problem_with_a_trace_id_and_a_bearer_challenge()
    {
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        var problem = await ReadAsync(response);
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("traceId").GetString()));
        Assert.StartsWith("urn:dreamx:problem:", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_valid_token_reads_its_owner_and_records_its_last_use()
    {
        var user = await app.CreateUserAsync([TokenScopes.Read]);

        var me = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/me");

        Assert.Equal(user.Id, me.GetProperty("userId").GetString());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.Equal(new[] { "read" }, me.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
        await using var db = app.Database.CreateContext();
        var stored = await db.PersonalAccessTokens.SingleAsync(t => t.Id == user.TokenId);
        Assert.NotNull(stored.LastUsedAt);
    }

    [Fact]
    public async Task Only_the_tokens_hash_is_stored_and_the_token_is_recognisable()
    {
        var user = await app.CreateUserAsync();

        Assert.StartsWith(AccessTokens.TokenPrefix, user.Token);
        Assert.True(user.Token.Length >= 40);
        await using var db = app.Database.CreateContext();
        var stored = await db.PersonalAccessTokens.SingleAsync(t => t.Id == user.TokenId);
        Assert.Equal(AccessTokens.Hash(user.Token), stored.TokenHash);
        Assert.DoesNotContain(user.Token, stored.TokenHash + stored.Prefix + stored.Name);
        Assert.Equal(user.Token[..12], stored.Prefix);
    }

    [Fact]
    public async Task An_unknown_a_revoked_and_an_expired_token_are_refused()
    {
        var user = await app.CreateUserAsync();
        using var unknown = app.CreateClient(AccessTokens.TokenPrefix + new string('x', 43));
        Assert.Equal(HttpStatusCode.Unauthorized, (await unknown.GetAsync("/api/v1/me")).StatusCode);

        var expiring = await app.CreateTokenAsync(user.Id, user.Email, expiresAt: DateTimeOffset.UtcNow.AddHours(1));
        Assert.Equal(HttpStatusCode.OK, (await expiring.Client.GetAsync("/api/v1/me")).StatusCode);
        await using (var db = app.Database.CreateContext())
        {
            await db.PersonalAccessTokens.Where(t => t.Id == expiring.TokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        }
        using var expired = await expiring.Client.GetAsync("/api/v1/me");
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", expired.Headers.WwwAuthenticate.ToString());

        using var revoke = await user.Client.DeleteAsync($"/api/v1/me/tokens/{user.TokenId}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_read_only_token_reads_but_is_refused_on_writes_with_403()
    {
        var user = await app.CreateUserAsync([TokenScopes.Read]);

        Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/api/v1/me/wallet")).StatusCode);
        using var write = await user.Client.PutAsJsonAsync("/api/v1/me", new { nickname = "New name", timeZone = "UTC" });

        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Contains("insufficient_scope", write.Headers.WwwAuthenticate.ToString());
        await using var db = app.Database.CreateContext();
        Assert.NotEqual("New name", (await db.UserProfiles.SingleAsync(p => p.UserId == user.Id)).Nickname);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_not_accepted_by_the_api()
    {
        var user = await app.CreateUserAsync();
        string cookie;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
            var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            http.Request.Scheme = "http";
            http.Request.Host = new HostString("localhost");
            signIn.Context = http;
            await signIn.SignInAsync((await signIn.UserManager.FindByIdAsync(user.Id))!, isPersistent: false);
            cookie = http.Response.Headers.SetCookie.ToString().Split(';')[0];
        }
        Assert.Contains("dreamx.auth", cookie);

        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_bad_body_is_a_400_with_field_errors()
    {
        var user = await app.CreateUserAsync();

        using var response = await user.Client.PutAsJsonAsync("/api/v1/me", new { nickname = "", timeZone = "UTC" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadAsync(response);
        Assert.Equal("A nickname is required.", problem.GetProperty("errors").GetProperty("nickname")[0].GetString());
        Assert.True(problem.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task Paging_out_of_range_is_a_400_and_a_page_has_its_totals()
    {
        var user = await app.CreateUserAsync();

        using var bad = await user.Client.GetAsync("/api/v1/me/wallet/history?page=0&pageSize=1000");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ReadAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("page", out _));
        Assert.True(errors.TryGetProperty("pageSize", out _));

        var page = await user.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/wallet/history?page=1&pageSize=5");
        Assert.Equal(1, page.GetProperty("page").GetInt32());
        Assert.Equal(5, page.GetProperty("pageSize").GetInt32());
        Assert.Equal(1, page.GetProperty("total").GetInt32()); // the welcome credits
        Assert.Equal(1, page.GetProperty("totalPages").GetInt32());
        Assert.Single(page.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_not_the_studios_page()
    {
        var user = await app.CreateUserAsync();

        using var response = await user.Client.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_token_made_over_the_api_is_shown_once_and_listed_without_it()
    {
        var user = await app.CreateUserAsync();

        using var created = await user.Client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "batch", scopes = new[] { "read" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await ReadAsync(created);
        var token = body.GetProperty("token").GetString()!;
        using var second = app.CreateClient(token);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/me")).StatusCode);

        var listed = await user.Client.GetStringAsync("/api/v1/me/tokens");
        Assert.DoesNotContain(token, listed);
        Assert.Contains("batch", listed);

        using var nameless = await user.Client.PostAsJsonAsync("/api/v1/me/tokens", new { name = "", scopes = new[] { "read" } });
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
    }

    [Fact]
    public async Task Another_users_token_id_cannot_be_revoked()
    {
        var owner = await app.CreateUserAsync();
        var other = await app.CreateUserAsync();

        using var response = await other.Client.DeleteAsync($"/api/v1/me/tokens/{owner.TokenId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.GetAsync("/api/v1/me")).StatusCode);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}

/// <summary>The reference page: served at /api/docs under the studio's strict CSP, its scripts allowed by the request's nonce.</summary>
public sealed class ApiDocumentationTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_reference_page_loads_its_scripts_by_nonce_under_the_strict_policy()
    {
        using var client = app.CreateClient();

        using (var bare = await client.GetAsync("/api/docs"))
            Assert.True((int)bare.StatusCode is >= 200 and < 400, $"/api/docs: {(int)bare.StatusCode}");
        using var page = await client.GetAsync("/api/docs/");

        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "'nonce-([^']+)'").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(nonce));
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>");
        Assert.NotEmpty(scripts);
        // The attribute is HTML-encoded (+ as &#x2B;); the browser compares the decoded value with the header's.
        Assert.All(scripts, s => Assert.Contains($"nonce=\"{nonce}\"", System.Net.WebUtility.HtmlDecode(s.Value)));
        Assert.Contains("v1.json", html);
    }
}
