namespace DreamX.Domain.Storage;

/// <summary>An object opened for reading. The caller owns it and must dispose it.</summary>
public sealed class ObjectContent(StoredObject info, Stream stream) : IAsyncDisposable, IDisposable
{
    public StoredObject Info { get; } = info;

    public Stream Stream { get; } = stream;

    public ValueTask DisposeAsync() => Stream.DisposeAsync();

    public void Dispose() => Stream.Dispose();
}
