using System.Net;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;

namespace DreamX.Tests.Ui.Admin;

/// <summary>/metrics serves the studio's meters in Prometheus' format, to admins only.</summary>
[Collection(UiCollection.Name)]
public sealed class MetricsEndpointTests(UiFixture ui) : UiTest(ui)
{
    [Fact]
    public async Task An_admin_reads_the_studios_meters_at_metrics()
    {
        var page = await Ui.NewPageAsync();
        await (await new LoginPage(page).OpenAsync("/admin/dashboard")).LogInAsync(StudioApp.AdminEmail, StudioApp.AdminPassword);
        var cookies = await page.Context.CookiesAsync();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Ui.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("dreamx_circuits_active", body);
        Assert.Contains("http_server_request_duration_seconds", body);
        Assert.Contains("dotnet_gc_collections", body);
    }

    [Fact]
    public async Task Metrics_are_refused_to_anonymous_visitors_and_creators()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Ui.App.BaseAddress };
        using var refused = await anonymous.GetAsync("/metrics");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);

        var creator = await NewCreatorPageAsync("metrics", "Curious");
        var cookies = await creator.Context.CookiesAsync();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Ui.App.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        using var response = await client.SendAsync(request);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
