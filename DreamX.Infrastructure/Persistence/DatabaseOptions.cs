namespace DreamX.Infrastructure.Persistence;

/// <summary>Start-up behaviour of the database (section "Database").</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Apply pending migrations when the app starts (run script and docker compose turn it on).</summary>
    public bool MigrateOnStartup { get; set; }

    /// <summary>The app's main (EF) connection pool size, when the connection string does not set one (default 12).</summary>
    public int MaxPoolSize { get; set; } = PersistenceServiceCollectionExtensions.DefaultMaxPoolSize;
}
