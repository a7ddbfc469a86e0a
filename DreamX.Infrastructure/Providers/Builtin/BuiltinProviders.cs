using DreamX.Domain.Generation.Providers;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Infrastructure.Providers.Builtin;

public static class BuiltinProviders
{
    /// <summary>Registers the offline story writer as a text provider (the router picks among all registered ones).</summary>
    public static IServiceCollection AddBuiltinStoryWriter(this IServiceCollection services)
    {
        services.AddSingleton<ITextProvider, BuiltinTextProvider>();
        return services;
    }
}
