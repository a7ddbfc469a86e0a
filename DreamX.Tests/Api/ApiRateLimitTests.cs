using System.Net;

namespace DreamX.Tests.Api;

/// <summary>The API's limits: per token, tighter for spending calls, per client address; 429 with Retry-After.</summary>
public sealed class ApiRateLimitTests : IAsyncLifetime
{
    private readonly ApiApp _app = ApiApp.With(new Dictionary<string, string?>
    {
        ["RateLimits:ApiPerToken:PermitLimit"] = "4",
        ["RateLimits:ApiSpending:PermitLimit"] = "1",
        ["RateLimits:ApiPerAddress:PermitLimit"] = "12",
        ["RateLimits:ApiPerToken:Window"] = "00:10:00",
        ["RateLimits:ApiSpending:Window"] = "00:10:00",
        ["RateLimits:ApiPerAddress:Window"] = "00:10:00",
    });

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Calls_beyond_a_limit_get_429_with_retry_after_per_token_per_spend_and_per_address()
    {
        var first = await _app.CreateUserAsync();
        var second = await _app.CreateUserAsync();

        // Spending: one per window for this token; the second is refused before it reaches the studio.
        using (var spend = await first.Client.PostAsync($"/api/v1/projects/{Guid.NewGuid()}/canvas/story-bible", null))
            Assert.Equal(HttpStatusCode.NotFound, spend.StatusCode);
        using (var refused = await first.Client.PostAsync($"/api/v1/projects/{Guid.NewGuid()}/canvas/story-bible", null))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        // Per token: four reads, then 429; another token from the same address still reads.
        for (var i = 0; i < 4; i++)
        {
            using var ok = await first.Client.GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }
        using (var limited = await first.Client.GetAsync("/api/v1/me"))
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        using (var other = await second.Client.GetAsync("/api/v1/me"))
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);

        // Per address: every call from this address counts, whatever its token: a fresh token (four calls of its own
        // allowed) is refused before its fourth once the address has used up its twelve.
        using var third = _app.CreateClient((await _app.CreateTokenAsync(second.Id, second.Email)).Token);
        HttpResponseMessage? byAddress = null;
        var calls = 0;
        while (byAddress is null && calls < 4)
        {
            calls++;
            var response = await third.GetAsync("/api/v1/me");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                byAddress = response;
            else
                response.Dispose();
        }
        Assert.NotNull(byAddress);
        Assert.True(calls < 4, $"the address limit did not hold: {calls} calls");
        Assert.NotNull(byAddress.Headers.RetryAfter);
        byAddress.Dispose();
    }
}
