using System.Diagnostics;
using System.Globalization;

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
    private static readonly string FilePath = Path.Combine(DreamX.Tests.Support.TestEnvironment.ArtifactsDirectory, "ui-browser-cpu.tsv");
    private static readonly double TicksPerSecond = 100;

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
        double ticks = 0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != "chromium")
                    continue;
                // After the name: state is field 3, so utime, stime, cutime and cstime (fields 14-17) are at 11-14.
                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                       + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
            {
                // The process ended while it was read.
            }
        }

        return ticks / TicksPerSecond;
    }
}
