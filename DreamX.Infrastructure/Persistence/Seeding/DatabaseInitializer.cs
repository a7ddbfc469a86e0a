using System.Security.Cryptography;
using DreamX.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Persistence.Seeding;

/// <summary>Applies migrations (when configured), creates the roles and the admin account, and seeds the demo data.</summary>
public sealed class DatabaseInitializer(
    DreamXDbContext db,
    RoleManager<IdentityRole> roles,
    UserManager<ApplicationUser> users,
    UserAccounts accounts,
    IEnumerable<ICatalogSeed> seeds,
    IOptions<DatabaseOptions> database,
    IOptions<SeedOptions> seed,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (database.Value.MigrateOnStartup)
        {
            logger.LogInformation("Applying database migrations");
            // On a new database EF reads the history table before creating it and logs the expected failure as an
            // error (dotnet/efcore#37328); creating the (empty) table first keeps a first start's log clean.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }

        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
        }

        await EnsureAdminAsync();

        if (seed.Value.Demo)
        {
            foreach (var catalogSeed in seeds.OrderBy(s => s.Order))
                await catalogSeed.SeedAsync(db, cancellationToken);
        }
    }

    private async Task EnsureAdminAsync()
    {
        var email = seed.Value.AdminEmail;
        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            if (!await users.IsInRoleAsync(existing, Roles.Admin))
                await users.AddToRoleAsync(existing, Roles.Admin);
            var configured = seed.Value.AdminPassword;
            if (string.IsNullOrWhiteSpace(configured))
            {
                PrintCredentials(email, "(unchanged; set Seed__AdminPassword to choose one)");
            }
            else
            {
                // The configured password is the source of truth: a changed setting takes effect at the next start.
                if (!await users.CheckPasswordAsync(existing, configured))
                {
                    var token = await users.GeneratePasswordResetTokenAsync(existing);
                    var reset = await users.ResetPasswordAsync(existing, token, configured);
                    if (!reset.Succeeded)
                        throw new InvalidOperationException($"Cannot set the admin password from Seed:AdminPassword: {string.Join(" ", reset.Errors.Select(e => e.Description))}");
                }
                PrintCredentials(email, "(as configured in Seed:AdminPassword; not printed)");
            }
            return;
        }

        var password = string.IsNullOrWhiteSpace(seed.Value.AdminPassword) ? GeneratePassword() : seed.Value.AdminPassword;
        var created = await accounts.RegisterAsync(email, password, "Admin", Roles.Admin);
        if (created.IsFailure)
            throw new InvalidOperationException($"Cannot create the admin account {email}: {created.Error}");

        // Only a password nobody chose is shown, once, on the first start: the operator has no other way to learn it.
        PrintCredentials(email, string.IsNullOrWhiteSpace(seed.Value.AdminPassword)
            ? password + "   (generated: change it after signing in)"
            : "(as configured in Seed:AdminPassword; not printed)");
    }

    /// <summary>Written to the console (not the log) so the person who started the studio can sign in.</summary>
    private static void PrintCredentials(string email, string password)
    {
        Console.WriteLine();
        Console.WriteLine("  ┌──────────────────────────────────────────────");
        Console.WriteLine($"  │ DreamX admin account: {email}");
        Console.WriteLine($"  │ password:             {password}");
        Console.WriteLine("  └──────────────────────────────────────────────");
        Console.WriteLine();
    }

    private static string GeneratePassword() =>
        "Dx-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'a').Replace('/', 'b').TrimEnd('=') + "7";
}

public static class DatabaseInitializerExtensions
{
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
    }
}
