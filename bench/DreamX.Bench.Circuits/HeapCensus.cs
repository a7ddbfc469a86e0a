using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DreamX.Bench.Circuits;

/// <summary>
/// The app's managed heap after a full garbage collection, from a heap snapshot (dotnet-gcdump, a local tool of the
/// repo: taking the snapshot runs a full GC first), with the objects that show whether circuits and canvases were let go.
/// Resident memory alone cannot say it: the runtime keeps freed pages until it needs to give them back.
/// </summary>
internal sealed partial record HeapCensus(double HeapMegabytes, long Circuits, long CanvasPages)
{
    private const string CircuitType = "Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost";
    private const string CanvasPageType = "DreamX.Web.Components.Pages.Projects.Canvas.ProjectCanvasPage";

    public static async Task<HeapCensus> TakeAsync(string root, int pid)
    {
        var file = Path.Combine(Path.GetTempPath(), $"dreamx-bench-{pid}-{Guid.NewGuid():N}.gcdump");
        try
        {
            await RunAsync(root, TimeSpan.FromMinutes(5), "collect", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file);
            var report = await RunAsync(root, TimeSpan.FromMinutes(2), "report", file);
            var heap = HeapBytes().Match(report) is { Success: true } total
                ? double.Parse(total.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) / (1024 * 1024)
                : double.NaN;
            return new HeapCensus(heap, CountOf(report, CircuitType), CountOf(report, CanvasPageType));
        }
        finally
        {
            File.Delete(file);
        }
    }

    public override string ToString() =>
        $"{HeapMegabytes:0} MB, {Circuits} circuits, {CanvasPages} canvas pages";

    /// <summary>The instance count on the report's line for a type (0 when the type has no live object).</summary>
    private static long CountOf(string report, string type)
    {
        foreach (var line in report.Split('\n'))
        {
            var columns = line.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (columns.Length == 3 && columns[2].StartsWith(type + " ", StringComparison.Ordinal))
                return long.Parse(columns[1].Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
        }
        return 0;
    }

    private static async Task<string> RunAsync(string root, TimeSpan timeout, params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet", ["tool", "run", "dotnet-gcdump", .. arguments])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet-gcdump did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet-gcdump {arguments[0]} did not finish within {timeout.TotalMinutes:0} minutes.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"dotnet-gcdump {arguments[0]} failed ({process.ExitCode}): {await error}{await output}");
        return await output;
    }

    [GeneratedRegex(@"([\d,]+)\s+GC Heap bytes")]
    private static partial Regex HeapBytes();
}
