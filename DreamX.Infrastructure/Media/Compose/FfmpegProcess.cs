using System.Diagnostics;
using System.Text;
using DreamX.Domain.Common;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>Runs ffmpeg (found on PATH) with an argument list; cancelling kills the process.</summary>
public static class FfmpegProcess
{
    private static readonly Lazy<string> Executable = new(() => FindOnPath("ffmpeg") ?? "ffmpeg");

    /// <summary>The full path of a program found on PATH, or null.</summary>
    public static string? FindOnPath(string program)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Runs ffmpeg in <paramref name="workingFolder"/> (filters name files relative to it, so no path
    /// escaping inside filter graphs); success carries ffmpeg's log (stderr), failure its last lines.</summary>
    /// <param name="encoded">Told how far the output has got, in seconds of output, as ffmpeg reports it (about twice a
    /// second, from its <c>-progress</c> stream); null when nobody asks.</param>
    /// <param name="output">Told every other line ffmpeg writes on standard output (such as a segment list written to pipe:1).</param>
    public static async Task<Result<string>> RunAsync(
        IEnumerable<string> arguments, string workingFolder, CancellationToken cancellationToken, Action<double>? encoded = null,
        Action<string>? output = null)
    {
        // In a session of its own: a SIGTERM to the studio's group must not kill the encode (ChildProcess).
        var start = ChildProcess.StartInfo(Executable.Value);
        start.WorkingDirectory = workingFolder;
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        start.ArgumentList.Add("-hide_banner");
        start.ArgumentList.Add("-nostdin");
        start.ArgumentList.Add("-y");
        if (encoded is not null)
        {
            start.ArgumentList.Add("-progress");
            start.ArgumentList.Add("pipe:1");
            start.ArgumentList.Add("-nostats");
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, e) =>
        {
            if (encoded is not null && ProgressSeconds(e.Data) is { } seconds)
                encoded(seconds);
            else if (output is not null && e.Data is { Length: > 0 } line && !line.Contains('=', StringComparison.Ordinal))
                output(line);
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return Result.Failure<string>($"ffmpeg could not be started: {e.Message}");
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        string text;
        lock (log) text = log.ToString();
        return process.ExitCode == 0 ? Result.Success(text) : Result.Failure<string>(LastLines(text));
    }

    /// <summary>The output time of a <c>-progress</c> line ("out_time_us=1500000" is 1.5 s), or null for any other line.</summary>
    internal static double? ProgressSeconds(string? line) =>
        line is not null && line.StartsWith("out_time_us=", StringComparison.Ordinal)
        && long.TryParse(line.AsSpan("out_time_us=".Length), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var micros)
        && micros >= 0
            ? micros / 1_000_000.0
            : null;

    private static string LastLines(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "ffmpeg failed without a message" : string.Join(" / ", lines.TakeLast(3));
    }
}
