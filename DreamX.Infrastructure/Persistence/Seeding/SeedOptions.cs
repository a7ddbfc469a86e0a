namespace DreamX.Infrastructure.Persistence.Seeding;

/// <summary>What is created at start (section "Seed").</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Seed the demo catalogue (styles, voices, showcases) and a sample project.</summary>
    public bool Demo { get; set; }

    public string AdminEmail { get; set; } = "admin@dreamx.local";

    /// <summary>The admin's password; when empty one is generated and printed once at first start.</summary>
    public string? AdminPassword { get; set; }
}
