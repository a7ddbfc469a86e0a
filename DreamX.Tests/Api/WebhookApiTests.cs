using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DreamX.Infrastructure.Webhooks;
using DreamX.Tests.Infrastructure.Events;
using DreamX.Domain.Users;

namespace DreamX.Tests.Api;

/// <summary>/api/v1/webhooks over HTTP: create (secret once), list, update, delete, ping, delivery log, redeliver, scopes and ownership.</summary>
public sealed class WebhookApiTests : IAsyncLifetime
{
    private readonly ApiApp _app = ApiApp.With(new Dictionary<string, string?> { ["Webhooks:AllowedHosts:0"] = "127.0.0.1" });

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_creator_registers_an_endpoint_pings_it_reads_the_log_and_redelivers()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503, 200);
        var user = await _app.CreateUserAsync();

        using var created = await user.Client.PostAsJsonAsync("/api/v1/webhooks",
            new { url = receiver.Url.ToString(), events = new[] { "task.succeeded", "render.finished" }, description = "CMS" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var createdBody = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var secret = createdBody.RootElement.GetProperty("secret").GetString()!;
        var id = createdBody.RootElement.GetProperty("endpoint").GetProperty("id").GetGuid();
        Assert.StartsWith("whsec_", secret);

        var list = await user.Client.GetStringAsync("/api/v1/webhooks");
        Assert.Contains(id.ToString(), list);
        Assert.DoesNotContain(secret, list);

        using var ping = await user.Client.PostAsync($"/api/v1/webhooks/{id}/ping", null);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        using var pingBody = JsonDocument.Parse(await ping.Content.ReadAsStringAsync());
        Assert.False(pingBody.RootElement.GetProperty("succeeded").GetBoolean());
        Assert.Equal(503, pingBody.RootElement.GetProperty("statusCode").GetInt32());

        using var deliveries = JsonDocument.Parse(await user.Client.GetStringAsync($"/api/v1/webhooks/{id}/deliveries?page=1&pageSize=10"));
        var delivery = deliveries.RootElement.GetProperty("items")[0];
        Assert.Equal(1, deliveries.RootElement.GetProperty("total").GetInt32());
        var deliveryId = delivery.GetProperty("id").GetGuid();

        using var redelivered = await user.Client.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", null);
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        using var redeliveredBody = JsonDocument.Parse(await redelivered.Content.ReadAsStringAsync());
        Assert.True(redeliveredBody.RootElement.GetProperty("succeeded").GetBoolean());

        using var after = JsonDocument.Parse(await user.Client.GetStringAsync($"/api/v1/webhooks/{id}/deliveries"));
        var log = after.RootElement.GetProperty("items")[0].GetProperty("attemptLog");
        Assert.Equal([503, 200], log.EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        var requests = await receiver.WaitForAsync(2, TimeSpan.FromSeconds(30));
        Assert.All(requests, r => Assert.True(WebhookSignature.Verify(secret, r.Headers["DreamX-Signature"], r.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5))));

        using var update = await user.Client.PutAsJsonAsync($"/api/v1/webhooks/{id}", new { url = receiver.Url.ToString(), events = new[] { "project.created" }, enabled = false });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Contains("\"enabled\":false", await update.Content.ReadAsStringAsync());
        using var deleted = await user.Client.DeleteAsync($"/api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await user.Client.GetAsync($"/api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Internal_urls_are_a_field_error_and_nothing_is_saved()
    {
        var user = await _app.CreateUserAsync();

        using var refused = await user.Client.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://169.254.169.254/latest/meta-data", events = new[] { "task.failed" } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("link-local", problem.RootElement.GetProperty("errors").GetProperty("url")[0].GetString());
        Assert.Contains("Webhooks:AllowedHosts", problem.RootElement.GetProperty("errors").GetProperty("url")[0].GetString());
        Assert.Equal("[]", await user.Client.GetStringAsync("/api/v1/webhooks"));
    }

    [Fact]
    public async Task Another_users_endpoint_is_not_found_and_a_read_only_token_cannot_change_anything()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var owner = await _app.CreateUserAsync();
        var stranger = await _app.CreateUserAsync();
        var reader = await _app.CreateTokenAsync(owner.Id, owner.Email, [TokenScopes.Read]);
        using var created = await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url.ToString(), events = new[] { "task.failed" } });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("endpoint").GetProperty("id").GetGuid();

        foreach (var (method, path) in new[] { ("GET", $"/api/v1/webhooks/{id}"), ("GET", $"/api/v1/webhooks/{id}/deliveries"), ("POST", $"/api/v1/webhooks/{id}/ping"), ("DELETE", $"/api/v1/webhooks/{id}") })
        {
            using var answer = await stranger.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }
        using var readOnly = await reader.Client.PostAsync($"/api/v1/webhooks/{id}/ping", null);
        Assert.Equal(HttpStatusCode.Forbidden, readOnly.StatusCode);
        Assert.Empty(receiver.Requests);
        using var stillThere = await owner.Client.GetAsync($"/api/v1/webhooks/{id}");
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }
}
