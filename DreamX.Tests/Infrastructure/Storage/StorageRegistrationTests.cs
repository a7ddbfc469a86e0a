using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DreamX.Tests.Infrastructure.Storage;

public sealed class StorageRegistrationTests : IDisposable
{
    private readonly TemporaryFolder _contentRoot = new();

    public void Dispose() => _contentRoot.Dispose();

    [Fact]
    public async Task Local_provider_stores_under_the_content_root_by_default()
    {
        using var host = Build([]);
        await host.StartAsync();

        var storage = host.Services.GetRequiredService<IObjectStorage>();

        var local = Assert.IsType<LocalFileObjectStorage>(storage);
        Assert.Equal(Path.Combine(_contentRoot.Path, ".data", "storage"), local.Root);
        await host.StopAsync();
    }

    [Fact]
    public async Task S3_provider_uses_the_minio_adapter()
    {
        using var host = Build(new()
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:Endpoint"] = "localhost:9000",
            ["Storage:S3:AccessKey"] = "key",
            ["Storage:S3:SecretKey"] = "secret",
        });
        await host.StartAsync();

        Assert.IsType<MinioObjectStorage>(host.Services.GetRequiredService<IObjectStorage>());
        await host.StopAsync();
    }

    [Fact]
    public async Task Misconfigured_s3_fails_at_start_naming_the_settings()
    {
        using var host = Build(new()
        {
            ["Storage:Provider"] = "S3",
            ["Storage:S3:Endpoint"] = "http://localhost:9000",
            ["Storage:S3:Bucket"] = "Not_A_Bucket",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Storage:S3:Endpoint", error.Message);
        Assert.Contains("Storage:S3:AccessKey", error.Message);
        Assert.Contains("Storage:S3:Bucket", error.Message);
    }

    [Fact]
    public void Media_urls_resolve_once_an_owner_lookup_is_registered()
    {
        using var host = Build([], services => services.AddScoped<IProjectOwnerLookup, InMemoryProjectOwnerLookup>());
        using var scope = host.Services.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<MediaUrls>());
    }

    private IHost Build(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = _contentRoot.Path });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddObjectStorage();
        more?.Invoke(builder.Services);
        return builder.Build();
    }
}
