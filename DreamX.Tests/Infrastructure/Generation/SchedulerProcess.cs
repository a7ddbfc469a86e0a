using System.Diagnostics;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>A scheduler in a process of its own (bench/DreamX.Bench worker), so a test can run several or kill one.</summary>
public sealed class SchedulerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    /// <summary>What the worker wrote (its log lines, stdout and stderr).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_output) return [.. _output];
        }
    }

    private SchedulerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "worker ready")
                _ready.TrySetResult();
            if (e.Data is not null)
                lock (_output) _output.Add(e.Data);
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (_output) _output.Add(e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <param name="extra">More worker options ("--shutdown-grace", "00:00:02", ...).</param>
    /// <param name="ownGroup">
    /// Start the worker as the leader of a process group of its own (as <c>./dreamx.sh run</c> starts the studio), so
    /// <see cref="TerminateGroup"/> can signal the group the way a terminal or a supervisor does.
    /// </param>
    public static async Task<SchedulerProcess> StartAsync(string connectionString, string schedulerName, string log, int slowMs = 0, string? videoStorage = null,
        IEnumerable<string>? extra = null, bool ownGroup = false)
    {
        var info = new ProcessStartInfo(ownGroup ? "setsid" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (ownGroup)
            info.ArgumentList.Add("dotnet");
        foreach (var argument in new[] { WorkerPath, "worker", "--db", connectionString, "--scheduler", schedulerName, "--log", log, "--slow-ms", slowMs.ToString() }
                     .Concat(extra ?? []))
            info.ArgumentList.Add(argument);
        if (videoStorage is not null)
        {
            info.ArgumentList.Add("--video-storage");
            info.ArgumentList.Add(videoStorage);
        }
        var scheduler = new SchedulerProcess(Process.Start(info)!);
        await scheduler._ready.Task.WaitAsync(TimeSpan.FromSeconds(180));     // generous: a loaded machine (2 cores, several test processes) starts slowly
        return scheduler;
    }

    /// <summary>
    /// SIGTERM to the worker's whole process group, as Ctrl-C in a terminal, <c>./dreamx.sh</c> or a supervisor stopping the
    /// group sends it (the worker must have been started with its own group); returns once the worker has exited.
    /// </summary>
    public async Task TerminateGroupAsync(TimeSpan within)
    {
        using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", "--", $"-{_process.Id}" }, UseShellExecute = false })!)
            await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(within);
    }

    /// <summary>SIGKILL: no shutdown hook runs, exactly like a crashed machine.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            Kill();
        _process.Dispose();
    }

    private static string WorkerPath
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
            var path = Path.Combine(TestEnvironment.RepositoryRoot, "bench", "DreamX.Bench", "bin", configuration, "net10.0", "DreamX.Bench.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the worker is bench/DreamX.Bench.", path);
        }
    }
}
