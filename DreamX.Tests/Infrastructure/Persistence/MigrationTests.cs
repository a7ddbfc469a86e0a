using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DreamX.Tests.Infrastructure.Persistence;

[Collection(DatabaseCollection.Name)]
public sealed class MigrationTests(PostgresDatabase database)
{
    [Fact]
    public async Task Migrations_apply_from_an_empty_database_and_leave_nothing_pending()
    {
        await using var db = database.CreateContext();

        var pending = await db.Database.GetPendingMigrationsAsync();
        var applied = await db.Database.GetAppliedMigrationsAsync();

        Assert.Empty(pending);
        Assert.Contains(applied, m => m.EndsWith("_InitialSchema"));
        Assert.Contains(applied, m => m.EndsWith("_QuartzJobStore"));
    }

    [Fact]
    public async Task The_quartz_job_store_tables_are_created_by_our_migration()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('qrtz_job_details','qrtz_triggers','qrtz_fired_triggers','qrtz_locks','qrtz_scheduler_state')",
            connection);

        var count = (long)(await command.ExecuteScalarAsync())!;

        Assert.Equal(5, count);
    }

    [Fact]
    public async Task The_model_has_no_changes_missing_from_the_migrations()
    {
        await using var db = database.CreateContext();

        Assert.False(db.Database.HasPendingModelChanges(), "Run `dotnet ef migrations add` for the model changes.");
    }
}
