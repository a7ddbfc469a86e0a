using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DreamX.Domain.Audit;

namespace DreamX.Tests.Api;

/// <summary>
/// /api/v1/admin: only an admin's token gets in (every admin route is 403 for a creator's token, 401 without one), and
/// the admin's calls do what the /admin pages do, audited: credits adjusted with a reason, an account locked (its token
/// stops working) and unlocked, a price set, providers listed without keys.
/// </summary>
public sealed class ApiAdminTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task Every_admin_route_refuses_a_creators_token_and_an_anonymous_call()
    {
        var creator = await app.CreateUserAsync();
        using var anonymous = app.CreateClient();
        var document = JsonNode.Parse((await anonymous.GetJsonAsync("/openapi/v1.json")).GetRawText())!;
        var tried = 0;
        foreach (var (template, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/v1/admin/", StringComparison.Ordinal)))
        {
            var url = template.Replace("{userId}", creator.Id).Replace("{type}", "StoryBible").Replace("{quality}", "Standard");
            foreach (var (method, _) in item!.AsObject().Where(m => m.Key != "parameters"))
            {
                foreach (var (client, expected) in new[] { (creator.Client, HttpStatusCode.Forbidden), (anonymous, HttpStatusCode.Unauthorized) })
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url)
                    {
                        Content = JsonContent.Create(new { amount = 100000, reason = "mine", credits = 0, estimatedSeconds = 0 }),
                    };
                    using var response = await client.SendAsync(request);
                    Assert.True(response.StatusCode == expected, $"{method} {url}: {(int)response.StatusCode}, expected {(int)expected}");
                    tried++;
                }
            }
        }
        Assert.True(tried >= 2 * 9, $"only {tried} admin calls were tried");
        var wallet = await creator.Client.GetJsonAsync("/api/v1/me/wallet");
        Assert.True(wallet.GetProperty("balance").GetInt32() < 100000, "the creator's own call gave them nothing");
    }

    [Fact]
    public async Task An_admin_adjusts_credits_locks_and_unlocks_a_user_sets_a_price_and_reads_the_audit_over_the_api()
    {
        var admin = await app.CreateUserAsync(admin: true);
        var creator = await app.CreateUserAsync();

        var users = await admin.Client.GetJsonAsync($"/api/v1/admin/users?search={Uri.EscapeDataString(creator.Email)}");
        var row = Assert.Single(users.GetProperty("items").EnumerateArray());
        Assert.Equal(creator.Id, row.GetProperty("userId").GetString());
        var before = row.GetProperty("balance").GetInt32();

        var adjusted = await admin.Client.PostJsonAsync($"/api/v1/admin/users/{creator.Id}/credits", new { amount = 250, reason = "Refund for a broken render" }, HttpStatusCode.OK);
        Assert.Equal(before + 250, adjusted.GetProperty("balance").GetInt32());
        Assert.Equal(before + 250, (await creator.Client.GetJsonAsync("/api/v1/me/wallet")).GetProperty("balance").GetInt32());
        using (var noReason = await admin.Client.PostAsJsonAsync($"/api/v1/admin/users/{creator.Id}/credits", new { amount = 5, reason = "" }))
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        using (var nobody = await admin.Client.PostAsJsonAsync("/api/v1/admin/users/no-such-user/credits", new { amount = 5, reason = "x" }))
            Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);

        using (var locked = await admin.Client.PostAsync($"/api/v1/admin/users/{creator.Id}/lock", null))
            Assert.Equal(HttpStatusCode.NoContent, locked.StatusCode);
        using (var refused = await creator.Client.GetAsync("/api/v1/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using (var self = await admin.Client.PostAsync($"/api/v1/admin/users/{admin.Id}/lock", null))
            Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        using (var unlocked = await admin.Client.PostAsync($"/api/v1/admin/users/{creator.Id}/unlock", null))
            Assert.Equal(HttpStatusCode.NoContent, unlocked.StatusCode);
        await creator.Client.GetJsonAsync("/api/v1/me");

        using (var priced = await admin.Client.PutAsJsonAsync("/api/v1/admin/prices/StoryBible/Standard", new { credits = 7, estimatedSeconds = 12 }))
            Assert.Equal(HttpStatusCode.NoContent, priced.StatusCode);
        var prices = await admin.Client.GetJsonAsync("/api/v1/admin/prices");
        var bible = prices.EnumerateArray().Single(p => p.GetProperty("taskType").GetString() == "StoryBible" && p.GetProperty("quality").GetString() == "Standard");
        Assert.Equal(7, bible.GetProperty("credits").GetInt32());
        Assert.False(bible.GetProperty("isDefault").GetBoolean());
        var projectId = (await creator.Client.CreateProjectAsync()).Id();
        Assert.Equal(7, (await creator.Client.GetJsonAsync($"/api/v1/projects/{projectId}/canvas/story-bible/quote")).GetProperty("credits").GetInt32());
        using (var negative = await admin.Client.PutAsJsonAsync("/api/v1/admin/prices/StoryBible/Standard", new { credits = -1, estimatedSeconds = 12 }))
            Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);

        var providers = await admin.Client.GetAsync("/api/v1/admin/providers");
        var providersText = await providers.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, providers.StatusCode);
        Assert.DoesNotContain("protectedApiKey", providersText, StringComparison.OrdinalIgnoreCase);

        var dashboard = await admin.Client.GetJsonAsync("/api/v1/admin/dashboard");
        Assert.True(dashboard.GetProperty("users").GetInt32() >= 2);

        var audit = await admin.Client.GetJsonAsync($"/api/v1/admin/audit?search={Uri.EscapeDataString(creator.Email)}");
        var actions = audit.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("action").GetString()).ToList();
        Assert.Contains(AuditActions.UserLocked, actions);
        Assert.Contains(AuditActions.UserUnlocked, actions);
        Assert.All(audit.GetProperty("items").EnumerateArray().Where(a => a.GetProperty("action").GetString() == AuditActions.UserLocked),
            a => Assert.Equal(admin.Id, a.GetProperty("actorId").GetString()));
    }
}
