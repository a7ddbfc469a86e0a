using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;

namespace DreamX.Tests.Support;

/// <summary>
/// A real PostgreSQL database of its own for a test class or collection: created empty, migrated,
/// reset between tests with Respawn and dropped at the end.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    private Respawner? _respawner;
    private string _server = "";

    /// <summary>A database on another server than the suite's (e.g. a <see cref="DedicatedPostgresCluster"/>).</summary>
    public static PostgresDatabase On(string serverConnectionString) => new() { _server = serverConnectionString };

    private string ServerConnectionString => _server is { Length: > 0 } ? _server : TestEnvironment.ServerConnectionString;

    public string Name { get; } = $"dx_test_{Guid.NewGuid():N}"[..24];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(ServerConnectionString);
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        server.Database = Name;
        server.IncludeErrorDetail = true;
        ConnectionString = server.ConnectionString;

        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public DreamXDbContext CreateContext() => CreateContext(ConnectionString);

    public IDbContextFactory<DreamXDbContext> ContextFactory => new Factory(() => ConnectionString);

    /// <summary>
    /// Contexts on a pool of their own: <paramref name="settings"/> are added to the connection string
    /// (e.g. "Application Name=second;Maximum Pool Size=25"), as a second app process would connect.
    /// </summary>
    public IDbContextFactory<DreamXDbContext> ContextFactoryWith(string settings) => new Factory(() => $"{ConnectionString};{settings}");

    private static DreamXDbContext CreateContext(string connectionString)
    {
        var options = new DbContextOptionsBuilder<DreamXDbContext>();
        PersistenceServiceCollectionExtensions.Configure(options, connectionString);
        return new DreamXDbContext(options.Options);
    }

    /// <summary>Deletes every row except the migration history, so each test starts from the migrated, empty schema.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner ??= await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__ef_migrations_history"],
        });
        await _respawner.ResetAsync(connection);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private sealed class Factory(Func<string> connectionString) : IDbContextFactory<DreamXDbContext>
    {
        public DreamXDbContext CreateDbContext() => CreateContext(connectionString());
    }
}

/// <summary>Integration tests that share one migrated database; each test resets it first.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<PostgresDatabase>
{
    public const string Name = "database";
}
