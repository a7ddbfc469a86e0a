using DreamX.Domain.Assets;

namespace DreamX.Infrastructure.Assets;

/// <summary>
/// The files one catalogue save adds and replaces: new files are stored before the row is saved, so a failed
/// save removes them again (<see cref="RollBackAsync"/>) and a good one removes the files they replaced.
/// </summary>
internal sealed class CatalogMediaChanges(CatalogMediaStore store, string kind, Guid entryId)
{
    private readonly List<string> _added = [];
    private readonly List<string> _replaced = [];

    /// <summary>Stores <paramref name="upload"/> (when given) and hands its key to <paramref name="assign"/>.</summary>
    /// <returns>Null, or the <see cref="CatalogErrors"/> code the file breaks.</returns>
    public async Task<string?> ReplaceAsync(
        string name, MediaUpload? upload, CatalogMediaRule rule, string? currentKey, Action<string> assign, CancellationToken ct)
    {
        if (upload is null)
            return null;

        var stored = await store.StoreAsync(kind, entryId, name, upload, rule, ct);
        if (stored.IsFailure)
            return stored.Error;

        _added.Add(stored.Value.Value);
        if (!string.IsNullOrEmpty(currentKey))
            _replaced.Add(currentKey);
        assign(stored.Value.Value);
        return null;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        foreach (var key in _replaced)
            await store.DeleteAsync(key, ct);
    }

    public async Task RollBackAsync(CancellationToken ct)
    {
        foreach (var key in _added)
            await store.DeleteAsync(key, CancellationToken.None);
        ct.ThrowIfCancellationRequested();
    }
}
