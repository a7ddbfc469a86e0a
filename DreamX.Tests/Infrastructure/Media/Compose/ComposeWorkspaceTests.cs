using DreamX.Infrastructure.Media.Compose;
using DreamX.Tests.Infrastructure.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DreamX.Tests.Infrastructure.Media.Compose;

public sealed class ComposeWorkspaceTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private readonly ComposeWorkspace _workspace;

    public ComposeWorkspaceTests()
    {
        _workspace = new ComposeWorkspace(
            Options.Create(new ComposeWorkspaceOptions { WorkRoot = Path.Combine(_folder.Path, "compose"), KeepUnusedFor = TimeSpan.FromDays(2) }),
            _clock, NullLogger<ComposeWorkspace>.Instance);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_folder_unused_past_the_keep_time_is_removed_with_its_cache_and_a_recent_one_is_kept()
    {
        var old = _workspace.Open(Guid.NewGuid());
        WriteClip(old, 3000);
        _clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        var recent = _workspace.Open(Guid.NewGuid());
        WriteClip(recent, 500);

        var swept = _workspace.Sweep();

        Assert.Equal(new WorkspaceSweep(1, 3000), swept);     // the clip; the marker is empty
        Assert.False(Directory.Exists(old));
        Assert.True(File.Exists(Path.Combine(recent, "shot-clips", "clip.mp4")));
    }

    [Fact]
    public void Opening_a_composition_again_marks_its_folder_used_so_its_cache_survives_the_sweep()
    {
        var id = Guid.NewGuid();
        var folder = _workspace.Open(id);
        WriteClip(folder, 100);
        _clock.Advance(TimeSpan.FromDays(3));

        Assert.Equal(folder, _workspace.Open(id));
        var swept = _workspace.Sweep();

        Assert.Equal(0, swept.FoldersRemoved);
        Assert.True(File.Exists(Path.Combine(folder, "shot-clips", "clip.mp4")));
    }

    [Fact]
    public void A_sweep_before_any_compose_finds_nothing()
    {
        Assert.Equal(default, _workspace.Sweep());
        Assert.False(Directory.Exists(_workspace.Root));
    }

    private static void WriteClip(string folder, int bytes)
    {
        Directory.CreateDirectory(Path.Combine(folder, "shot-clips"));
        File.WriteAllBytes(Path.Combine(folder, "shot-clips", "clip.mp4"), new byte[bytes]);
    }
}
