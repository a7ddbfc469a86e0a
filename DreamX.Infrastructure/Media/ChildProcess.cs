using System.Diagnostics;

namespace DreamX.Infrastructure.Media;

/// <summary>
/// How the studio starts its tools (ffmpeg, espeak-ng): on Linux each in a session of its own (<c>setsid</c>), so a
/// signal sent to the studio's process group (Ctrl-C in a terminal, <c>./dreamx.sh</c> or a supervisor stopping the
/// group with SIGTERM) reaches the studio only. The studio then stops its tools itself through the task's cancellation
/// token (a kill of the tool's process tree) or lets them finish within its shutdown grace; a tool killed by the
/// terminal's signal would read as bad media and fail the task.
/// </summary>
public static class ChildProcess
{
    private static readonly Lazy<string?> Setsid = new(() =>
        OperatingSystem.IsLinux() ? new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists) : null);

    /// <summary>
    /// A start for <paramref name="executable"/>: add its arguments to <see cref="ProcessStartInfo.ArgumentList"/> as usual.
    /// <c>setsid --wait</c> replaces itself with the tool (same process id; it forks only when it is a group leader,
    /// which a child of the studio never is, and then waits for it), so killing the started process kills the tool.
    /// </summary>
    public static ProcessStartInfo StartInfo(string executable)
    {
        if (Setsid.Value is not { } setsid)
            return new ProcessStartInfo(executable);
        var start = new ProcessStartInfo(setsid);
        start.ArgumentList.Add("--wait");
        start.ArgumentList.Add(executable);
        return start;
    }
}
