using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Providers;
using DreamX.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DreamX.Tests.Infrastructure.Providers;

/// <summary>The provider services as the app registers them (AddAiProviders), on a test database.</summary>
internal static class ProviderServices
{
    public static ServiceProvider Build(PostgresDatabase database, IDictionary<string, string?>? settings = null, IHostResolver? dns = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.Configuration[key] = value;
        builder.Services.AddLogging();
        builder.Services.AddSingleton(database.ContextFactory);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        if (dns is not null)
            builder.Services.AddSingleton(dns);
        builder.AddAiProviders();
        return builder.Services.BuildServiceProvider();
    }
}
