using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DreamX.Tests.Infrastructure.Projects;

/// <summary>Base of the ProjectLibrary tests: a fresh database with two creators, local storage and a manual clock.</summary>
public abstract class ProjectLibraryTest(PostgresDatabase database) : IAsyncLifetime
{
    protected const string Maya = "user-maya";
    protected const string Leo = "user-leo";

    private readonly TemporaryFolder _folder = new();

    protected PostgresDatabase Database => database;
    protected ManualTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    protected LocalFileObjectStorage Storage { get; private set; } = null!;
    protected ProjectLibrary Library { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        await database.ResetAsync();
        await using (var db = database.CreateContext())
        {
            db.Users.AddRange(
                new ApplicationUser { Id = Maya, UserName = "maya@example.com", Email = "maya@example.com" },
                new ApplicationUser { Id = Leo, UserName = "leo@example.com", Email = "leo@example.com" });
            await db.SaveChangesAsync();
        }
        Storage = new LocalFileObjectStorage(_folder.Path, new MediaUrlSigner(new EphemeralDataProtectionProvider(), Clock));
        Library = new ProjectLibrary(database.ContextFactory, Storage, Clock, NullLogger<ProjectLibrary>.Instance);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
