using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Storage;

/// <summary>The cards' small pictures: made once from a stored picture, kept in the project's storage, renewed when the picture is.</summary>
public sealed class CardThumbnailsTests : IDisposable
{
    private static readonly Guid ProjectId = Guid.Parse("3f6b1d2e-8c4a-4f1e-9b7d-2a5c6e8f0a1b");
    private readonly TemporaryFolder _folder = new();
    private readonly LocalFileObjectStorage _storage;
    private readonly CardThumbnails _thumbnails;

    public CardThumbnailsTests()
    {
        _storage = new LocalFileObjectStorage(Path.Combine(_folder.Path, "storage"), new MediaUrlSigner(new EphemeralDataProtectionProvider(), TimeProvider.System));
        _thumbnails = new CardThumbnails(_storage, NullLogger<CardThumbnails>.Instance);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_shot_picture_gets_a_small_square_jpeg_in_the_projects_thumbs_area()
    {
        var picture = ObjectKey.ForProject(ProjectId, ProjectAreas.Images, "shot-1.png");
        var png = Picture(720, 1280, SKColors.Crimson);
        await _storage.PutAsync(picture, new MemoryStream(png), "image/png", CancellationToken.None);

        var key = await _thumbnails.ForAsync(picture, CancellationToken.None);

        Assert.NotNull(key);
        Assert.Equal(ProjectId, key.ProjectId);
        Assert.StartsWith($"projects/{ProjectId}/{CardThumbnails.Area}/", key.Value, StringComparison.Ordinal);
        await using var stored = await _storage.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("image/jpeg", stored.Info.ContentType);
        using var buffer = new MemoryStream();
        await stored.Stream.CopyToAsync(buffer);
        using var thumbnail = SKBitmap.Decode(buffer.ToArray());
        Assert.Equal((CardThumbnails.Size, CardThumbnails.Size), (thumbnail.Width, thumbnail.Height));
        // The picture's colour, from its middle; and a fraction of the picture's bytes.
        var middle = thumbnail.GetPixel(CardThumbnails.Size / 2, CardThumbnails.Size / 2);
        Assert.InRange(middle.Red, 200, 255);
        Assert.InRange(middle.Green, 0, 40);
        Assert.True(buffer.Length < png.Length / 4 && buffer.Length < 8 * 1024, $"{buffer.Length} bytes against the picture's {png.Length}");
    }

    [Fact]
    public async Task It_is_made_once_and_renewed_when_the_picture_is_stored_again()
    {
        var picture = ObjectKey.ForProject(ProjectId, ProjectAreas.Images, "shot-2.png");
        await _storage.PutAsync(picture, new MemoryStream(Picture(720, 1280, SKColors.Navy)), "image/png", CancellationToken.None);

        var first = await _thumbnails.ForAsync(picture, CancellationToken.None);
        var written = (await _storage.StatAsync(first!, CancellationToken.None))!.LastModified;
        // Another instance (a new CardThumbnails) finds it in storage and does not make it again.
        var again = await new CardThumbnails(_storage, NullLogger<CardThumbnails>.Instance).ForAsync(picture, CancellationToken.None);
        Assert.Equal(first, again);
        Assert.Equal(written, (await _storage.StatAsync(again!, CancellationToken.None))!.LastModified);

        await _storage.PutAsync(picture, new MemoryStream(Picture(720, 1280, SKColors.Gold)), "image/png", CancellationToken.None);
        var renewed = await _thumbnails.ForAsync(picture, CancellationToken.None);

        Assert.NotNull(renewed);
        Assert.NotEqual(first, renewed);
    }

    [Fact]
    public async Task What_is_not_a_decodable_project_picture_gets_none()
    {
        var clip = ObjectKey.ForProject(ProjectId, ProjectAreas.Clips, "shot-1.mp4");
        await _storage.PutAsync(clip, new MemoryStream([0, 0, 0, 24, 102, 116, 121, 112]), "video/mp4", CancellationToken.None);
        var broken = ObjectKey.ForProject(ProjectId, ProjectAreas.Images, "broken.png");
        await _storage.PutAsync(broken, new MemoryStream("not a picture"u8.ToArray()), "image/png", CancellationToken.None);
        var style = ObjectKey.ForAsset(AssetKinds.Styles, "sample.png");
        await _storage.PutAsync(style, new MemoryStream(Picture(64, 64, SKColors.Teal)), "image/png", CancellationToken.None);

        Assert.Null(await _thumbnails.ForAsync(clip, CancellationToken.None));
        Assert.Null(await _thumbnails.ForAsync(broken, CancellationToken.None));
        Assert.Null(await _thumbnails.ForAsync(ObjectKey.ForProject(ProjectId, ProjectAreas.Images, "missing.png"), CancellationToken.None));
        Assert.Null(await _thumbnails.ForAsync(style, CancellationToken.None));
    }

    [Fact]
    public async Task Storage_that_fails_while_making_one_gives_none_and_the_next_ask_tries_again()
    {
        var picture = ObjectKey.ForProject(ProjectId, ProjectAreas.Images, "shot-3.png");
        await _storage.PutAsync(picture, new MemoryStream(Picture(720, 1280, SKColors.Olive)), "image/png", CancellationToken.None);
        var flaky = new UnreadableStorage(_storage);
        var thumbnails = new CardThumbnails(flaky, NullLogger<CardThumbnails>.Instance);

        Assert.Null(await thumbnails.ForAsync(picture, CancellationToken.None));

        flaky.Readable = true;
        Assert.NotNull(await thumbnails.ForAsync(picture, CancellationToken.None));
    }

    /// <summary>Local storage whose reads fail with an error no caller expects, until told otherwise.</summary>
    private sealed class UnreadableStorage(IObjectStorage inner) : IObjectStorage
    {
        public bool Readable { get; set; }

        public Task<ObjectContent?> OpenReadAsync(ObjectKey key, CancellationToken ct) =>
            Readable ? inner.OpenReadAsync(key, ct) : throw new UnauthorizedAccessException("the disk says no");

        public Task<StoredObject> PutAsync(ObjectKey key, Stream content, string contentType, CancellationToken ct) => inner.PutAsync(key, content, contentType, ct);
        public Task<StoredObject?> StatAsync(ObjectKey key, CancellationToken ct) => inner.StatAsync(key, ct);
        public Task<bool> ExistsAsync(ObjectKey key, CancellationToken ct) => inner.ExistsAsync(key, ct);
        public Task DeleteAsync(ObjectKey key, CancellationToken ct) => inner.DeleteAsync(key, ct);
        public IAsyncEnumerable<ListedObject> ListAsync(string prefix, CancellationToken ct) => inner.ListAsync(prefix, ct);
        public Task<StorageHealth> CheckHealthAsync(CancellationToken ct) => inner.CheckHealthAsync(ct);
        public Task<string> GetDownloadUrlAsync(ObjectKey key, TimeSpan lifetime, string? downloadFileName, CancellationToken ct) =>
            inner.GetDownloadUrlAsync(key, lifetime, downloadFileName, ct);
    }

    private static byte[] Picture(int width, int height, SKColor colour)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(colour);
        // Detail away from the middle, so the picture is not trivially small as a PNG.
        using var paint = new SKPaint { Color = SKColors.White, StrokeWidth = 3, IsAntialias = true };
        for (var i = 0; i < 60; i++)
            surface.Canvas.DrawLine(i * 13 % width, 0, width - i * 7 % width, height / 5f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
