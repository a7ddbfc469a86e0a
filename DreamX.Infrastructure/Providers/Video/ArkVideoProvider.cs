using System.Text.Json.Nodes;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Outbound;
using DreamX.Infrastructure.Providers.OpenAICompatible;

namespace DreamX.Infrastructure.Providers.Video;

/// <summary>
/// The Volcengine Ark content-generation task API, as Seedance speaks it: <c>POST {base}/contents/generations/tasks</c>
/// with <c>content</c> = a text item and <c>image_url</c> items (data URLs) whose <c>role</c> is <c>first_frame</c> or
/// <c>reference_image</c>, plus <c>ratio</c>, <c>duration</c>, <c>resolution</c> and <c>generate_audio</c>;
/// <c>GET …/tasks/{id}</c> until <c>succeeded</c> (the clip at <c>content.video_url</c>, a link that expires after about a
/// day) or <c>failed</c> (<c>error.message</c>); <c>DELETE …/tasks/{id}</c> cancels a queued job or deletes a finished one.
/// </summary>
public sealed class ArkVideoProvider : IVideoProvider
{
    private readonly ProviderConfig _config;
    private readonly OpenAICompatibleClient _client;

    internal ArkVideoProvider(ProviderConfig config, string? apiKey, OutboundHttp http, OpenAICompatibleOptions options, TimeProvider time)
    {
        _config = config;
        _client = OpenAICompatibleClient.For(config, apiKey, http, options, time);
    }

    public string Name => _config.Name;

    public string Model => _config.VideoModel ?? "";

    public VideoModelSettings Settings => _config.VideoSettings;

    public async Task<VideoJob> SubmitAsync(VideoRequest request, CancellationToken cancellationToken)
    {
        var content = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = request.Prompt } };
        if (request.FirstFrame is { } first)
            content.Add(Image(first, "first_frame"));
        foreach (var reference in request.References)
            content.Add(Image(reference, "reference_image"));
        var body = new JsonObject
        {
            ["model"] = Model,
            ["content"] = content,
            ["ratio"] = request.Ratio,
            ["duration"] = request.Seconds,
            ["resolution"] = request.Resolution,
            ["generate_audio"] = request.Audio && Settings.NativeAudio,
            ["watermark"] = false,
        };
        if (request.Seed is { } seed)
            body["seed"] = seed;
        var answer = _client.ReadJson(await _client.PostJsonAsync("contents/generations/tasks", body, cancellationToken));
        var id = answer["id"]?.ToString();
        if (string.IsNullOrWhiteSpace(id))
            throw new ProviderFailure(Name, "The provider accepted the clip but returned no task id.", isTransient: false);
        return new VideoJob(Name, Model, id);
    }

    public async Task<VideoJobStatus> PollAsync(string jobId, CancellationToken cancellationToken)
    {
        var answer = _client.ReadJson(await _client.GetAsync(new Uri("contents/generations/tasks/" + Uri.EscapeDataString(jobId), UriKind.Relative), cancellationToken));
        var status = answer["status"]?.ToString()?.ToLowerInvariant();
        var error = answer["error"]?["message"]?.ToString() ?? answer["error"]?["code"]?.ToString();
        return status switch
        {
            "queued" => new VideoJobStatus(VideoJobState.Queued),
            "running" => new VideoJobStatus(VideoJobState.Running, Percent(answer["progress"])),
            "succeeded" => new VideoJobStatus(VideoJobState.Succeeded, 100, VideoUrl: answer["content"]?["video_url"]?.ToString()),
            "failed" => new VideoJobStatus(VideoJobState.Failed, Error: error ?? "the provider gave no reason"),
            "expired" => new VideoJobStatus(VideoJobState.Failed, Error: "the job expired at the provider before it finished"),
            "cancelled" => new VideoJobStatus(VideoJobState.Cancelled, Error: "the job was cancelled at the provider"),
            _ => throw new ProviderFailure(Name, $"The provider reported an unknown job status '{status}'.", isTransient: true),
        };
    }

    public async Task CheckAsync(CancellationToken cancellationToken) =>
        _client.ReadJson(await _client.GetAsync(new Uri("contents/generations/tasks?page_num=1&page_size=1", UriKind.Relative), cancellationToken));

    public Task<VideoClip> DownloadAsync(string jobId, VideoJobStatus status, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(status.VideoUrl, UriKind.Absolute, out var url))
            throw new ProviderFailure(Name, "The provider finished the clip but gave no video URL.", isTransient: false);
        return VideoDownloads.FetchAsync(_client, Name, url, cancellationToken);
    }

    public async Task CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteAsync("contents/generations/tasks/" + Uri.EscapeDataString(jobId), cancellationToken);
        }
        catch (ProviderFailure failure) when (failure.Message.StartsWith("HTTP 404", StringComparison.Ordinal))
        {
            // Already gone.
        }
    }

    private static JsonObject Image(VideoImage image, string role) => new()
    {
        ["type"] = "image_url",
        ["image_url"] = new JsonObject { ["url"] = VideoDownloads.DataUrl(image) },
        ["role"] = role,
    };

    internal static int? Percent(JsonNode? node) =>
        node is JsonValue value && double.TryParse(value.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var p)
            ? (int)Math.Clamp(p <= 1 && p > 0 && value.ToString().Contains('.') ? p * 100 : p, 0, 100)
            : null;
}
