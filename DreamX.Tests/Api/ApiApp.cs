using System.Net.Http.Headers;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Users;
using DreamX.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Api;

/// <summary>A user of the API in a test: their id, e-mail, the plain token and a client that sends it.</summary>
public sealed record ApiTestUser(string Id, string Email, string Token, Guid TokenId, HttpClient Client);

/// <summary>
/// The whole studio in process (TestServer) on its own migrated PostgreSQL database, local storage in a temporary
/// folder and the demo seed, for tests that talk to <c>/api/v1</c> over HTTP. Rate limits are high unless a test
/// passes its own settings; <see cref="CreateUserAsync"/> makes an account with a token.
/// </summary>
public sealed class ApiApp : IAsyncLifetime
{
    public const string AdminEmail = "admin@dreamx.test";
    public const string AdminPassword = "Admin-pass-1-api";
    public const string UserPassword = "Creator-pass-1-api";

    private readonly PostgresDatabase _database = new();
    private readonly string _storageRoot = Path.Combine(Path.GetTempPath(), "dreamx-api-" + Guid.NewGuid().ToString("N")[..8]);
    private Factory? _factory;

    private IReadOnlyDictionary<string, string?> _overrides = new Dictionary<string, string?>();

    /// <summary>An app with some settings of its own (e.g. low rate limits), for a test to initialise and dispose.</summary>
    public static ApiApp With(IReadOnlyDictionary<string, string?> overrides) => new() { _overrides = overrides };

    public PostgresDatabase Database => _database;

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var settings = new Dictionary<string, string?>
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
            ["Studio:PublicUrl"] = "http://localhost",
            ["RateLimits:Media:PermitLimit"] = "100000",
            ["RateLimits:ApiPerToken:PermitLimit"] = "100000",
            ["RateLimits:ApiSpending:PermitLimit"] = "100000",
            ["RateLimits:ApiPerAddress:PermitLimit"] = "100000",
        };
        foreach (var (key, value) in _overrides)
            settings[key] = value;
        _factory = new Factory(settings);
        _factory.StartServer();
        await Task.CompletedTask;
    }

    /// <summary>A client without credentials (redirects not followed, cookies not kept).</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = _factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Registers a creator (welcome credits and all, as the sign-up page does) and gives them a token.</summary>
    public async Task<ApiTestUser> CreateUserAsync(string[]? scopes = null, string? email = null, bool admin = false, DateTimeOffset? expiresAt = null)
    {
        email ??= $"creator-{Guid.NewGuid():N}"[..20] + "@dreamx.test";
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var registered = await accounts.RegisterAsync(email, UserPassword, null, admin ? Roles.Admin : Roles.User);
        Assert.True(registered.IsSuccess, registered.Error);
        return await CreateTokenAsync(registered.Value.Id, email, scopes, expiresAt);
    }

    /// <summary>Another token for an existing user.</summary>
    public async Task<ApiTestUser> CreateTokenAsync(string userId, string email, string[]? scopes = null, DateTimeOffset? expiresAt = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<AccessTokens>();
        var created = await tokens.CreateAsync(userId, "test", scopes ?? [TokenScopes.Read, TokenScopes.Write], expiresAt);
        Assert.True(created.IsSuccess, created.Error);
        return new ApiTestUser(userId, email, created.Value.Token, created.Value.View.Id, CreateClient(created.Value.Token));
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
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        }
    }
}
