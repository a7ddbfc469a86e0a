using DreamX.Infrastructure.Persistence.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DreamX.Infrastructure.Assets;

public static class AssetCatalogServiceCollectionExtensions
{
    /// <summary>The catalogue services (styles, voices, showcases, music), their media store and the starter catalogue seed.</summary>
    public static IHostApplicationBuilder AddAssetCatalog(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<CatalogMediaStore>();
        services.AddSingleton<VisualStyleCatalog>();
        services.AddSingleton<VoiceCatalog>();
        services.AddSingleton<ShowcaseCatalog>();
        services.AddSingleton<MusicTrackCatalog>();
        services.AddSingleton<ShowcaseSubmissions>();
        services.AddScoped<ICatalogSeed, AssetCatalogSeed>();
        return builder;
    }
}
