using System.Globalization;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Media;

namespace DreamX.Infrastructure.Providers.Builtin;

/// <summary>
/// Offline clips: a camera movement (zoom, pan, static) over the shot's still, rendered by ffmpeg as H.264
/// yuv420p at the request's size and frame rate, exactly as many frames as the duration needs.
/// </summary>
public sealed class KenBurnsClipProvider : IClipProvider
{
    public const string ProviderName = BuiltinProviders.Name;
    public const string ModelName = "ffmpeg-kenburns";

    private readonly ExternalTool _ffmpeg = new("ffmpeg");

    public string Name => ProviderName;

    public async Task<ClipResponse> RenderClipAsync(ClipRequest request, CancellationToken cancellationToken)
    {
        if (request.Width <= 0 || request.Height <= 0 || request.Width % 2 != 0 || request.Height % 2 != 0)
            throw new ProviderFailure(Name, $"Clip size {request.Width}x{request.Height} must be positive and even (H.264 yuv420p).", isTransient: false);
        if (request.Duration <= TimeSpan.Zero || request.FramesPerSecond is <= 0 or > 120)
            throw new ProviderFailure(Name, $"A clip needs a positive duration and 1-120 fps (got {request.Duration}, {request.FramesPerSecond}).", isTransient: false);
        if (request.Image.Length == 0)
            throw new ProviderFailure(Name, "The clip has no still to move over.", isTransient: false);
        if (_ffmpeg.Locate() is null)
            throw new ProviderFailure(Name, "ffmpeg is not installed: built-in clips need it (apt-get install ffmpeg).", isTransient: false);

        var frames = Math.Max(1, (int)Math.Round(request.Duration.TotalSeconds * request.FramesPerSecond));
        using var scratch = new ScratchFolder();
        var still = scratch.File("still" + Extension(request.ImageContentType));
        var clip = scratch.File("clip.mp4");
        await File.WriteAllBytesAsync(still, request.Image, cancellationToken);

        var fps = request.FramesPerSecond.ToString(CultureInfo.InvariantCulture);
        var run = await _ffmpeg.RunAsync(
        [
            "-hide_banner", "-loglevel", "error", "-y",
            "-i", still,
            "-vf", KenBurnsFilter.For(request.Movement, request.Width, request.Height, frames, request.FramesPerSecond),
            "-frames:v", frames.ToString(CultureInfo.InvariantCulture),
            "-r", fps,
            "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p",
            "-movflags", "+faststart", "-an",
            clip,
        ], cancellationToken);

        if (!run.Succeeded || !File.Exists(clip))
            throw new ProviderFailure(Name, $"ffmpeg could not render the clip (exit {run.ExitCode}): {run.ErrorTail}", isTransient: false);

        var content = await File.ReadAllBytesAsync(clip, cancellationToken);
        var duration = TimeSpan.FromSeconds(frames / (double)request.FramesPerSecond);
        return new ClipResponse(content, "video/mp4", duration, new ProviderUsage(Name, ModelName));
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" or "image/jpg" => ".jpg",
        "image/webp" => ".webp",
        _ => ".png",
    };
}
