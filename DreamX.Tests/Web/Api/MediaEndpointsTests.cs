using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Web.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Web.Api;

public sealed class MediaEndpointsTests : IAsyncLifetime
{
    private static readonly ObjectKey Clip = ObjectKey.ForProject(Guid.NewGuid(), ProjectAreas.Clips, "shot-1.mp4");
    private static readonly byte[] ClipBytes = Encoding.ASCII.GetBytes("0123456789abcdefghij");

    private readonly TemporaryFolder _folder = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly MediaUrlSigner _signer;
    private readonly LocalFileObjectStorage _storage;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public MediaEndpointsTests()
    {
        _signer = new MediaUrlSigner(new EphemeralDataProtectionProvider(), _time);
        _storage = new LocalFileObjectStorage(Path.Combine(_folder.Path, "storage"), _signer);
    }

    public async Task InitializeAsync()
    {
        await _storage.PutAsync(Clip, new MemoryStream(ClipBytes), "video/mp4", CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "secret.txt"), "top secret");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton(_signer);
        builder.Services.AddSingleton<IObjectStorage>(_storage);
        _app = builder.Build();
        _app.MapMediaEndpoints();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Signed_link_serves_the_object_with_its_content_type()
    {
        using var response = await _client.GetAsync(_signer.CreateUrl(Clip, TimeSpan.FromMinutes(10)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ClipBytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.Private);
        Assert.Equal(TimeSpan.FromMinutes(10), response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task Media_is_served_with_nosniff_and_a_sandboxing_policy()
    {
        using var response = await _client.GetAsync(_signer.CreateUrl(Clip, TimeSpan.FromMinutes(10)));

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("default-src 'none'; sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("image/svg+xml")]
    [InlineData("application/xhtml+xml")]
    public async Task A_type_outside_the_media_allowlist_is_served_only_as_a_download(string storedType)
    {
        var page = ObjectKey.ForProject(Guid.NewGuid(), ProjectAreas.Clips, "line-1.bin");
        await _storage.PutAsync(page, new MemoryStream("<html><script>alert(1)</script></html>"u8.ToArray()), storedType, CancellationToken.None);

        using var response = await _client.GetAsync(_signer.CreateUrl(page, TimeSpan.FromMinutes(10)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Range_request_gets_part_of_the_object()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _signer.CreateUrl(Clip, TimeSpan.FromMinutes(10)));
        request.Headers.Range = new RangeHeaderValue(5, 9);

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("56789"u8.ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(ClipBytes.Length, response.Content.Headers.ContentRange?.Length);
    }

    [Fact]
    public async Task Download_link_names_the_file()
    {
        using var response = await _client.GetAsync(_signer.CreateUrl(Clip, TimeSpan.FromMinutes(10), "My drama.mp4"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("My drama.mp4", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Link_without_a_token_is_forbidden_with_a_problem()
    {
        using var response = await _client.GetAsync($"/media/{Clip.Value}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("no signature", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Expired_link_is_forbidden()
    {
        var url = _signer.CreateUrl(Clip, TimeSpan.FromMinutes(10));
        _time.Advance(TimeSpan.FromMinutes(11));

        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Token_reused_for_another_key_is_forbidden()
    {
        var url = _signer.CreateUrl(Clip, TimeSpan.FromMinutes(10));
        var other = ObjectKey.ForProject(Guid.NewGuid(), ProjectAreas.Clips, "shot-1.mp4");

        using var response = await _client.GetAsync(url.Replace(Clip.Value, other.Value, StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/media/..%2Fsecret.txt")]
    [InlineData("/media/%2e%2e/secret.txt")]
    [InlineData("/media/assets/%2e%2e/%2e%2e/secret.txt")]
    [InlineData("/media/assets/..%5C..%5Csecret.txt")]
    public async Task Crafted_paths_never_reach_files_outside_storage(string path)
    {
        var token = new Uri(new Uri("http://localhost"), _signer.CreateUrl(Clip, TimeSpan.FromMinutes(10))).Query;

        using var response = await _client.GetAsync(path + token);

        // Refused by the key check (403) or normalised away before routing (404): never served.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.DoesNotContain("top secret", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_link_to_a_deleted_object_is_not_found()
    {
        var url = _signer.CreateUrl(Clip, TimeSpan.FromMinutes(10));
        await _storage.DeleteAsync(Clip, CancellationToken.None);

        using var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
