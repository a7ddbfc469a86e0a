using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>Where this instance keeps its compose work folders and how long an unused one is kept.</summary>
public sealed class ComposeWorkspaceOptions
{
    public const string Section = "Compose";

    /// <summary>Root of the per-composition work folders; empty: <c>dreamx-compose</c> in the system's temp folder.</summary>
    public string? WorkRoot { get; set; }

    /// <summary>A composition's folder not used for this long is removed; its next compose fetches and renders its shots again.</summary>
    public TimeSpan KeepUnusedFor { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How often this instance looks for unused folders.</summary>
    public TimeSpan SweepEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>What a sweep removed.</summary>
public readonly record struct WorkspaceSweep(int FoldersRemoved, long BytesFreed);

/// <summary>
/// The compose work folders of this instance: one per composition, holding the fetched media and the shot-clip
/// cache that lets a re-compose render only changed shots. Opening a folder marks it used; folders unused for
/// <see cref="ComposeWorkspaceOptions.KeepUnusedFor"/> are removed by <see cref="Sweep"/>, so the cache cannot fill
/// the disk. The folders are local to the instance, so one lock in the process keeps a sweep off a folder being opened.
/// </summary>
public sealed class ComposeWorkspace(IOptions<ComposeWorkspaceOptions> options, TimeProvider clock, ILogger<ComposeWorkspace> logger)
{
    /// <summary>A file whose time says when the folder was last opened (the folder's own time moves with every write).</summary>
    private const string UsedMarker = ".last-used";

    private readonly Lock _gate = new();

    public string Root { get; } = string.IsNullOrWhiteSpace(options.Value.WorkRoot)
        ? Path.Combine(Path.GetTempPath(), "dreamx-compose")
        : Path.GetFullPath(options.Value.WorkRoot);

    /// <summary>The composition's work folder, created if needed and marked used now.</summary>
    public string Open(Guid compositionId)
    {
        var folder = Path.Combine(Root, compositionId.ToString("N"));
        lock (_gate)
        {
            Directory.CreateDirectory(folder);
            var marker = Path.Combine(folder, UsedMarker);
            File.WriteAllBytes(marker, []);
            File.SetLastWriteTimeUtc(marker, clock.GetUtcNow().UtcDateTime);
        }
        return folder;
    }

    /// <summary>Removes the folders not opened for longer than the keep time.</summary>
    public WorkspaceSweep Sweep()
    {
        if (!Directory.Exists(Root))
            return default;
        var before = clock.GetUtcNow().UtcDateTime - options.Value.KeepUnusedFor;
        var removed = 0;
        var freed = 0L;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            lock (_gate)
            {
                var marker = Path.Combine(folder, UsedMarker);
                var lastUsed = File.Exists(marker) ? File.GetLastWriteTimeUtc(marker) : Directory.GetLastWriteTimeUtc(folder);
                if (lastUsed >= before)
                    continue;
                var size = SizeOf(folder);
                try
                {
                    Directory.Delete(folder, recursive: true);
                    removed++;
                    freed += size;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    logger.LogWarning(e, "Compose work folder {Folder} could not be removed", folder);
                }
            }
        }
        return new WorkspaceSweep(removed, freed);
    }

    private static long SizeOf(string folder) =>
        new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}

/// <summary>
/// Sweeps this instance's compose work folders on a timer. A hosted service rather than a clustered Quartz job on
/// purpose: the folders live on this instance's disk, so every instance sweeps its own.
/// </summary>
public sealed class ComposeWorkspaceJanitor(
    ComposeWorkspace workspace, IOptions<ComposeWorkspaceOptions> options, TimeProvider clock, ILogger<ComposeWorkspaceJanitor> logger)
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
                if (swept.FoldersRemoved > 0)
                    logger.LogInformation("Removed {Folders} unused compose work folders ({Megabytes:0.#} MB)",
                        swept.FoldersRemoved, swept.BytesFreed / 1024d / 1024d);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Sweeping the compose work folders failed; trying again in {Every}", options.Value.SweepEvery);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
