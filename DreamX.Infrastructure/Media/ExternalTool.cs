using System.Diagnostics;
using System.Text;

namespace DreamX.Infrastructure.Media;

/// <summary>What a finished command-line tool said.</summary>
internal sealed record ToolRun(int ExitCode, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last lines of stderr: where ffmpeg and espeak-ng say what went wrong.</summary>
    public string ErrorTail => string.Join(' ', StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(3));
}

/// <summary>
/// A command-line tool found on PATH (ffmpeg, espeak-ng), run asynchronously; cancelling the token kills the
/// process and its children so that a cancelled task leaves nothing running.
/// </summary>
internal sealed class ExternalTool(string name)
{
    public string Name { get; } = name;

    /// <summary>The full path of the tool, or null when it is not installed.</summary>
    public string? Locate()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, Name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <exception cref="FileNotFoundException">The tool is not on PATH.</exception>
    public async Task<ToolRun> RunAsync(IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Locate() ?? throw new FileNotFoundException($"{Name} is not installed (not found on PATH).", Name);
        // In a session of its own: a SIGTERM to the studio's group must not kill the tool (ChildProcess).
        var start = ChildProcess.StartInfo(executable);
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        start.StandardErrorEncoding = Encoding.UTF8;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = new Process { StartInfo = start };
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
                lock (stderr) stderr.AppendLine(e.Data);
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended on its own meanwhile.
            }
            throw;
        }
        lock (stderr) return new ToolRun(process.ExitCode, stderr.ToString());
    }
}

/// <summary>A scratch folder for one tool run, deleted afterwards.</summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dreamx-" + Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the OS cleans /tmp.
        }
    }
}
