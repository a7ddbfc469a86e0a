using DreamX.Infrastructure.Persistence;
using DreamX.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ProjectGraph = DreamX.Infrastructure.Canvas.ProjectGraph;

namespace DreamX.Bench.Canvas;

/// <summary>The studio in this process on Kestrel (as the UI tests host it), on a fresh database of the bench cluster.</summary>
public sealed class BenchStudio : IAsyncDisposable
{
    private readonly Factory _factory;
    private readonly string _storage;
    private readonly string _server;
    private readonly string _database;

    private BenchStudio(Factory factory, string storage, Uri baseAddress, string server, string database)
    {
        _factory = factory;
        _storage = storage;
        _server = server;
        _database = database;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The studio's services (the profile times its parts with them).</summary>
    public IServiceProvider Services => _factory.Services;

    public static async Task<BenchStudio> StartAsync(string serverConnectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(serverConnectionString);
        var database = "dx_bench_canvas_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(builder.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        builder.Database = database;
        var storage = Path.Combine(Path.GetTempPath(), "dreamx-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var factory = new Factory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = builder.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Seed:Demo"] = "true",
            ["Seed:AdminEmail"] = "admin@bench.test",
            ["Seed:AdminPassword"] = "Admin-bench-1",
            ["Storage:Provider"] = "Local",
            ["Storage:Local:Root"] = storage,
            // Static assets keep the caching headers a published studio sends (fingerprinted files cached for good): run
            // from the build output, ASP.NET Core would send "no-cache" so that edits under wwwroot show at once, and every
            // warm load would ask again for each stylesheet and script, which no user's browser does.
            ["EnableStaticAssetsDevelopmentCaching"] = Environment.GetEnvironmentVariable("DREAMX_BENCH_NO_CACHE") == "1" ? "false" : "true",
            // The bench loads hundreds of thumbnails per run from one address.
            ["RateLimits:Media:PermitLimit"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
        });
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        return new BenchStudio(factory, storage, new Uri(addresses.Addresses.First()), serverConnectionString, database);
    }

    /// <summary>Writes a sample project for the user with <paramref name="email"/>.</summary>
    public async Task<ProjectGraph> SeedAsync(string email, int characters, int episodes, int scenesPerEpisode, int shotsPerScene)
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<DreamXDbContext>>();
        await using var db = await contexts.CreateDbContextAsync();
        var ownerId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        var nodes = SampleProjectGraph.NodeCount(characters, episodes, scenesPerEpisode, shotsPerScene);
        var graph = SampleProjectGraph.Build(ownerId, characters, episodes, scenesPerEpisode, shotsPerScene, $"Benchmark: {nodes} nodes");
        await AddPicturesAsync(graph);
        await SampleProjectGraph.SaveAsync(db, graph);
        return graph;
    }

    /// <summary>
    /// A real project's made shots and characters have pictures: every card then shows a thumbnail, and every read of the
    /// project signs a link for each. One small stored PNG per picture.
    /// </summary>
    private async Task AddPicturesAsync(ProjectGraph graph)
    {
        var storage = _factory.Services.GetRequiredService<DreamX.Domain.Storage.IObjectStorage>();
        using var bitmap = new SkiaSharp.SKBitmap(90, 160);
        bitmap.Erase(new SkiaSharp.SKColor(0x2a, 0x3b, 0x55));
        var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 90).ToArray();
        async Task<string> StoreAsync(string area, Guid id)
        {
            var key = DreamX.Domain.Storage.ObjectKey.ForProject(graph.Project.Id, area, $"{id:N}.png");
            await storage.PutAsync(key, new MemoryStream(png), "image/png", CancellationToken.None);
            return key.ToString();
        }

        foreach (var character in graph.Characters.Where(c => c.CurrentVersion > 0))
            character.PortraitKey = await StoreAsync(DreamX.Domain.Storage.ProjectAreas.Portraits, character.Id);
        foreach (var shot in graph.Episodes.SelectMany(e => e.Scenes).SelectMany(s => s.Shots).Where(s => s.CurrentVersion > 0))
            shot.ImageKey = await StoreAsync(DreamX.Domain.Storage.ProjectAreas.Images, shot.Id);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        if (Directory.Exists(_storage))
            Directory.Delete(_storage, recursive: true);
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        }
    }
}
