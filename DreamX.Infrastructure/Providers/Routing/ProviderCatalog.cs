using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Infrastructure.Providers.OpenAICompatible;
using DreamX.Infrastructure.Providers.VolcengineArk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Providers.Routing;

/// <summary>
/// The providers admins configured in the ProviderConfig table (enabled ones, re-read every
/// <see cref="RoutingOptions.CatalogRefresh"/>), plus the built-in providers registered under
/// <see cref="BuiltinProviders.Key"/>, which are always there unless a Builtin row is disabled.
/// </summary>
public sealed class ProviderCatalog(
    IDbContextFactory<DreamXDbContext> contexts,
    IServiceProvider services,
    ProviderKeyProtector keys,
    OutboundHttp outbound,
    IOptions<OpenAICompatibleOptions> httpOptions,
    IOptions<RoutingOptions> routingOptions,
    TimeProvider time) : IProviderCatalog
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _snapshot;

    public async Task<IReadOnlyList<ProviderCandidate>> CandidatesAsync(ProviderCapabilities capability, CancellationToken cancellationToken)
    {
        var snapshot = await CurrentAsync(cancellationToken);
        var candidates = new List<ProviderCandidate>();
        if (capability == ProviderCapabilities.Video)
        {
            foreach (var config in snapshot.Configs.Where(c => c.Enabled && c.Capabilities.HasFlag(ProviderCapabilities.Video)))
            {
                if (config.VideoModel is not { Length: > 0 } || !Uri.TryCreate(config.BaseUrl, UriKind.Absolute, out _) || VideoProvider(config) is not { } video)
                    continue;
                candidates.Add(new ProviderCandidate(config.Name, config.VideoModel, video, config.QualityScore, config.SpeedScore,
                    ProviderPrices.Typical(config, capability), config.Priority));
            }
        }
        foreach (var config in snapshot.Configs.Where(c => c.Enabled && c.Capabilities.HasFlag(capability) && capability != ProviderCapabilities.Video))
        {
            // A row an admin left half-filled is skipped rather than breaking every route.
            if (ModelFor(config, capability) is not { Length: > 0 } model || !Uri.TryCreate(config.BaseUrl, UriKind.Absolute, out _))
                continue;
            object? provider = config.Kind switch
            {
                ProviderKind.OpenAICompatible => new OpenAICompatibleProvider(config, keys.TryUnprotect(config.ProtectedApiKey), outbound, httpOptions.Value, time),
                ProviderKind.VolcengineArk when capability == ProviderCapabilities.Image =>
                    new ArkImageProvider(config, keys.TryUnprotect(config.ProtectedApiKey), outbound, httpOptions.Value, time),
                _ => null,
            };
            if (provider is null)
                continue;
            candidates.Add(new ProviderCandidate(config.Name, model, provider, config.QualityScore, config.SpeedScore,
                ProviderPrices.Typical(config, capability), config.Priority,
                AcceptsReferences: capability == ProviderCapabilities.Image && config.AcceptsReferenceImages));
        }

        var builtinRow = snapshot.Configs.FirstOrDefault(c => c.Kind == ProviderKind.Builtin);
        if (builtinRow is null || builtinRow.Enabled)
        {
            if (BuiltinFor(capability) is { } builtin)
            {
                candidates.Add(new ProviderCandidate(BuiltinProviders.Name, BuiltinModel(builtin), builtin,
                    builtinRow?.QualityScore ?? 3, builtinRow?.SpeedScore ?? 8, 0m, int.MaxValue, IsBuiltin: true,
                    FallbackAllowed: builtinRow?.FallbackCapabilities.HasFlag(capability) ?? false));
            }
        }
        return candidates;
    }

    /// <summary>
    /// The video provider named <paramref name="name"/> as it is configured now, enabled or not: a task resuming a job
    /// it already paid for polls it even when an admin has since switched the provider off. Null when it is gone.
    /// </summary>
    public async Task<IVideoProvider?> VideoProviderByNameAsync(string name, CancellationToken cancellationToken)
    {
        if (name == BuiltinProviders.Name)
            return services.GetKeyedService<IVideoProvider>(BuiltinProviders.Key);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var config = await db.ProviderConfigs.AsNoTracking().FirstOrDefaultAsync(c => c.Name == name, cancellationToken);
        return config is null ? null : VideoProvider(config);
    }

    private IVideoProvider? VideoProvider(ProviderConfig config) => config.Kind switch
    {
        ProviderKind.VolcengineArk => new Video.ArkVideoProvider(config, keys.TryUnprotect(config.ProtectedApiKey), outbound, httpOptions.Value, time),
        ProviderKind.OpenAICompatible => new Video.OpenAIVideoProvider(config, keys.TryUnprotect(config.ProtectedApiKey), outbound, httpOptions.Value, time),
        _ => null,
    };

    /// <summary>Forget the cached provider list (after an admin edit).</summary>
    public void Invalidate() => _snapshot = null;

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } fresh && now - fresh.ReadAt < routingOptions.Value.CatalogRefresh)
            return fresh;

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is { } again && now - again.ReadAt < routingOptions.Value.CatalogRefresh)
                return again;
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            // Disabled builtin rows are read too: they switch the last resort off.
            var configs = await db.ProviderConfigs.AsNoTracking()
                .Where(c => c.Enabled || c.Kind == ProviderKind.Builtin)
                .ToListAsync(cancellationToken);
            _snapshot = new Snapshot(configs, now);
            return _snapshot;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private object? BuiltinFor(ProviderCapabilities capability) => capability switch
    {
        ProviderCapabilities.Text => services.GetKeyedService<ITextProvider>(BuiltinProviders.Key),
        ProviderCapabilities.Image => services.GetKeyedService<IImageProvider>(BuiltinProviders.Key),
        ProviderCapabilities.Speech => services.GetKeyedService<ISpeechProvider>(BuiltinProviders.Key),
        ProviderCapabilities.Clip => services.GetKeyedService<IClipProvider>(BuiltinProviders.Key),
        ProviderCapabilities.Video => services.GetKeyedService<IVideoProvider>(BuiltinProviders.Key),
        _ => null,
    };

    private static string BuiltinModel(object provider) => provider switch
    {
        BuiltinIllustrator => BuiltinIllustrator.ModelName,
        EspeakSpeechProvider => EspeakSpeechProvider.ModelName,
        KenBurnsClipProvider => KenBurnsClipProvider.ModelName,
        IVideoProvider video => video.Model,
        _ => BuiltinProviders.Name,
    };

    private static string? ModelFor(ProviderConfig config, ProviderCapabilities capability) => capability switch
    {
        ProviderCapabilities.Text => config.TextModel,
        ProviderCapabilities.Image => config.ImageModel,
        ProviderCapabilities.Speech => config.SpeechModel,
        ProviderCapabilities.Clip => config.ClipModel,
        _ => null,
    };

    private sealed record Snapshot(IReadOnlyList<ProviderConfig> Configs, DateTimeOffset ReadAt);
}
