using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace DreamX.Tests.Infrastructure.Persistence;

/// <summary>
/// One instance holds at most 20 connections to PostgreSQL however much work arrives at once (five instances within the
/// server's default 100): EF, the scheduler and the notifications each draw from a capped pool of their own.
/// </summary>
public sealed class ConnectionBudgetTests : IAsyncLifetime
{
    private const int Budget = 20;
    private readonly PostgresDatabase _database = new();
    private readonly string _application = "dx-budget-" + Guid.NewGuid().ToString("N")[..8];
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var connection = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { ApplicationName = _application }.ConnectionString;
        _host = EngineFixture.BuildHost(connection, new Dictionary<string, string?> { ["SchedulerName"] = _application }, _ => { });
        await _host.StartAsync();
        await _host.Services.GetRequiredService<TaskNotificationListener>().Listening;
    }

    [Fact]
    public async Task A_storm_of_queries_scheduler_calls_and_notifications_holds_at_most_twenty_connections()
    {
        var contexts = _host.Services.GetRequiredService<IDbContextFactory<DreamXDbContext>>();
        var scheduler = await _host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var notifications = _host.Services.GetRequiredService<TaskNotifications>();

        // Far more at once than any pool has: page reads that hold their connection a moment, scheduler lookups, NOTIFYs.
        var reads = Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("SELECT pg_sleep(0.2)");
        });
        var lookups = Enumerable.Range(0, 200).Select(async _ => await scheduler.GetJobKeys(GroupMatcher<JobKey>.AnyGroup()));
        var notifies = Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var connection = await notifications.DataSource.OpenConnectionAsync();
            await using var command = new NpgsqlCommand("SELECT pg_notify('dx_budget_test', ''), pg_sleep(0.1)", connection);
            await command.ExecuteNonQueryAsync();
        });
        await Task.WhenAll(reads.Concat(lookups).Concat(notifies));

        // Pools keep what they opened (idle) for minutes, so the count now is each pool's peak.
        await using var observer = new NpgsqlConnection(_database.ConnectionString);
        await observer.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", observer);
        count.Parameters.AddWithValue("name", _application);
        var held = (long)(await count.ExecuteScalarAsync())!;

        Assert.InRange(held, PersistenceServiceCollectionExtensions.DefaultMaxPoolSize, Budget);
    }

    [Theory]
    [InlineData("Host=db;Database=studio", 12)]
    [InlineData("Host=db;Database=studio;Maximum Pool Size=25", 25)]
    [InlineData("Host=db;Database=studio;MaxPoolSize=8", 8)]
    public void The_main_pool_is_capped_unless_the_connection_string_sizes_it(string configured, int expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = configured })
            .Build();

        var connection = new NpgsqlConnectionStringBuilder(PersistenceServiceCollectionExtensions.ConnectionStringOf(configuration));

        Assert.Equal(expected, connection.MaxPoolSize);
    }

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _database.DisposeAsync();
    }
}
