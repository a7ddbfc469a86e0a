using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DreamX.Tests.Infrastructure.Events;

/// <summary>A host with persistence, the engine and the event log on a given database, as one app instance has them.</summary>
internal static class EventHost
{
    public static async Task<IHost> StartAsync(string connectionString, string schedulerName, bool runScheduler,
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString,
            ["Engine:SchedulerName"] = schedulerName,
            ["Engine:RunScheduler"] = runScheduler ? "true" : "false",
            ["Events:ProgressInterval"] = "00:00:00.300",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        services?.Invoke(builder.Services);
        builder.AddPersistence();
        builder.AddGenerationEngine();
        var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<TaskNotificationListener>().Listening;
        return host;
    }
}
