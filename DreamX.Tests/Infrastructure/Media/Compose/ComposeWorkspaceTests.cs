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

    [Fact]
    public void Each_instance_has_its_own_folder_under_the_app_data_folder_by_default()
    {
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = _folder.Path };
        ComposeWorkspace Instance(string? name) => new(Options.Create(new ComposeWorkspaceOptions { InstanceName = name }),
            _clock, NullLogger<ComposeWorkspace>.Instance, environment);

        var (one, two, unnamed) = (Instance("web-1"), Instance("web-2"), Instance(null));

        Assert.Equal(Path.Combine(_folder.Path, ".data", "compose"), one.InstancesRoot);
        Assert.Equal(Path.Combine(one.InstancesRoot, "web-1"), one.Root);
        Assert.NotEqual(one.Open(Guid.Empty), two.Open(Guid.Empty));
        Assert.Contains(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), unnamed.InstanceName);
        Assert.Equal(one.InstancesRoot, Path.GetDirectoryName(unnamed.Root));
    }

    [Fact]
    public void The_folder_of_an_instance_that_stopped_is_removed_and_a_live_one_is_kept()
    {
        var options = new ComposeWorkspaceOptions { WorkRoot = Path.Combine(_folder.Path, "compose"), SweepEvery = TimeSpan.FromHours(1) };
        ComposeWorkspace Instance(string name) => new(Options.Create(new ComposeWorkspaceOptions
        {
            WorkRoot = options.WorkRoot, SweepEvery = options.SweepEvery, InstanceName = name,
        }), _clock, NullLogger<ComposeWorkspace>.Instance);
        var (stopped, live, me) = (Instance("stopped"), Instance("live"), Instance("me"));
        WriteClip(stopped.Open(Guid.NewGuid()), 700);
        _clock.Advance(TimeSpan.FromHours(2));
        live.Open(Guid.NewGuid());
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));

        var swept = me.Sweep();

        Assert.Equal(1, swept.OrphansRemoved);
        Assert.Equal(700, swept.BytesFreed);
        Assert.False(Directory.Exists(stopped.Root));
        Assert.True(Directory.Exists(live.Root));
    }

    [Fact]
    public void A_half_written_render_left_by_an_interrupted_compose_is_removed_from_a_folder_in_use()
    {
        var id = Guid.NewGuid();
        var folder = _workspace.Open(id);
        var leftover = Path.Combine(folder, "segments", "0123.mp4.abc.part");
        Directory.CreateDirectory(Path.GetDirectoryName(leftover)!);
        File.WriteAllBytes(leftover, new byte[250]);
        File.SetLastWriteTimeUtc(leftover, _clock.GetUtcNow().UtcDateTime);
        WriteClip(folder, 100);
        _clock.Advance(TimeSpan.FromHours(7));
        _workspace.Open(id);

        var swept = _workspace.Sweep();

        Assert.Equal(new WorkspaceSweep(0, 250, 1), swept);
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(Path.Combine(folder, "shot-clips", "clip.mp4")));
    }

    private static void WriteClip(string folder, int bytes)
    {
        Directory.CreateDirectory(Path.Combine(folder, "shot-clips"));
        File.WriteAllBytes(Path.Combine(folder, "shot-clips", "clip.mp4"), new byte[bytes]);
    }
}
