namespace DreamX.Infrastructure.Storage;

/// <summary>The "Storage:Local" section.</summary>
public sealed class LocalStorageOptions
{
    /// <summary>Relative paths are resolved against the content root.</summary>
    public string Root { get; set; } = ".data/storage";
}
