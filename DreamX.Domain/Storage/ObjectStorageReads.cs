namespace DreamX.Domain.Storage;

/// <summary>A stored object read whole into memory, with what storage knows of it.</summary>
public sealed record ObjectBytes(byte[] Bytes, StoredObject Info);

public static class ObjectStorageReads
{
    /// <summary>The whole object in memory (for pictures and other small objects a step needs as bytes); null when there is no such object.</summary>
    public static async Task<ObjectBytes?> ReadAllBytesAsync(this IObjectStorage storage, ObjectKey key, CancellationToken ct)
    {
        await using var content = await storage.OpenReadAsync(key, ct);
        if (content is null)
            return null;
        using var buffer = new MemoryStream();
        await content.Stream.CopyToAsync(buffer, ct);
        return new ObjectBytes(buffer.ToArray(), content.Info);
    }
}
