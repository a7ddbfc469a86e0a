using DreamX.Domain.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>Where this instance keeps its compose work folders and how long an unused one is kept.</summary>
public sealed class ComposeWorkspaceOptions
{
    public const string Section = "Compose";

    /// <summary>Where every instance of the app keeps its own compose folder; relative paths are resolved against the
    /// content root (the app's data folder by default).</summary>
    public string WorkRoot { get; set; } = ".data/compose";

    /// <summary>This instance's folder under <see cref="WorkRoot"/>; empty: the host name and process id, so instances
    /// sharing a host (or a data folder) never share a work folder.</summary>
    public string? InstanceName { get; set; }

    /// <summary>A composition's folder not used for this long is removed; its next compose fetches and renders its shots again.</summary>
    public TimeSpan KeepUnusedFor { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Rendered segments and soundtracks in the shared cache (object storage) older than this are removed.</summary>
    public TimeSpan KeepSharedCacheFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often this instance looks for unused folders.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>What a sweep removed.</summary>
/// <param name="OrphansRemoved">Folders of instances that stopped (no sign of life for three sweeps) and leftovers of
/// interrupted renders.</param>
public readonly record struct WorkspaceSweep(int FoldersRemoved, long BytesFreed, int OrphansRemoved = 0);

/// <summary>
/// The compose work folders of this instance, under its own folder in the app's data folder: one per composition,
/// holding the fetched media and the local copy of the segment cache (the shared one is in object storage). Opening a
/// folder marks it used; folders unused for <see cref="ComposeWorkspaceOptions.KeepUnusedFor"/> are removed by
/// <see cref="Sweep"/>, so the cache cannot fill the disk, and so are orphans: the folders of instances that stopped
/// and the half-written files of renders that were interrupted. The folders are this instance's alone, so one lock in
/// the process keeps a sweep off a folder being opened.
/// </summary>
public sealed class ComposeWorkspace(
    IOptions<ComposeWorkspaceOptions> options, TimeProvider clock, ILogger<ComposeWorkspace> logger, IHostEnvironment? environment = null)
{
    /// <summary>A file whose time says when the folder was last opened (the folder's own time moves with every write).</summary>
    private const string UsedMarker = ".last-used";

    /// <summary>A file in an instance's folder whose time says when that instance last swept or opened a folder.</summary>
    private const string AliveMarker = ".alive";

    /// <summary>How old a temporary render file must be to count as left over by an interrupted render.</summary>
    private static readonly TimeSpan PartialFileAge = TimeSpan.FromHours(6);

    private readonly Lock _gate = new();

    /// <summary>The folder all instances keep their folders in.</summary>
    public string InstancesRoot { get; } = Path.GetFullPath(options.Value.WorkRoot, environment?.ContentRootPath ?? Directory.GetCurrentDirectory());

    /// <summary>This instance's folder.</summary>
    public string Root => Path.Combine(InstancesRoot, InstanceName);

    public string InstanceName { get; } = string.IsNullOrWhiteSpace(options.Value.InstanceName)
        ? $"{Sanitize(Environment.MachineName)}-{Environment.ProcessId}"
        : Sanitize(options.Value.InstanceName);

    /// <summary>The composition's work folder, created if needed and marked used now.</summary>
    public string Open(Guid compositionId)
    {
        var folder = Path.Combine(Root, compositionId.ToString("N"));
        lock (_gate)
        {
            Directory.CreateDirectory(folder);
            Touch(Path.Combine(folder, UsedMarker));
            Touch(Path.Combine(Root, AliveMarker));
        }
        return folder;
    }

    /// <summary>Removes this instance's folders not opened for longer than the keep time, the folders of instances
    /// with no sign of life for three sweep periods, and temporary files of renders interrupted long ago.</summary>
    public WorkspaceSweep Sweep()
    {
        var orphans = SweepOrphans(out var orphanBytes);
        if (!Directory.Exists(Root))
            return new WorkspaceSweep(0, orphanBytes, orphans);
        Touch(Path.Combine(Root, AliveMarker));
        var before = clock.GetUtcNow().UtcDateTime - options.Value.KeepUnusedFor;
        var removed = 0;
        var freed = orphanBytes;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            lock (_gate)
            {
                var marker = Path.Combine(folder, UsedMarker);
                var lastUsed = File.Exists(marker) ? File.GetLastWriteTimeUtc(marker) : Directory.GetLastWriteTimeUtc(folder);
                if (lastUsed >= before)
                {
                    (orphans, freed) = RemovePartials(folder, orphans, freed);
                    continue;
                }
                if (TryRemove(folder, out var size))
                {
                    removed++;
                    freed += size;
                }
            }
        }
        return new WorkspaceSweep(removed, freed, orphans);
    }

    /// <summary>Other instances' folders whose alive marker (or, without one, the folder itself) is older than three sweeps.</summary>
    private int SweepOrphans(out long bytes)
    {
        bytes = 0;
        if (!Directory.Exists(InstancesRoot)) return 0;
        var deadBefore = clock.GetUtcNow().UtcDateTime - 3 * options.Value.SweepEvery;
        var removed = 0;
        foreach (var folder in Directory.EnumerateDirectories(InstancesRoot))
        {
            if (string.Equals(Path.GetFileName(folder), InstanceName, StringComparison.Ordinal)) continue;
            var marker = Path.Combine(folder, AliveMarker);
            var alive = File.Exists(marker) ? File.GetLastWriteTimeUtc(marker) : Directory.GetLastWriteTimeUtc(folder);
            if (alive >= deadBefore || !TryRemove(folder, out var size)) continue;
            removed++;
            bytes += size;
        }

        return removed;
    }

    private (int Orphans, long Freed) RemovePartials(string folder, int orphans, long freed)
    {
        var before = clock.GetUtcNow().UtcDateTime - PartialFileAge;
        foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.part", SearchOption.AllDirectories))
        {
            if (file.LastWriteTimeUtc >= before) continue;
            try
            {
                var length = file.Length;
                file.Delete();
                orphans++;
                freed += length;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Compose leftover {File} could not be removed", file.FullName);
            }
        }

        return (orphans, freed);
    }

    private bool TryRemove(string folder, out long size)
    {
        size = SizeOf(folder);
        try
        {
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Compose work folder {Folder} could not be removed", folder);
            return false;
        }
    }

    private void Touch(string marker)
    {
        File.WriteAllBytes(marker, []);
        File.SetLastWriteTimeUtc(marker, clock.GetUtcNow().UtcDateTime);
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());

    private static long SizeOf(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}

/// <summary>
/// Sweeps this instance's compose work folders on a timer. A hosted service rather than a clustered Quartz job on
/// purpose: the folders live on this instance's disk, so every instance sweeps its own.
/// </summary>
public sealed class ComposeWorkspaceJanitor(
    ComposeWorkspace workspace, IOptions<ComposeWorkspaceOptions> options, TimeProvider clock, ILogger<ComposeWorkspaceJanitor> logger,
    IObjectStorage? sharedCache = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepEvery, clock);
        do
        {
            try
            {
                var swept = workspace.Sweep();
                if (swept.FoldersRemoved > 0 || swept.OrphansRemoved > 0)
                    logger.LogInformation("Removed {Folders} unused compose work folders and {Orphans} orphans ({Megabytes:0.#} MB)",
                        swept.FoldersRemoved, swept.OrphansRemoved, swept.BytesFreed / 1024d / 1024d);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Sweeping the compose work folders failed; trying again in {Every}", options.Value.SweepEvery);
            }

            if (sharedCache is null) continue;
            try
            {
                var (removed, bytes) = await ComposeCache.SweepSharedAsync(sharedCache, clock.GetUtcNow() - options.Value.KeepSharedCacheFor, stoppingToken);
                if (removed > 0)
                    logger.LogInformation("Removed {Entries} old entries of the shared compose cache ({Megabytes:0.#} MB)", removed, bytes / 1024d / 1024d);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sweeping the shared compose cache failed; trying again in {Every}", options.Value.SweepEvery);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
