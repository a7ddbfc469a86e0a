using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers;
using DreamX.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DreamX.Bench;

/// <summary>A host with just the generation engine (no web), every task type run by <see cref="NoOpGenerationStep"/>.</summary>
internal static class EngineHost
{
    /// <param name="videoStorage">
    /// When set, ShotVideo tasks run the real video step (routed video providers, outbound guard, local object storage
    /// in that folder) instead of a no-op: the crash-while-polling test kills such a worker.
    /// </param>
    public static IHost Build(string connectionString, IReadOnlyDictionary<string, string?> engine, Func<IGenerationStep, IGenerationStep>? wrap = null,
        string? videoStorage = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString });
        builder.Configuration.AddInMemoryCollection(engine.ToDictionary(p => "Engine:" + p.Key, p => p.Value));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(Environment.GetEnvironmentVariable("DREAMX_BENCH_VERBOSE") is { Length: > 0 } ? LogLevel.Debug : LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.AddPersistence();
        builder.AddGenerationEngine();
        if (videoStorage is not null)
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Storage:Provider"] = "Local",
                ["Storage:Local:Root"] = videoStorage,
                ["Providers:Outbound:AllowedHosts:0"] = "127.0.0.1",       // the fake video server runs on loopback
                ["Providers:Video:FirstPollDelay"] = "00:00:00.200",
                ["Providers:Video:MaxPollDelay"] = "00:00:01",
            });
            builder.AddObjectStorage();
            builder.AddAiProviders();
            builder.Services.AddSingleton<DreamX.Infrastructure.Production.Steps.ShotVideoStep>();
            builder.Services.AddSingleton<IGenerationStep>(sp =>
            {
                IGenerationStep video = sp.GetRequiredService<DreamX.Infrastructure.Production.Steps.ShotVideoStep>();
                return wrap is null ? video : wrap(video);
            });
        }
        foreach (var type in Enum.GetValues<GenerationTaskType>().Where(t => videoStorage is null || t != GenerationTaskType.ShotVideo))
        {
            IGenerationStep step = new NoOpGenerationStep(type);
            builder.Services.AddGenerationStep(wrap is null ? step : wrap(step));
        }
        return builder.Build();
    }
}
