using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using DreamX.Infrastructure.Providers.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace DreamX.Infrastructure.Providers;

public static class AiProvidersServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in providers (keyed <see cref="BuiltinProviders.Key"/>), the OpenAI-compatible HTTP client,
    /// the provider catalog and router, and the routed ports the engine resolves (ITextProvider, IImageProvider,
    /// ISpeechProvider, IClipProvider).
    /// </summary>
    public static IHostApplicationBuilder AddAiProviders(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RoutingOptions>().Bind(builder.Configuration.GetSection(RoutingOptions.Section))
            .Validate(o => o.FailureThreshold >= 1 && o.BreakDuration > TimeSpan.Zero, "Routing needs FailureThreshold >= 1 and a positive BreakDuration.")
            .ValidateOnStart();
        services.AddOptions<OpenAICompatibleOptions>().Bind(builder.Configuration.GetSection(OpenAICompatibleOptions.Section))
            .Validate(o => o.RequestTimeout > TimeSpan.Zero, "OpenAI-compatible RequestTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<Audit.AuditTrail>();

        services.AddKeyedSingleton<IImageProvider, BuiltinIllustrator>(BuiltinProviders.Key);
        services.AddKeyedSingleton<ISpeechProvider, EspeakSpeechProvider>(BuiltinProviders.Key);
        services.AddKeyedSingleton<IClipProvider, KenBurnsClipProvider>(BuiltinProviders.Key);
        services.AddKeyedSingleton<IVideoProvider>(BuiltinProviders.Key, (_, _) => new Video.BuiltinVideoProvider(new KenBurnsClipProvider()));
        services.AddOptions<Video.VideoPollingOptions>().Bind(builder.Configuration.GetSection(Video.VideoPollingOptions.Section));
        services.AddSingleton<Video.VideoJobs>();
        services.AddSingleton<Generation.IRemoteJobCanceller>(sp => sp.GetRequiredService<Video.VideoJobs>());

        // Every URL a provider leads the server to goes through the outbound guard (SSRF rules, allowlist, size cap).
        services.AddOptions<OutboundOptions>().Bind(builder.Configuration.GetSection(OutboundOptions.Section))
            .Validate(o => o.MaxRedirects >= 0 && o.MaxDownloadBytes > 0, "Outbound needs MaxRedirects >= 0 and a positive MaxDownloadBytes.")
            .ValidateOnStart();
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<OutboundUrlGuard>();
        services.AddSingleton<OutboundHttp>();
        services.AddSingleton<ProviderKeyProtector>();

        services.AddSingleton<ProviderCatalog>();
        services.AddSingleton<IProviderCatalog>(sp => sp.GetRequiredService<ProviderCatalog>());
        services.AddSingleton<ProviderCircuits>();
        services.AddSingleton<ProviderRouter>();
        services.AddSingleton<ProviderSettings>();
        services.AddSingleton<ITextProvider, RoutedTextProvider>();
        services.AddSingleton<IImageProvider, RoutedImageProvider>();
        services.AddSingleton<ISpeechProvider, RoutedSpeechProvider>();
        services.AddSingleton<IClipProvider, RoutedClipProvider>();
        return builder;
    }
}
