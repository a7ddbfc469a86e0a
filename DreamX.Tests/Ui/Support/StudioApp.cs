using DreamX.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DreamX.Tests.Ui.Support;

/// <summary>
/// The whole studio on Kestrel at 127.0.0.1 on a free port, on its own migrated PostgreSQL database,
/// local storage in a temporary folder and the demo seed, for Playwright to drive.
/// </summary>
public sealed class StudioApp : IAsyncLifetime
{
    public const string AdminEmail = "admin@dreamx.test";
    public const string AdminPassword = "Admin-pass-1";

    /// <summary>The configured public address: e-mailed links point here, whatever Host a request named.</summary>
    public const string PublicUrl = "http://studio.dreamx.test";

    private readonly PostgresDatabase _database;
    private readonly string _storageRoot = Path.Combine(Path.GetTempPath(), "dreamx-ui-" + Guid.NewGuid().ToString("N")[..8]);
    private Factory? _factory;

    /// <summary>On the shared test cluster (xUnit builds class fixtures through this, their only public constructor).</summary>
    public StudioApp()
        : this(new PostgresDatabase())
    {
    }

    private StudioApp(PostgresDatabase database)
    {
        _database = database;
    }

    /// <summary>On a PostgreSQL server of the test's own (e.g. a cluster it stops and starts).</summary>
    public static StudioApp OnServer(string serverConnectionString) => new(PostgresDatabase.On(serverConnectionString));

    public Uri BaseAddress { get; private set; } = null!;

    public PostgresDatabase Database => _database;

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new Factory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = _database.ConnectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["Seed:Demo"] = "true",
            ["Seed:AdminEmail"] = AdminEmail,
            ["Seed:AdminPassword"] = AdminPassword,
            ["Storage:Provider"] = "Local",
            ["Storage:Local:Root"] = _storageRoot,
            ["Email:OutboxFolder"] = Path.Combine(_storageRoot, "outbox"),
            ["Compose:WorkRoot"] = Path.Combine(_storageRoot, "compose"),
            ["Studio:PublicUrl"] = PublicUrl,
            ["Sessions:StampCheck"] = "00:00:05",
            // Every test browser comes from 127.0.0.1: the per-address limits are tested on their own.
            ["RateLimits:Login:PermitLimit"] = "100000",
            ["RateLimits:Register:PermitLimit"] = "100000",
            ["RateLimits:PasswordReset:PermitLimit"] = "100000",
            ["RateLimits:Upload:PermitLimit"] = "100000",
            ["RateLimits:Generate:PermitLimit"] = "100000",
            ["RateLimits:Media:PermitLimit"] = "100000",
            ["RateLimits:AccountEndpoints:PermitLimit"] = "100000",
            // The fake OpenAI-compatible server runs on loopback, which only an allowlist lets the studio call.
            ["Providers:Outbound:AllowedHosts:0"] = "127.0.0.1",
            // Webhook receivers in tests listen on loopback too (a separate allowlist).
            ["Webhooks:AllowedHosts:0"] = "127.0.0.1",
            // Video jobs of the fake video servers finish in a few polls: poll them quickly.
            ["Providers:Video:FirstPollDelay"] = "00:00:00.200",
            ["Providers:Video:MaxPollDelay"] = "00:00:01",
            // A failing fake provider is retried as in production (same attempts, same order) but without the real
            // waits: seconds per retry add up to a minute per failing task across the suite's provider tests.
            ["Providers:Routing:RetryDelay"] = "00:00:00.050",
            ["Engine:RetryBaseDelay"] = "00:00:00.100",
            // A provider's open circuit tells the engine when to try again (its break); a minute per failing task here.
            ["Providers:Routing:BreakDuration"] = "00:00:01",
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_storageRoot))
            Directory.Delete(_storageRoot, recursive: true);
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.ConfigureLogging(logging => logging.AddProvider(new ErrorLogFile()));
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        }
    }
}
