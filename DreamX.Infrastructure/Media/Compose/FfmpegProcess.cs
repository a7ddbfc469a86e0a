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
    public static async Task<Result<string>> RunAsync(IEnumerable<string> arguments, string workingFolder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable.Value)
        {
            WorkingDirectory = workingFolder,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-hide_banner");
        start.ArgumentList.Add("-nostdin");
        start.ArgumentList.Add("-y");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        var log = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
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

    private static string LastLines(string log)
    {
        var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "ffmpeg failed without a message" : string.Join(" / ", lines.TakeLast(3));
    }
}
