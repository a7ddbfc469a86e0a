using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace DreamX.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public const string ConnectionStringName = "Default";

    /// <summary>
    /// Registers <see cref="DreamXDbContext"/> as a factory (for Blazor components, jobs and services that
    /// outlive a request) and as a scoped context (for Identity's stores).
    /// </summary>
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        var connectionString = ConnectionStringOf(builder.Configuration);

        builder.Services.AddDbContextFactory<DreamXDbContext>(options => Configure(options, connectionString));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section));
        return builder;
    }

    /// <summary>
    /// Connections one app process opens at most on its main pool (EF) unless the connection string says otherwise. EF
    /// keeps its own data source per connection string and Quartz opens plain connections, so they are two pools: with
    /// the scheduler's (<see cref="SchedulerPoolSize"/>) and the notifications' (<c>TaskNotifications</c>, 4) an instance
    /// holds at most 20 connections, and five instances stay within PostgreSQL's default max_connections (100).
    /// </summary>
    public const int DefaultMaxPoolSize = 12;

    /// <summary>Connections of the scheduler's own pool: acquiring due triggers, completing fired jobs, cluster check-ins.</summary>
    public const int SchedulerPoolSize = 4;

    /// <summary>
    /// The configured connection string with the pool capped (Database:MaxPoolSize, else <see cref="DefaultMaxPoolSize"/>,
    /// unless the string sets Maximum Pool Size itself): under a burst of work the app waits for a free connection of
    /// its own instead of taking PostgreSQL past max_connections, where every client, other instances too, is refused.
    /// </summary>
    public static string ConnectionStringOf(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is missing: set ConnectionStrings__{ConnectionStringName} (./dreamx.sh run does it for you).");
        var connection = new NpgsqlConnectionStringBuilder(configured);
        if (!SetsPoolSize(configured))
            connection.MaxPoolSize = configuration.GetValue($"{DatabaseOptions.Section}:MaxPoolSize", DefaultMaxPoolSize);
        return connection.ConnectionString;
    }

    /// <summary>
    /// Whether the string itself names a pool size (Npgsql's builder cannot say: its ContainsKey is true for every keyword
    /// it knows, set or not).
    /// </summary>
    private static bool SetsPoolSize(string connectionString)
    {
        var keys = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return PoolSizeKeywords.Any(keys.ContainsKey);
    }

    private static readonly string[] PoolSizeKeywords = ["Maximum Pool Size", "MaxPoolSize"];

    /// <summary>The same database with a pool of its own of <paramref name="maxPoolSize"/> connections.</summary>
    public static string WithPoolSize(string connectionString, int maxPoolSize) =>
        new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxPoolSize }.ConnectionString;

    internal static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
