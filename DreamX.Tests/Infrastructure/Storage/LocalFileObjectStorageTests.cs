using System.Security.Cryptography;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace DreamX.Tests.Infrastructure.Storage;

public sealed class LocalFileObjectStorageTests : ObjectStorageContractTests, IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly LocalFileObjectStorage _storage;

    public LocalFileObjectStorageTests()
    {
        _storage = new LocalFileObjectStorage(Path.Combine(_folder.Path, "storage"), NewSigner());
    }

    protected override IObjectStorage Storage => _storage;

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ETag_is_the_sha256_of_the_content()
    {
        var bytes = "some image"u8.ToArray();

        var stored = await _storage.PutAsync(ObjectKey.ForAsset(AssetKinds.Styles, "a.png"), new MemoryStream(bytes), "image/png", CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.ETag);
    }

    [Fact]
    public async Task Writing_leaves_only_the_object_and_its_sidecar()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Images, "shot-1.png");

        await _storage.PutAsync(key, new MemoryStream([1, 2, 3]), "image/png", CancellationToken.None);

        var files = Directory.GetFiles(Path.Combine(_storage.Root, "projects", ProjectId.ToString(), "images")).Select(Path.GetFileName);
        Assert.Equal([".shot-1.png.meta.json", "shot-1.png"], files.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deleting_removes_the_sidecar_too()
    {
        var key = ObjectKey.ForUserAvatar("user-1", "me.png");
        await _storage.PutAsync(key, new MemoryStream([1]), "image/png", CancellationToken.None);

        await _storage.DeleteAsync(key, CancellationToken.None);

        Assert.Empty(Directory.GetFiles(Path.Combine(_storage.Root, "users", "user-1", "avatar")));
    }

    [Fact]
    public async Task Content_type_falls_back_to_the_extension_without_a_sidecar()
    {
        var file = Path.Combine(_storage.Root, "assets", "music", "theme.mp3");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllBytesAsync(file, [1, 2]);

        var stat = await _storage.StatAsync(ObjectKey.ForAsset(AssetKinds.Music, "theme.mp3"), CancellationToken.None);

        Assert.NotNull(stat);
        Assert.Equal("audio/mpeg", stat.ContentType);
    }

    [Fact]
    public async Task Files_outside_the_root_are_never_listed()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.Path, "secret.txt"), "secret");
        await _storage.PutAsync(ObjectKey.ForAsset(AssetKinds.Music, "a.mp3"), new MemoryStream([1]), "audio/mpeg", CancellationToken.None);

        var listed = await _storage.ListAsync("", CancellationToken.None).ToListAsync();

        Assert.Equal(["assets/music/a.mp3"], listed.Select(l => l.Key.Value));
    }

    [Fact]
    public async Task Health_check_leaves_nothing_behind()
    {
        await _storage.CheckHealthAsync(CancellationToken.None);

        Assert.Empty(Directory.GetFileSystemEntries(_storage.Root));
    }

    [Fact]
    public async Task Health_is_bad_when_the_root_cannot_be_created()
    {
        var blocker = Path.Combine(_folder.Path, "a-file");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var storage = new LocalFileObjectStorage(Path.Combine(blocker, "storage"), NewSigner());

        var health = await storage.CheckHealthAsync(CancellationToken.None);

        Assert.False(health.IsHealthy);
        Assert.Contains("Cannot write", health.Reason);
    }

    [Fact]
    public async Task Download_url_is_an_app_relative_media_link()
    {
        var key = ObjectKey.ForAsset(AssetKinds.Showcases, "trailer.mp4");

        var url = await _storage.GetDownloadUrlAsync(key, TimeSpan.FromMinutes(5), null, CancellationToken.None);

        Assert.StartsWith("/media/assets/showcases/trailer.mp4?t=", url);
    }

    private static MediaUrlSigner NewSigner() => new(new EphemeralDataProtectionProvider(), TimeProvider.System);
}
