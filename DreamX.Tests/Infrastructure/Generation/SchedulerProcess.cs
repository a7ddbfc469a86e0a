using System.Diagnostics;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>A scheduler in a process of its own (bench/DreamX.Bench worker), so a test can run several or kill one.</summary>
public sealed class SchedulerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SchedulerProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "worker ready")
                _ready.TrySetResult();
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static async Task<SchedulerProcess> StartAsync(string connectionString, string schedulerName, string log, int slowMs = 0, string? videoStorage = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { WorkerPath, "worker", "--db", connectionString, "--scheduler", schedulerName, "--log", log, "--slow-ms", slowMs.ToString() })
            info.ArgumentList.Add(argument);
        if (videoStorage is not null)
        {
            info.ArgumentList.Add("--video-storage");
            info.ArgumentList.Add(videoStorage);
        }
        var scheduler = new SchedulerProcess(Process.Start(info)!);
        await scheduler._ready.Task.WaitAsync(TimeSpan.FromSeconds(60));     // generous: a loaded CI machine starts slowly
        return scheduler;
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
