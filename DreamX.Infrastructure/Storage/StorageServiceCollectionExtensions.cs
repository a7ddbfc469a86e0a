using DreamX.Domain.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers object storage from the "Storage" section: the adapter chosen by <c>Storage:Provider</c>,
    /// the <c>/media</c> link signer, <see cref="MediaUrls"/> and the "storage" health check.
    /// Needs an <see cref="IProjectOwnerLookup"/> registered elsewhere (Persistence) for <see cref="MediaUrls"/>.
    /// </summary>
    public static IHostApplicationBuilder AddObjectStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddOptions<ObjectStorageOptions>()
            .Bind(builder.Configuration.GetSection(ObjectStorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ObjectStorageOptions>, ObjectStorageOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddDataProtection();
        services.TryAddSingleton<MediaUrlSigner>();

        var contentRoot = builder.Environment.ContentRootPath;
        services.TryAddSingleton<IObjectStorage>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<ObjectStorageOptions>>().Value;
            return options.Provider switch
            {
                ObjectStorageProvider.S3 => new MinioObjectStorage(options.S3),
                _ => new LocalFileObjectStorage(
                    Path.GetFullPath(options.Local.Root, contentRoot),
                    provider.GetRequiredService<MediaUrlSigner>()),
            };
        });

        // Scoped: the owner lookup behind it reads the database through a scoped context.
        services.TryAddScoped<MediaUrls>();
        services.TryAddSingleton<CardThumbnails>();

        services.AddHealthChecks().AddCheck<ObjectStorageHealthCheck>("storage");
        return builder;
    }
}
