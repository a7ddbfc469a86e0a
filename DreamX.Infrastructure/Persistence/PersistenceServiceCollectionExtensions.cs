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
    /// Connections one app process opens at most on its main pool unless the connection string says otherwise: with the
    /// notifications' own pool (<c>TaskNotifications</c>, 4) an instance holds at most 20, so five instances stay within
    /// PostgreSQL's default max_connections (100).
    /// </summary>
    public const int DefaultMaxPoolSize = 16;

    /// <summary>
    /// The configured connection string with the pool capped (Database:MaxPoolSize, else <see cref="DefaultMaxPoolSize"/>,
    /// unless the string sets Maximum Pool Size itself): under a burst of work the app waits for a free connection of
    /// its own instead of taking PostgreSQL past max_connections, where every client, other instances too, is refused.
    /// EF and Quartz use this string, so they share the one pool.
    /// </summary>
    public static string ConnectionStringOf(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Connection string '{ConnectionStringName}' is missing: set ConnectionStrings__{ConnectionStringName} (./dreamx.sh run does it for you).");
        var connection = new NpgsqlConnectionStringBuilder(configured);
        if (!connection.ContainsKey("Maximum Pool Size"))
            connection.MaxPoolSize = configuration.GetValue($"{DatabaseOptions.Section}:MaxPoolSize", DefaultMaxPoolSize);
        return connection.ConnectionString;
    }

    internal static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
