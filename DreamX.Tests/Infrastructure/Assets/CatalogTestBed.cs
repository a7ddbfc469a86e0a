using DreamX.Domain.Assets;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Tests.Support;
using Microsoft.AspNetCore.DataProtection;

namespace DreamX.Tests.Infrastructure.Assets;

/// <summary>The catalogue services on the shared test database and local storage in a temporary folder; resets the database first.</summary>
public abstract class CatalogTestBed(PostgresDatabase database) : IAsyncLifetime
{
    private readonly TemporaryFolder _folder = new();

    protected PostgresDatabase Database { get; } = database;

    protected IObjectStorage Storage { get; private set; } = null!;

    protected CatalogMediaStore Media { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.ResetAsync();
        Storage = new LocalFileObjectStorage(_folder.Path, new MediaUrlSigner(new EphemeralDataProtectionProvider(), TimeProvider.System));
        Media = new CatalogMediaStore(Storage, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    protected static MediaUpload Png(string name = "sample.png") =>
        new(name, CatalogArtwork.RenderCard("Test", "test", ["#112233", "#445566"]));

    /// <summary>A minimal RIFF/WAVE header: enough for the format check.</summary>
    protected static MediaUpload Wav(string name = "sample.wav")
    {
        var bytes = new byte[64];
        "RIFF"u8.CopyTo(bytes);
        "WAVE"u8.CopyTo(bytes.AsSpan(8));
        return new MediaUpload(name, bytes);
    }

    protected async Task<bool> StoredAsync(string? key) =>
        key is not null && await Storage.ExistsAsync(ObjectKey.Parse(key), CancellationToken.None);
}
