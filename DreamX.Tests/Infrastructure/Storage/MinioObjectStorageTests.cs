using System.Net;
using System.Net.Sockets;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DreamX.Tests.Infrastructure.Storage;

[Collection(S3rverCollection.Name)]
public sealed class MinioObjectStorageTests(S3rverFixture s3rver) : ObjectStorageContractTests, IDisposable
{
    // A fresh bucket per test, created by the adapter on first use.
    private readonly MinioObjectStorage _storage = new(s3rver.OptionsForNewBucket(), s3rver.Transport);

    protected override IObjectStorage Storage => _storage;

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Large_object_streams_back_intact()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Clips, "shot-1.mp4");
        var bytes = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(bytes);
        await _storage.PutAsync(key, new MemoryStream(bytes), "video/mp4", CancellationToken.None);

        await using var content = await _storage.OpenReadAsync(key, CancellationToken.None);

        Assert.Equal(bytes, await ReadAllAsync(content!.Stream));
    }

    [Fact]
    public async Task Reader_may_stop_early_and_dispose()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Renders, "final.mp4");
        await _storage.PutAsync(key, new MemoryStream(new byte[1024 * 1024]), "video/mp4", CancellationToken.None);

        var content = await _storage.OpenReadAsync(key, CancellationToken.None);
        var read = await content!.Stream.ReadAsync(new byte[16]);
        await content.DisposeAsync();

        Assert.True(read > 0);
    }

    [Fact]
    public async Task Presigned_url_downloads_the_bytes()
    {
        var key = ObjectKey.ForAsset(AssetKinds.Music, "theme.mp3");
        var bytes = "la la la"u8.ToArray();
        await _storage.PutAsync(key, new MemoryStream(bytes), "audio/mpeg", CancellationToken.None);

        var url = await _storage.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(5), null, CancellationToken.None);
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);

        Assert.StartsWith($"http://{s3rver.Endpoint}/", url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("audio/mpeg", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Presigned_download_url_names_the_file()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Renders, "final.mp4");
        await _storage.PutAsync(key, new MemoryStream([1, 2, 3]), "video/mp4", CancellationToken.None);

        var url = await _storage.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(5), "My drama.mp4", CancellationToken.None);
        using var http = new HttpClient();
        using var response = await http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("My drama.mp4", response.Content.Headers.ContentDisposition?.FileNameStar);
    }

    [Fact]
    public async Task Presigned_url_uses_the_public_endpoint_when_set()
    {
        var options = s3rver.OptionsForNewBucket();
        options.PublicEndpoint = "media.example.test:9000";
        options.PublicUseSsl = true;
        using var storage = new MinioObjectStorage(options);

        var url = await storage.GetDownloadUrlAsync(ObjectKey.ForAsset(AssetKinds.Music, "a.mp3"), TimeSpan.FromMinutes(5), null, CancellationToken.None);

        Assert.StartsWith("https://media.example.test:9000/", url);
    }

    [Fact]
    public async Task Health_check_reports_unhealthy_when_the_server_is_down()
    {
        var options = s3rver.OptionsForNewBucket();
        options.Endpoint = $"127.0.0.1:{ClosedPort()}";
        using var storage = new MinioObjectStorage(options);

        var result = await RunHealthCheckAsync(storage, TimeSpan.FromSeconds(3));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not reachable", result.Description);
    }

    [Fact]
    public async Task Health_check_gives_up_when_the_server_does_not_answer()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections, never answers
        var options = s3rver.OptionsForNewBucket();
        options.Endpoint = $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}";
        using var storage = new MinioObjectStorage(options);

        var result = await RunHealthCheckAsync(storage, TimeSpan.FromMilliseconds(300));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("did not answer", result.Description);
    }

    private static Task<HealthCheckResult> RunHealthCheckAsync(IObjectStorage storage, TimeSpan timeout)
    {
        var check = new ObjectStorageHealthCheck(storage, Options.Create(new ObjectStorageOptions { HealthCheckTimeout = timeout }));
        var registration = new HealthCheckRegistration("storage", check, HealthStatus.Unhealthy, tags: null);
        return check.CheckHealthAsync(new HealthCheckContext { Registration = registration });
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
