using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Providers.Builtin;

namespace DreamX.Infrastructure.Providers.Video;

/// <summary>
/// The offline video stage: the built-in camera move (Ken Burns) over the shot's frame, answered at once (the clip is
/// inline in the job, nothing is polled). It is the default when no video provider is configured and, where an admin
/// allows it for Video, the stand-in when they all fail.
/// </summary>
public sealed class BuiltinVideoProvider(KenBurnsClipProvider clips) : IVideoProvider
{
    public string Name => BuiltinProviders.Name;

    public string Model => KenBurnsClipProvider.ModelName;

    /// <summary>Any length: the shot's own, rounded up to whole seconds.</summary>
    public VideoModelSettings Settings { get; } = new() { Durations = [], Ratios = ["16:9", "9:16", "1:1", "4:3", "3:4"], Resolutions = ["720p"] };

    public async Task<VideoJob> SubmitAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        if (request.FirstFrame is not { } frame)
            throw new ProviderFailure(Name, "The built-in camera move needs the shot's image: make the image first.", isTransient: false);
        var clip = await clips.RenderClipAsync(new ClipRequest(frame.Content, frame.ContentType, request.Movement,
            TimeSpan.FromSeconds(request.Seconds), request.Width, request.Height), cancellationToken);
        return new VideoJob(Name, Model, "inline", new VideoClip(clip.Content, clip.ContentType));
    }

    public Task<VideoJobStatus> PollAsync(string jobId, CancellationToken cancellationToken) =>
        throw new ProviderFailure(Name, "Built-in clips are made at once; there is no job to poll.", isTransient: false);

    public Task<VideoClip> DownloadAsync(string jobId, VideoJobStatus status, CancellationToken cancellationToken) =>
        throw new ProviderFailure(Name, "Built-in clips are made at once; there is nothing to download.", isTransient: false);

    public Task CancelAsync(string jobId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CheckAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
