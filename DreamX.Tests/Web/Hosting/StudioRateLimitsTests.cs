using System.Net;
using DreamX.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DreamX.Tests.Web.Hosting;

public sealed class StudioRateLimitsTests
{
    private static StudioRateLimits Limits(int permits) => new(Options.Create(new RateLimitOptions
    {
        Login = new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) },
        Register = new() { PermitLimit = permits, Window = TimeSpan.FromHours(1) },
    }));

    [Fact]
    public void Logins_past_the_limit_from_one_address_are_refused_with_a_wait()
    {
        using var limits = Limits(3);

        var decisions = Enumerable.Range(0, 5).Select(_ => limits.TryAcquire(StudioRateLimits.Login, "203.0.113.7")).ToList();

        Assert.Equal([true, true, true, false, false], decisions.Select(d => d.Allowed));
        Assert.InRange(decisions[3].RetryAfterSeconds, 1, 60);
    }

    [Fact]
    public void Each_address_and_each_action_has_its_own_allowance()
    {
        using var limits = Limits(1);

        Assert.True(limits.TryAcquire(StudioRateLimits.Login, "203.0.113.7").Allowed);
        Assert.False(limits.TryAcquire(StudioRateLimits.Login, "203.0.113.7").Allowed);
        Assert.True(limits.TryAcquire(StudioRateLimits.Login, "198.51.100.2").Allowed);
        Assert.True(limits.TryAcquire(StudioRateLimits.Register, "203.0.113.7").Allowed);
    }

    [Fact]
    public async Task Media_downloads_past_the_limit_get_429_with_retry_after()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimits:Media:PermitLimit"] = "2",
            ["RateLimits:Media:Window"] = "00:01:00",
        });
        builder.Services.AddStudioRateLimits(builder.Configuration);
        await using var app = builder.Build();
        app.UseRateLimiter();
        app.MapGet("/media/{**key}", () => Results.Ok());
        app.MapGet("/projects", () => Results.Ok());
        await app.StartAsync();
        var client = app.GetTestClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await client.GetAsync("/media/assets/x.png");
            statuses.Add(last.StatusCode);
        }
        var page = await client.GetAsync("/projects");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(int.Parse(last!.Headers.GetValues("Retry-After").Single()) >= 1);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
