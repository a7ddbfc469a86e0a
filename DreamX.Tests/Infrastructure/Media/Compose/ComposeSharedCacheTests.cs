using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Infrastructure.Storage;
using FFMpegCore;
using Microsoft.AspNetCore.DataProtection;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>Two instances (two composers, two work folders) sharing one object storage: what one rendered, the other reuses.</summary>
public abstract class ComposeSharedCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dreamx-compose-" + Guid.NewGuid().ToString("N"));

    protected abstract IObjectStorage Storage { get; }

    public virtual void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<DreamX.Domain.Common.Result<ComposedEpisode>> ComposeOnAsync(string instance, IReadOnlyList<TimelineShot> shots) =>
        new EpisodeComposer(Storage).ComposeAsync(new ComposeRequest("episode", shots, AspectRatio.Portrait9x16, ComposeMode.Final,
            Path.Combine(_folder, instance, "work"), Path.Combine(_folder, instance, "out"), ShortSide: 180), CancellationToken.None);

    [Fact]
    public async Task Another_instance_reuses_the_segments_and_soundtrack_one_instance_rendered()
    {
        var shots = await SampleEpisode.CreateAsync(Path.Combine(_folder, "media"), ["One.", null, "Three."], 1.5, 320, 320);
        var first = (await ComposeOnAsync("instance-a", shots)).Value;

        var second = await ComposeOnAsync("instance-b", shots);

        Assert.True(second.IsSuccess, second.Error);
        Assert.Equal((4, 0), (first.SegmentsRendered, first.CacheUploadsFailed));
        Assert.Equal((0, 4, false), (second.Value.SegmentsRendered, second.Value.SegmentsReused, second.Value.SoundtrackMixed));
        var keys = new List<string>();
        await foreach (var listed in Storage.ListAsync(ComposeCache.StoragePrefix, CancellationToken.None)) keys.Add(listed.Key.Value);
        Assert.Equal(5, keys.Count);   // four segments (two shots, a crossfade, a shot fading in) and the soundtrack
        var timeline = EpisodeTimeline.Build(shots).Value;
        var probe = await FFProbe.AnalyseAsync(second.Value.VideoPath);
        Assert.InRange(probe.Duration.TotalSeconds, timeline.DurationSeconds - 0.1, timeline.DurationSeconds + 0.1);
        Assert.Equal(new FileInfo(first.VideoPath).Length, new FileInfo(second.Value.VideoPath).Length);

        // The janitor's sweep keeps recent entries and removes the ones stored before its limit.
        Assert.Equal(0, (await ComposeCache.SweepSharedAsync(Storage, DateTimeOffset.UtcNow.AddDays(-30), CancellationToken.None)).Removed);
        Assert.Equal(5, (await ComposeCache.SweepSharedAsync(Storage, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None)).Removed);
        await foreach (var _ in Storage.ListAsync(ComposeCache.StoragePrefix, CancellationToken.None)) Assert.Fail("the shared cache is not empty");
    }
}

public sealed class ComposeSharedCacheOnLocalStorageTests : ComposeSharedCacheTests
{
    private readonly TemporaryFolder _storageFolder = new();
    private readonly LocalFileObjectStorage _storage;

    public ComposeSharedCacheOnLocalStorageTests() =>
        _storage = new LocalFileObjectStorage(_storageFolder.Path, new MediaUrlSigner(new EphemeralDataProtectionProvider(), TimeProvider.System));

    protected override IObjectStorage Storage => _storage;

    public override void Dispose()
    {
        base.Dispose();
        _storageFolder.Dispose();
    }
}

[Collection(S3rverCollection.Name)]
public sealed class ComposeSharedCacheOnS3Tests(S3rverFixture s3rver) : ComposeSharedCacheTests
{
    private readonly MinioObjectStorage _storage = new(s3rver.OptionsForNewBucket(), s3rver.Transport);

    protected override IObjectStorage Storage => _storage;

    public override void Dispose()
    {
        base.Dispose();
        _storage.Dispose();
    }
}
