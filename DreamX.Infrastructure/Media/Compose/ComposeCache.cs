using DreamX.Domain.Storage;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// Rendered segments and soundtracks by content key. The shared copy lives in object storage under
/// <c>cache/compose/</c>, so every instance (and every composition with the same content) reuses what one rendered;
/// the local folder is only a cache of that cache. Without a storage the local folder is the whole cache.
/// Entries are immutable: a key names its content, so a file present under its name is complete (files are written
/// under a unique temporary name and renamed).
/// </summary>
public sealed class ComposeCache(string localFolder, IObjectStorage? storage)
{
    public const string StoragePrefix = "cache/compose/";

    public string LocalFolder { get; } = Path.GetFullPath(localFolder);

    public string LocalPath(string name) => Path.Combine(LocalFolder, name);

    /// <summary>A unique temporary path to render <paramref name="name"/> into before <see cref="CommitAsync"/>.</summary>
    public string TemporaryPath(string name) => Path.Combine(LocalFolder, $"{name}.{Guid.NewGuid():N}.part");

    /// <summary>The local file of the entry, fetched from storage when only storage has it; null when neither has it.</summary>
    public async Task<string?> TryGetAsync(string name, CancellationToken cancellationToken)
    {
        var local = LocalPath(name);
        if (File.Exists(local)) return local;
        if (storage is null) return null;
        await using var content = await storage.OpenReadAsync(StorageKey(name), cancellationToken);
        if (content is null) return null;
        var part = TemporaryPath(name);
        try
        {
            await using (var file = File.Create(part))
                await content.Stream.CopyToAsync(file, cancellationToken);
            File.Move(part, local, overwrite: true);
        }
        finally
        {
            File.Delete(part);
        }

        return local;
    }

    /// <summary>Moves a rendered temporary file into the local cache and returns its path (<see cref="ShareAsync"/> uploads it).</summary>
    public string Commit(string temporaryPath, string name)
    {
        var local = LocalPath(name);
        File.Move(temporaryPath, local, overwrite: true);
        return local;
    }

    /// <summary>Uploads a local entry to storage so other instances find it.</summary>
    public async Task ShareAsync(string name, string contentType, CancellationToken cancellationToken)
    {
        if (storage is null) return;
        await using var file = File.OpenRead(LocalPath(name));
        await storage.PutAsync(StorageKey(name), file, contentType, cancellationToken);
    }

    public static ObjectKey StorageKey(string name) => ObjectKey.Parse(StoragePrefix + name);

    /// <summary>Removes shared entries stored before <paramref name="before"/>, so the shared cache cannot grow without
    /// bound (a compose that needs one again renders it again). Any instance may run it; deleting twice is harmless.</summary>
    /// <returns>How many entries were removed and their size.</returns>
    public static async Task<(int Removed, long Bytes)> SweepSharedAsync(IObjectStorage storage, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var old = new List<ListedObject>();
        await foreach (var entry in storage.ListAsync(StoragePrefix, cancellationToken))
        {
            if (entry.LastModified < before) old.Add(entry);
        }

        foreach (var entry in old) await storage.DeleteAsync(entry.Key, cancellationToken);
        return (old.Count, old.Sum(e => e.Size));
    }
}
