using System.Text;
using DreamX.Domain.Storage;

namespace DreamX.Tests.Infrastructure.Storage;

/// <summary>
/// What every <see cref="IObjectStorage"/> adapter must do alike; each adapter's test class derives from this
/// and adds what is its own.
/// </summary>
public abstract class ObjectStorageContractTests
{
    protected static readonly Guid ProjectId = Guid.NewGuid();

    protected abstract IObjectStorage Storage { get; }

    [Fact]
    public async Task Stored_object_reads_back_with_its_content_type()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Audio, "line-1.wav");
        var bytes = Encoding.UTF8.GetBytes("RIFF....WAVE");

        var stored = await Storage.PutAsync(key, new MemoryStream(bytes), "audio/wav", CancellationToken.None);
        var stat = await Storage.StatAsync(key, CancellationToken.None);
        await using var content = await Storage.OpenReadAsync(key, CancellationToken.None);

        Assert.Equal(bytes.Length, stored.Size);
        Assert.False(string.IsNullOrEmpty(stored.ETag));
        Assert.Equal(stored with { LastModified = default }, stat! with { LastModified = default });
        Assert.NotNull(content);
        Assert.Equal("audio/wav", content.Info.ContentType);
        Assert.Equal(bytes, await ReadAllAsync(content.Stream));
    }

    [Fact]
    public async Task Storing_again_replaces_the_object()
    {
        var key = ObjectKey.ForAsset(AssetKinds.Styles, "ink.png");
        await Storage.PutAsync(key, new MemoryStream([1, 2, 3]), "image/png", CancellationToken.None);

        await Storage.PutAsync(key, new MemoryStream([9]), "image/webp", CancellationToken.None);
        var stat = await Storage.StatAsync(key, CancellationToken.None);

        Assert.NotNull(stat);
        Assert.Equal(1, stat.Size);
        Assert.Equal("image/webp", stat.ContentType);
    }

    [Fact]
    public async Task Stream_of_unknown_length_is_stored_whole()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Audio, "mix.wav");
        var bytes = Encoding.UTF8.GetBytes("streamed without a length");

        var stored = await Storage.PutAsync(key, new UnseekableStream(bytes), "audio/wav", CancellationToken.None);

        Assert.Equal(bytes.Length, stored.Size);
    }

    [Fact]
    public async Task Missing_object_is_not_found_rather_than_an_error()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Clips, "missing.mp4");

        Assert.Null(await Storage.OpenReadAsync(key, CancellationToken.None));
        Assert.Null(await Storage.StatAsync(key, CancellationToken.None));
        Assert.False(await Storage.ExistsAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Deleted_object_is_gone_and_deleting_again_is_harmless()
    {
        var key = ObjectKey.ForUserAvatar("user-1", "me.png");
        await Storage.PutAsync(key, new MemoryStream([1]), "image/png", CancellationToken.None);

        await Storage.DeleteAsync(key, CancellationToken.None);
        await Storage.DeleteAsync(key, CancellationToken.None);

        Assert.False(await Storage.ExistsAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Listing_returns_only_keys_under_the_prefix_in_key_order()
    {
        var images = new[] { "b.png", "a.png", "sub/c.png" }.Select(n => ObjectKey.ForProject(ProjectId, ProjectAreas.Images, n)).ToList();
        foreach (var key in images.Append(ObjectKey.ForProject(ProjectId, ProjectAreas.Audio, "a.wav")))
        {
            await Storage.PutAsync(key, new MemoryStream([1, 2]), "application/octet-stream", CancellationToken.None);
        }

        var listed = await Storage.ListAsync($"projects/{ProjectId}/images/", CancellationToken.None).ToListAsync();

        Assert.Equal(images.Select(k => k.Value).Order(StringComparer.Ordinal), listed.Select(l => l.Key.Value));
        Assert.All(listed, l => Assert.Equal(2, l.Size));
    }

    [Fact]
    public async Task Listing_accepts_a_partial_file_name()
    {
        foreach (var name in new[] { "shot-1.png", "shot-2.png", "cover.png" })
        {
            await Storage.PutAsync(ObjectKey.ForProject(ProjectId, ProjectAreas.Images, name), new MemoryStream([1]), "image/png", CancellationToken.None);
        }

        var listed = await Storage.ListAsync($"projects/{ProjectId}/images/shot-", CancellationToken.None).ToListAsync();

        Assert.Equal(["shot-1.png", "shot-2.png"], listed.Select(l => l.Key.FileName));
    }

    [Fact]
    public async Task Listing_an_unknown_prefix_is_empty()
    {
        var listed = await Storage.ListAsync("projects/nothing-here/", CancellationToken.None).ToListAsync();

        Assert.Empty(listed);
    }

    [Theory]
    [InlineData("../")]
    [InlineData("/etc/")]
    [InlineData("projects/../../")]
    public async Task Listing_refuses_a_prefix_that_could_escape(string prefix)
    {
        await Assert.ThrowsAsync<ArgumentException>(async () => await Storage.ListAsync(prefix, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Health_is_good_when_storage_is_usable()
    {
        var health = await Storage.CheckHealthAsync(CancellationToken.None);

        Assert.True(health.IsHealthy, health.Reason);
    }

    protected static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>A body whose length is unknown up front, like a generated file piped from a provider.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
