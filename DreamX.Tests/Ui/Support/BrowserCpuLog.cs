using System.Diagnostics;
using System.Globalization;
using DreamX.Tests.Support;

namespace DreamX.Tests.Ui.Support;

/// <summary>
/// How much CPU the browser spent on each UI test, one line per test in <c>TestResults/artifacts/ui-browser-cpu.tsv</c>
/// (class, seconds of the test, Chromium's CPU seconds): the browser is the largest single consumer of the suite's CPU,
/// so this says which tests to make lighter. Reads every Chromium process's own and reaped children's times from
/// <c>/proc</c>; where there is no <c>/proc</c> it writes nothing.
/// </summary>
public sealed class BrowserCpuLog
{
    private static readonly Lock Gate = new();
    private static readonly string FilePath = Path.Combine(TestEnvironment.ArtifactsDirectory, "ui-browser-cpu.tsv");

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly double? _cpuAtStart = ChromiumCpuSeconds();

    /// <summary>Appends the test's line: <paramref name="test"/>, its seconds so far and the browser's CPU seconds since it started.</summary>
    public void Write(string test)
    {
        if (_cpuAtStart is not { } start || ChromiumCpuSeconds() is not { } now)
            return;
        var line = string.Create(CultureInfo.InvariantCulture, $"{test}\t{_clock.Elapsed.TotalSeconds:F1}\t{now - start:F1}\n");
        try
        {
            lock (Gate)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                File.AppendAllText(FilePath, line);
            }
        }
        catch (IOException)
        {
            // A diagnostic: never the reason a test fails.
        }
    }

    private static double? ChromiumCpuSeconds()
    {
        if (!Directory.Exists("/proc/self"))
            return null;
        // A renderer that ended is counted in its parent's children's time, so the sum keeps it.
        return Directory.EnumerateDirectories("/proc")
            .Select(folder => ProcessTimes.Read(Path.Combine(folder, "stat")))
            .Where(p => p is { Name: "chromium" })
            .Sum(p => p!.Value.Own + p.Value.Children);
    }
}
