using System.Globalization;

namespace DreamX.Tests.Support;

/// <summary>A process's name and CPU seconds as Linux's <c>/proc/{pid}/stat</c> gives them.</summary>
/// <param name="Own">User and system time of the process itself.</param>
/// <param name="Children">User and system time of the child processes it has waited for.</param>
public readonly record struct ProcessTimes(string Name, double Own, double Children)
{
    /// <summary>The kernel's clock ticks a second for these fields (USER_HZ, 100 on Linux).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>Reads <paramref name="statPath"/> (e.g. <c>/proc/self/stat</c>); null when it cannot be read (no
    /// <c>/proc</c>, or the process ended meanwhile).</summary>
    public static ProcessTimes? Read(string statPath)
    {
        string stat;
        try
        {
            stat = File.ReadAllText(statPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The name is in parentheses and may hold spaces or parentheses itself: the fields start after the last ')'.
        var open = stat.IndexOf('(');
        var close = stat.LastIndexOf(')');
        if (open < 0 || close < open)
            return null;
        // After the name: state is field 3, so utime, stime, cutime and cstime (fields 14-17) are at indexes 11-14.
        var fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 15 || !Ticks(fields, 11, 12, out var own) || !Ticks(fields, 13, 14, out var children))
            return null;
        return new ProcessTimes(stat[(open + 1)..close], own / TicksPerSecond, children / TicksPerSecond);
    }

    private static bool Ticks(string[] fields, int first, int second, out long sum)
    {
        sum = 0;
        if (!long.TryParse(fields[first], NumberStyles.Integer, CultureInfo.InvariantCulture, out var a)
            || !long.TryParse(fields[second], NumberStyles.Integer, CultureInfo.InvariantCulture, out var b))
            return false;
        sum = a + b;
        return true;
    }
}
