namespace DreamX.Domain.Generation.Providers;

/// <summary>A picture sent with a video request: the first frame, or a character's reference image.</summary>
public sealed record VideoImage(byte[] Content, string ContentType, string? Label = null);

/// <summary>
/// A clip to make. <see cref="Seconds"/>, <see cref="Ratio"/> and <see cref="Resolution"/> are already mapped onto what
/// the model allows (see VideoFit); <see cref="Width"/>/<see cref="Height"/> are the frame size a provider that takes
/// sizes is asked for. <see cref="FirstFrame"/> is the shot's frame; <see cref="References"/> keep the characters' look.
/// </summary>
public sealed record VideoRequest(
    string Prompt,
    VideoImage? FirstFrame,
    IReadOnlyList<VideoImage> References,
    int Seconds,
    string Ratio,
    string Resolution,
    int Width,
    int Height,
    bool Audio = false,
    int? Seed = null,
    Scripts.CameraMove Movement = Scripts.CameraMove.Static);

/// <summary>
/// What a submission returned: the provider's job id. A provider that answers at once (the built-in camera move) puts
/// the clip in <see cref="Inline"/> and there is nothing to poll.
/// </summary>
public sealed record VideoJob(string Provider, string Model, string JobId, VideoClip? Inline = null);

public enum VideoJobState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>
/// One look at a job: its state, the provider's percentage when it gives one, its reason when it failed, where the
/// result is (a URL, or null when the provider serves it from its own content endpoint) and how long it asks us to wait.
/// </summary>
public sealed record VideoJobStatus(VideoJobState State, int? Progress = null, string? Error = null, string? VideoUrl = null, TimeSpan? RetryAfter = null);

public sealed record VideoClip(byte[] Content, string ContentType);

/// <summary>
/// Port: image/text to video, asynchronous by nature: submit, then poll, then download; cancel where the API allows.
/// Every call throws <see cref="ProviderFailure"/> (transient for 429/5xx/timeouts) rather than anything else.
/// </summary>
public interface IVideoProvider
{
    string Name { get; }

    string Model { get; }

    /// <summary>What the model accepts (clip lengths, ratios, resolutions, audio, timeout).</summary>
    VideoModelSettings Settings { get; }

    Task<VideoJob> SubmitAsync(VideoRequest request, CancellationToken cancellationToken);

    Task<VideoJobStatus> PollAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>The finished clip's bytes (<paramref name="status"/> is the succeeded poll that pointed at it).</summary>
    Task<VideoClip> DownloadAsync(string jobId, VideoJobStatus status, CancellationToken cancellationToken);

    /// <summary>Cancels (or deletes) the remote job; a job already gone is not an error.</summary>
    Task CancelAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// "Test connection" without spending: one read-only call (the provider's own job list, one item) that proves the
    /// base URL answers and the key is accepted.
    /// </summary>
    Task CheckAsync(CancellationToken cancellationToken);
}
