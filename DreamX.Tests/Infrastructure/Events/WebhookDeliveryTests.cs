using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DreamX.Domain.Canvas;
using DreamX.Domain.Events;
using DreamX.Domain.Generation;
using DreamX.Domain.Webhooks;
using DreamX.Infrastructure.Events;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Webhooks;
using DreamX.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DreamX.Tests.Infrastructure.Events;

/// <summary>Outbound webhooks end to end: the engine's event, the Quartz sender, a real HTTP receiver, the delivery log.</summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly PostgresDatabase _database = new();
    private readonly FakeDns _dns = new();
    private IHost _host = null!;

    private WebhookEndpoints Endpoints => _host.Services.GetRequiredService<WebhookEndpoints>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _dns.Add("hooks.example.com", "93.184.216.34").Add("intranet.example.com", "10.1.2.3").Add("metadata.example.com", "169.254.169.254").Add("localhost", "127.0.0.1");
        _host = await EventHost.StartAsync(_database.ConnectionString, "hooks-" + Guid.NewGuid().ToString("N")[..6], runScheduler: true,
            new Dictionary<string, string?>
            {
                // The test receiver listens on loopback, which only the webhook allowlist lets the studio call.
                ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
                ["Webhooks:RetryBaseDelay"] = "00:00:00.500",
                ["Webhooks:PollInterval"] = "00:00:00.500",
                ["Webhooks:Timeout"] = "00:00:05",
            },
            services => services.AddSingleton<DreamX.Infrastructure.Outbound.IHostResolver>(_dns));
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_succeeded_task_is_posted_signed_and_the_signature_verifies_with_the_secret_shown_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var created = (await Endpoints.CreateAsync("user-1", new WebhookInput(receiver.Url.ToString(), [StudioEventTypes.TaskSucceeded]))).Value;
        Assert.StartsWith("whsec_", created.Secret);
        Assert.DoesNotContain(created.Secret, JsonSerializer.Serialize((await Endpoints.ListAsync("user-1"))));

        var task = new GenerationTask { ProjectId = Guid.NewGuid(), OwnerId = "user-1", Type = GenerationTaskType.Script, TargetKind = NodeKind.Script, TargetId = Guid.NewGuid() };
        await _host.Services.GetRequiredService<TaskEvents>().PublishAsync(task, GenerationTaskStatus.Succeeded, 100, null);

        var request = Assert.Single(await receiver.WaitForAsync(1, Patience));
        // Verified the way a receiver would, without the studio's code: HMAC-SHA256 over "{t}.{body}".
        var parts = request.Headers["DreamX-Signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(created.Secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{request.Body}")));
        Assert.Equal(expected, parts["v1"]);
        Assert.InRange(long.Parse(parts["t"]), DateTimeOffset.UtcNow.AddMinutes(-5).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.True(WebhookSignature.Verify(created.Secret, request.Headers["DreamX-Signature"], request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(created.Secret, request.Headers["DreamX-Signature"], request.Body + " ", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_wrong", request.Headers["DreamX-Signature"], request.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("task.succeeded", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(task.Id, body.RootElement.GetProperty("data").GetProperty("taskId").GetGuid());
        Assert.Equal("task.succeeded", request.Headers["DreamX-Event"]);
        var deliveries = (await Endpoints.DeliveriesAsync("user-1", created.Endpoint.Id, 1, 20)).Value.Items;
        var delivery = Assert.Single(deliveries);
        Assert.Equal(delivery.Id.ToString(), request.Headers["DreamX-Webhook-Id"]);
        // Only the subscribed kinds go out: the node.updated that came with the success was not sent.
        Assert.Equal("task.succeeded", delivery.EventType);
    }

    [Fact]
    public async Task A_receiver_that_fails_first_gets_the_same_delivery_again_with_backoff_and_the_log_shows_both()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 200);
        var created = (await Endpoints.CreateAsync("user-1", new WebhookInput(receiver.Url.ToString(), [StudioEventTypes.TaskFailed]))).Value;
        var task = new GenerationTask { ProjectId = Guid.NewGuid(), OwnerId = "user-1", Type = GenerationTaskType.ShotImage, TargetKind = NodeKind.Segment, TargetId = Guid.NewGuid() };
        await _host.Services.GetRequiredService<TaskEvents>().PublishAsync(task, GenerationTaskStatus.Failed, 0, "no credits");

        var requests = await receiver.WaitForAsync(2, Patience);
        Assert.Equal([500, 200], requests.Select(r => r.AnsweredWith));
        Assert.Equal(requests[0].Body, requests[1].Body);
        Assert.Equal(requests[0].Headers["DreamX-Webhook-Id"], requests[1].Headers["DreamX-Webhook-Id"]);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(400), "the retry waited for its backoff");

        var delivery = await WaitDeliveryAsync(created.Endpoint.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);
        Assert.Equal([500, 200], delivery.AttemptLog.Select(a => a.StatusCode));
        Assert.False(delivery.AttemptLog[0].Succeeded);
        Assert.Contains("500", delivery.AttemptLog[0].Error);
        Assert.True(delivery.AttemptLog[1].Succeeded);
        Assert.Equal(200, delivery.LastStatusCode);
    }

    [Fact]
    public async Task A_manual_redelivery_sends_the_delivery_again_and_is_logged_as_manual()
    {
        await using var receiver = await WebhookReceiver.StartAsync(200);
        var created = (await Endpoints.CreateAsync("user-1", new WebhookInput(receiver.Url.ToString(), [StudioEventTypes.ProjectCreated]))).Value;
        await _host.Services.GetRequiredService<StudioEventLog>().AppendAsync(
            new NewStudioEvent(StudioEventTypes.ProjectCreated, "user-1", Guid.NewGuid(), null, new { title = "Moon" }));
        await receiver.WaitForAsync(1, Patience);
        var delivery = await WaitDeliveryAsync(created.Endpoint.Id, d => d.Status == WebhookDeliveryStatus.Succeeded);

        Assert.Equal(WebhookDeliveryStatus.Succeeded, delivery.Status);
        var attempt = await Endpoints.RedeliverAsync("user-1", created.Endpoint.Id, delivery.Id);
        Assert.True(attempt.Value.Succeeded);
        Assert.True(attempt.Value.Manual);
        var requests = await receiver.WaitForAsync(2, Patience);
        Assert.Equal(requests[0].Headers["DreamX-Webhook-Id"], requests[1].Headers["DreamX-Webhook-Id"]);

        Assert.Equal(WebhookEndpoints.NotFound, (await Endpoints.RedeliverAsync("user-2", created.Endpoint.Id, delivery.Id)).Error);
        Assert.Equal(WebhookEndpoints.NotFound, (await Endpoints.DeliveriesAsync("user-2", created.Endpoint.Id, 1, 20)).Error);
    }

    [Fact]
    public async Task A_ping_reaches_the_receiver_at_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync(204);
        var created = (await Endpoints.CreateAsync("user-1", new WebhookInput(receiver.Url.ToString(), [StudioEventTypes.RenderFinished]))).Value;

        var attempt = (await Endpoints.PingAsync("user-1", created.Endpoint.Id)).Value;

        Assert.True(attempt.Succeeded);
        Assert.Equal(204, attempt.StatusCode);
        Assert.Equal("ping", Assert.Single(receiver.Requests).Headers["DreamX-Event"]);
    }

    [Theory]
    [InlineData("http://10.0.0.8/hook")]
    [InlineData("http://192.168.1.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://intranet.example.com/hook")]
    [InlineData("https://metadata.example.com/hook")]
    [InlineData("http://0xa000001/hook")]
    public async Task Urls_that_resolve_to_internal_addresses_are_refused(string url)
    {
        var result = await Endpoints.CreateAsync("user-1", new WebhookInput(url, [StudioEventTypes.TaskSucceeded]));

        Assert.Equal(WebhookEndpoints.UrlRefused, result.Error);
        Assert.Empty(await Endpoints.ListAsync("user-1"));
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/x", WebhookEndpoints.UrlInvalid)]
    [InlineData("not a url", WebhookEndpoints.UrlInvalid)]
    [InlineData("https://user:pw@hooks.example.com/x", WebhookEndpoints.UrlInvalid)]
    public async Task Bad_input_gets_a_clear_code(string url, string code)
    {
        Assert.Equal(code, (await Endpoints.CreateAsync("user-1", new WebhookInput(url, [StudioEventTypes.TaskSucceeded]))).Error);
        Assert.Equal(WebhookEndpoints.EventsRequired, (await Endpoints.CreateAsync("user-1", new WebhookInput("https://hooks.example.com/x", []))).Error);
        Assert.Equal(WebhookEndpoints.EventUnknown, (await Endpoints.CreateAsync("user-1", new WebhookInput("https://hooks.example.com/x", ["task.progress"]))).Error);
        Assert.True((await Endpoints.CreateAsync("user-1", new WebhookInput("https://hooks.example.com/x", [StudioEventTypes.TaskSucceeded]))).IsSuccess);
    }

    private async Task<WebhookDeliveryView> WaitDeliveryAsync(Guid endpointId, Func<WebhookDeliveryView, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var deliveries = (await Endpoints.DeliveriesAsync("user-1", endpointId, 1, 20)).Value.Items;
            if (deliveries.Count == 1 && condition(deliveries[0]))
                return deliveries[0];
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the delivery did not reach the expected state: " + JsonSerializer.Serialize(deliveries));
            await Task.Delay(100);
        }
    }
}
