using DreamX.Infrastructure.Media;
using FFMpegCore;

namespace DreamX.Infrastructure.Assets;

/// <summary>Measures an uploaded audio file with ffprobe (it needs a file, so the bytes go to a scratch folder first).</summary>
internal static class AudioLength
{
    /// <returns>The length in seconds, or null when ffprobe finds no audio stream or cannot read the file.</returns>
    public static async Task<double?> MeasureAsync(ReadOnlyMemory<byte> content, string extension, CancellationToken ct)
    {
        using var scratch = new ScratchFolder();
        var path = scratch.File("upload." + extension);
        await File.WriteAllBytesAsync(path, content, ct);
        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, cancellationToken: ct);
            return analysis.PrimaryAudioStream is null || analysis.Duration <= TimeSpan.Zero ? null : analysis.Duration.TotalSeconds;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }
}
