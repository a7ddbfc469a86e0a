using DreamX.Domain.Scripts;

namespace DreamX.Domain.Generation.Providers;

/// <summary>A still to bring to life as a clip of the given length and frame size.</summary>
public sealed record ClipRequest(
    byte[] Image,
    string ImageContentType,
    CameraMove Movement,
    TimeSpan Duration,
    int Width,
    int Height,
    int FramesPerSecond = 24,
    string? Prompt = null,
    string? Model = null);

public sealed record ClipResponse(byte[] Content, string ContentType, TimeSpan Duration, ProviderUsage Usage);

/// <summary>Port: image to video clip.</summary>
public interface IClipProvider
{
    string Name { get; }

    Task<ClipResponse> RenderClipAsync(ClipRequest request, CancellationToken cancellationToken);
}
