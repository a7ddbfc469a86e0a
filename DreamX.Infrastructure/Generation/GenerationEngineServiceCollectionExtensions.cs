using DreamX.Domain.Generation;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Events;
using DreamX.Infrastructure.Jobs;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Persistence.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DreamX.Infrastructure.Generation;

public static class GenerationEngineServiceCollectionExtensions
{
    /// <summary>
    /// The generation engine: credits, the task service, the runner, the Quartz scheduler (started unless
    /// <c>Engine:RunScheduler</c> is false) and the progress bus over PostgreSQL LISTEN/NOTIFY.
    /// </summary>
    public static IHostApplicationBuilder AddGenerationEngine(this IHostApplicationBuilder builder)
    {
        var connectionString = PersistenceServiceCollectionExtensions.ConnectionStringOf(builder.Configuration);
        var section = builder.Configuration.GetSection(EngineOptions.Section);
        var options = section.Get<EngineOptions>() ?? new EngineOptions();
        builder.Services.AddOptions<EngineOptions>().Bind(section).ValidateOnStart();

        builder.Services.AddCredits();
        // Its own small pool: the LISTEN connection and short NOTIFYs, which a storm of progress must not multiply.
        builder.Services.AddSingleton(_ => new TaskNotifications(NpgsqlDataSource.Create(
            PersistenceServiceCollectionExtensions.WithPoolSize(connectionString, TaskNotifications.MaxPoolSize))));
        builder.Services.AddSingleton<TaskProgressBus>();
        builder.Services.AddSingleton<ITaskProgressBus>(sp => sp.GetRequiredService<TaskProgressBus>());
        builder.Services.AddSingleton<TaskCancellations>();
        builder.Services.AddSingleton<TaskWakeups>();
        builder.Services.AddSingleton<EngineShutdown>();
        builder.Services.AddSingleton<TaskNotificationListener>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<TaskNotificationListener>());
        builder.Services.AddSingleton<TaskEvents>();
        builder.AddStudioEvents();

        builder.Services.AddSingleton<ITaskJobScheduler, QuartzTaskJobScheduler>();
        builder.Services.AddSingleton<TaskSettlement>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<Observability.StudioMetrics>();
        builder.Services.AddSingleton<TaskDependencies>();
        builder.Services.AddSingleton<TaskSlots>();
        builder.Services.AddSingleton<TaskSweeper>();
        builder.Services.AddSingleton<GenerationTasks>();
        builder.Services.AddSingleton<IGenerationTasks>(sp => sp.GetRequiredService<GenerationTasks>());
        builder.Services.AddScoped<GenerationTaskRunner>();
        builder.Services.AddSingleton<ICatalogSeed, CreditPriceSeed>();

        builder.AddEngineScheduler(
            PersistenceServiceCollectionExtensions.WithPoolSize(connectionString, PersistenceServiceCollectionExtensions.SchedulerPoolSize),
            options);
        return builder;
    }

    /// <summary>Registers the step that does the work of one task type.</summary>
    public static IServiceCollection AddGenerationStep<TStep>(this IServiceCollection services) where TStep : class, IGenerationStep
    {
        services.AddScoped<IGenerationStep, TStep>();
        return services;
    }

    /// <summary>Registers a ready-made step (e.g. a <see cref="NoOpGenerationStep"/> for one task type).</summary>
    public static IServiceCollection AddGenerationStep(this IServiceCollection services, IGenerationStep step)
    {
        services.AddSingleton(step);
        return services;
    }
}
