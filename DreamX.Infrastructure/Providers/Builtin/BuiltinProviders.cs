using DreamX.Domain.Generation.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Infrastructure.Providers.Builtin;

/// <summary>
/// The offline providers that need no network and no key. They are registered as keyed services under
/// <see cref="Key"/> so the router can find them (and the engine resolves the routed, un-keyed ports).
/// </summary>
public static class BuiltinProviders
{
    public const string Name = "builtin";

    /// <summary>The service key of each built-in provider: <c>services.AddKeyedSingleton&lt;ITextProvider, X&gt;(BuiltinProviders.Key)</c>.</summary>
    public const string Key = Name;

    /// <summary>Registers the offline story writer as the built-in text provider (the router picks among all registered ones).</summary>
    public static IServiceCollection AddBuiltinStoryWriter(this IServiceCollection services)
    {
        services.AddKeyedSingleton<ITextProvider, BuiltinTextProvider>(Key);
        return services;
    }
}
