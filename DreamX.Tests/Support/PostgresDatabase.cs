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

    public string Name { get; } = $"dx_test_{Guid.NewGuid():N}"[..24];

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var server = new NpgsqlConnectionStringBuilder(TestEnvironment.ServerConnectionString);
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

    public DreamXDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<DreamXDbContext>();
        PersistenceServiceCollectionExtensions.Configure(options, ConnectionString);
        return new DreamXDbContext(options.Options);
    }

    public IDbContextFactory<DreamXDbContext> ContextFactory => new Factory(this);

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
        await using var admin = new NpgsqlConnection(TestEnvironment.ServerConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private sealed class Factory(PostgresDatabase database) : IDbContextFactory<DreamXDbContext>
    {
        public DreamXDbContext CreateDbContext() => database.CreateContext();
    }
}

/// <summary>Integration tests that share one migrated database; each test resets it first.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<PostgresDatabase>
{
    public const string Name = "database";
}
