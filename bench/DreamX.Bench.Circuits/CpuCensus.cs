using System.Globalization;
using DreamX.Tests.Support;

namespace DreamX.Bench.Circuits;

/// <summary>
/// Where the machine's CPU went between two moments: the whole machine's busy and idle time (<c>/proc/stat</c>) and
/// the CPU of the processes alive at the second moment, grouped as the studio, its PostgreSQL, the browsers (every
/// Chromium process), the bench itself with Playwright's driver, and the rest. A process that ended in between is not
/// counted in its group (only in the machine's busy time).
/// </summary>
internal sealed record CpuCensus(double Busy, double Idle, IReadOnlyDictionary<int, (string Group, double Seconds)> Processes)
{
    private const double TicksPerSecond = 100;

    public static CpuCensus Take(int appPid)
    {
        var self = Environment.ProcessId;
        var processes = new Dictionary<int, (string, double)>();
        if (Directory.Exists("/proc"))
        {
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || ProcessTimes.Read(Path.Combine(folder, "stat")) is not { } times)
                    continue;
                processes[pid] = (Group(pid, times.Name, appPid, self), times.Own);
            }
        }
        var (busy, idle) = MachineTimes();
        return new CpuCensus(busy, idle, processes);
    }

    /// <summary>The CPU spent since <paramref name="earlier"/>, as one line: machine busy/idle, then each group.</summary>
    public string Since(CpuCensus earlier)
    {
        var groups = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (pid, (group, seconds)) in Processes)
        {
            var before = earlier.Processes.TryGetValue(pid, out var old) && old.Group == group ? old.Seconds : 0;
            groups[group] = groups.GetValueOrDefault(group) + seconds - before;
        }
        var order = new[] { "app", "postgres", "browsers", "bench+driver", "other" };
        return string.Create(CultureInfo.InvariantCulture, $"machine busy {Busy - earlier.Busy:0.0} s, idle {Idle - earlier.Idle:0.0} s; ")
            + string.Join(", ", order.Select(g => string.Create(CultureInfo.InvariantCulture, $"{g} {groups.GetValueOrDefault(g):0.0} s")));
    }

    private static string Group(int pid, string name, int appPid, int self)
    {
        if (pid == appPid) return "app";
        if (pid == self) return "bench+driver";
        if (name.StartsWith("chrom", StringComparison.Ordinal)) return "browsers";
        if (name.StartsWith("postgres", StringComparison.Ordinal)) return "postgres";
        // Playwright's driver is a node process the bench started.
        return ParentOf(pid) == self ? "bench+driver" : "other";
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 0;
        }
    }

    /// <summary>The machine's busy and idle seconds summed over its cores (the first line of /proc/stat).</summary>
    private static (double Busy, double Idle) MachineTimes()
    {
        if (!File.Exists("/proc/stat"))
            return (double.NaN, double.NaN);
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal (guest time is inside user already).
        var idle = cpu[3] + cpu[4];
        var busy = cpu[0] + cpu[1] + cpu[2] + cpu[5] + cpu[6] + (cpu.Length > 7 ? cpu[7] : 0);
        return (busy / TicksPerSecond, idle / TicksPerSecond);
    }
}
