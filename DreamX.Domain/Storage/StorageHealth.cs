namespace DreamX.Domain.Storage;

/// <summary>Whether storage can be used right now, and why not.</summary>
public sealed record StorageHealth(bool IsHealthy, string? Reason)
{
    public static StorageHealth Healthy() => new(true, null);

    public static StorageHealth Unhealthy(string reason) => new(false, reason);
}
