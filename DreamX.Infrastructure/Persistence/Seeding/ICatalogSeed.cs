namespace DreamX.Infrastructure.Persistence.Seeding;

/// <summary>A part of the demo data; each seed adds only what is missing, so start-up can run it every time.</summary>
public interface ICatalogSeed
{
    /// <summary>Seeds run in ascending order.</summary>
    int Order { get; }

    Task SeedAsync(DreamXDbContext db, CancellationToken cancellationToken);
}
