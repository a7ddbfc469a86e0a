using System.Globalization;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Providers.OpenAICompatible;

namespace DreamX.Infrastructure.Providers.Video;

/// <summary>
/// The OpenAI-style videos API that many gateways and local servers speak: <c>POST {base}/videos</c> as a multipart form
/// (<c>model</c>, <c>prompt</c>, <c>seconds</c>, <c>size</c>, the first frame as <c>input_reference</c>),
/// <c>GET {base}/videos/{id}</c> (<c>status</c> queued / in_progress / completed / failed, <c>progress</c> 0-100),
/// <c>GET {base}/videos/{id}/content</c> for the MP4 and <c>DELETE {base}/videos/{id}</c>. The shape takes one input
/// image, so character references cannot be sent: the prompt names who is in the shot.
/// </summary>
public sealed class OpenAIVideoProvider : IVideoProvider
{
    private readonly ProviderConfig _config;
    private readonly OpenAICompatibleClient _client;

    internal OpenAIVideoProvider(ProviderConfig config, string? apiKey, OutboundHttp http, OpenAICompatibleOptions options, TimeProvider time)
    {
        _config = config;
        _client = OpenAICompatibleClient.For(config, apiKey, http, options, time);
    }

    public string Name => _config.Name;

    public string Model => _config.VideoModel ?? "";

    public VideoModelSettings Settings => _config.VideoSettings;

    public async Task<VideoJob> SubmitAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        var fields = new List<(string, string)>
        {
            ("model", Model), ("prompt", request.Prompt), ("seconds", request.Seconds.ToString(CultureInfo.InvariantCulture)), ("size", $"{request.Width}x{request.Height}"),
        };
        var files = request.FirstFrame is { } first
            ? [("input_reference", first.ContentType == "image/jpeg" ? "first-frame.jpg" : "first-frame.png", first.ContentType, first.Content)]
            : new List<(string, string, string, byte[])>();
        var answer = _client.ReadJson(await _client.PostMultipartAsync("videos", fields, files, cancellationToken));
        var id = answer["id"]?.ToString();
        if (string.IsNullOrWhiteSpace(id))
            throw new ProviderFailure(Name, "The provider accepted the clip but returned no video id.", isTransient: false);
        return new VideoJob(Name, Model, id);
    }

    public async Task<VideoJobStatus> PollAsync(string jobId, CancellationToken cancellationToken)
    {
        var answer = _client.ReadJson(await _client.GetAsync(new Uri("videos/" + Uri.EscapeDataString(jobId), UriKind.Relative), cancellationToken));
        var status = answer["status"]?.ToString()?.ToLowerInvariant();
        var progress = ArkVideoProvider.Percent(answer["progress"]);
        var error = answer["error"]?["message"]?.ToString() ?? answer["error"]?["code"]?.ToString();
        return status switch
        {
            "queued" => new VideoJobStatus(VideoJobState.Queued, progress),
            "in_progress" or "processing" or "running" => new VideoJobStatus(VideoJobState.Running, progress),
            "completed" or "succeeded" => new VideoJobStatus(VideoJobState.Succeeded, 100),
            "failed" => new VideoJobStatus(VideoJobState.Failed, Error: error ?? "the provider gave no reason"),
            "cancelled" => new VideoJobStatus(VideoJobState.Cancelled, Error: "the job was cancelled at the provider"),
            "expired" => new VideoJobStatus(VideoJobState.Failed, Error: "the job expired at the provider before it finished"),
            _ => throw new ProviderFailure(Name, $"The provider reported an unknown video status '{status}'.", isTransient: true),
        };
    }

    public async Task CheckAsync(CancellationToken cancellationToken) =>
        _client.ReadJson(await _client.GetAsync(new Uri("videos?limit=1", UriKind.Relative), cancellationToken));

    public Task<VideoClip> DownloadAsync(string jobId, VideoJobStatus status, CancellationToken cancellationToken) =>
        VideoDownloads.FetchAsync(_client, Name, new Uri($"videos/{Uri.EscapeDataString(jobId)}/content", UriKind.Relative), cancellationToken);

    public async Task CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteAsync("videos/" + Uri.EscapeDataString(jobId), cancellationToken);
        }
        catch (ProviderFailure failure) when (failure.Message.StartsWith("HTTP 404", StringComparison.Ordinal))
        {
            // Already gone.
        }
    }
}
