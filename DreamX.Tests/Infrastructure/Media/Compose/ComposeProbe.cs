using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>Measurements of a composed file that ffprobe does not give: integrated loudness (ebur128).</summary>
public static partial class ComposeProbe
{
    public static async Task<double> IntegratedLoudnessAsync(string path)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-i", path, "-vn", "-af", "ebur128", "-f", "null", "-" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var log = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var summary = log[log.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        return double.Parse(IntegratedLine().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static Task ExtractFrameAsync(string video, double seconds, string pngPath) =>
        FfmpegAsync("-ss", seconds.ToString("F2", CultureInfo.InvariantCulture), "-i", video, "-frames:v", "1", pngPath);

    public static async Task FfmpegAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var argument in new[] { "-v", "error", "-y" }.Concat(arguments)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {error}");
    }

    [GeneratedRegex(@"I:\s+(-?[\d.]+) LUFS")]
    private static partial Regex IntegratedLine();
}
