using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DreamX.Bench;

/// <summary>A host with just the generation engine (no web), every task type run by <see cref="NoOpGenerationStep"/>.</summary>
internal static class EngineHost
{
    public static IHost Build(string connectionString, IReadOnlyDictionary<string, string?> engine, Func<IGenerationStep, IGenerationStep>? wrap = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = connectionString });
        builder.Configuration.AddInMemoryCollection(engine.ToDictionary(p => "Engine:" + p.Key, p => p.Value));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(Environment.GetEnvironmentVariable("DREAMX_BENCH_VERBOSE") is { Length: > 0 } ? LogLevel.Debug : LogLevel.Warning)
            .AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.AddPersistence();
        builder.AddGenerationEngine();
        foreach (var type in Enum.GetValues<GenerationTaskType>())
        {
            IGenerationStep step = new NoOpGenerationStep(type);
            builder.Services.AddGenerationStep(wrap is null ? step : wrap(step));
        }
        return builder.Build();
    }
}
