using System.Text.Json.Nodes;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Media;
using DreamX.Infrastructure.Media;
using DreamX.Infrastructure.Outbound;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>
/// One admin-configured OpenAI-compatible service (Ollama, vLLM, DashScope compatible mode, DeepSeek, OpenAI...):
/// chat to JSON with one repair attempt, image generation (base64 or URL; with the characters' reference pictures through
/// the images edit call when the admin says the model takes them) and speech.
/// </summary>
public sealed class OpenAICompatibleProvider : ITextProvider, IImageProvider, ISpeechProvider
{
    private readonly ProviderConfig _config;
    private readonly OpenAICompatibleClient _client;
    private readonly double _temperature;

    internal OpenAICompatibleProvider(ProviderConfig config, string? apiKey, OutboundHttp http, OpenAICompatibleOptions options, TimeProvider time)
    {
        _config = config;
        _temperature = options.Temperature;
        _client = OpenAICompatibleClient.For(config, apiKey, http, options, time);
    }

    public string Name => _config.Name;

    public async Task<TextResponse> CompleteJsonAsync(TextRequest request, CancellationToken cancellationToken)
    {
        var model = RequireModel(_config.TextModel ?? request.Model, "text");
        var messages = new JsonArray
        {
            Message("system", request.SystemPrompt + "\nAnswer with one JSON value only, no prose, matching this JSON schema:\n" + request.JsonSchema),
            Message("user", request.UserPrompt + (string.IsNullOrWhiteSpace(request.ContextJson) ? "" : "\n\nContext (JSON):\n" + request.ContextJson)),
        };

        var (content, tokensIn, tokensOut) = await ChatAsync(model, messages, cancellationToken);
        var (json, error) = JsonAnswer.Extract(content, request.JsonSchema);
        if (json is null)
        {
            // One repair: show the model its answer and what is wrong with it.
            messages.Add(Message("assistant", content ?? ""));
            messages.Add(Message("user", $"That answer cannot be used: {error}. Reply again with only the corrected JSON that fits the schema."));
            var (repaired, moreIn, moreOut) = await ChatAsync(model, messages, cancellationToken);
            (tokensIn, tokensOut) = (tokensIn + moreIn, tokensOut + moreOut);
            (json, error) = JsonAnswer.Extract(repaired, request.JsonSchema);
            if (json is null)
                throw new ProviderFailure(Name, $"The model's answer does not fit the schema after one repair attempt: {error}.", isTransient: false);
        }

        var cost = (tokensIn * ProviderPrices.Of(_config, ProviderPrices.TextInputPer1K) + tokensOut * ProviderPrices.Of(_config, ProviderPrices.TextOutputPer1K)) / 1000m;
        return new TextResponse(json, new ProviderUsage(Name, model, tokensIn, tokensOut, cost));
    }

    public async Task<ImageResponse> GenerateImageAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var model = RequireModel(_config.ImageModel ?? request.Model, "image");
        var size = $"{request.Width}x{request.Height}";
        JsonNode answer;
        var references = 0;
        if (_config.AcceptsReferenceImages && ImageAnswer.WantsReferences(request))
        {
            // The images edit call: the characters' pictures go inline as image[] file parts, never as links to the studio.
            var loaded = request.LoadedReferences();
            var files = loaded.Select((r, i) => ("image[]", ImageAnswer.FileNameOf(r, i), r.ContentType!, r.Content!)).ToList();
            var fields = new List<(string, string)> { ("model", model), ("prompt", request.Prompt), ("n", "1"), ("size", size) };
            answer = _client.ReadJson(await _client.PostMultipartAsync("images/edits", fields, files, cancellationToken));
            references = files.Count;
        }
        else
        {
            var body = new JsonObject
            {
                ["model"] = model,
                ["prompt"] = request.Prompt,
                ["n"] = 1,
                ["size"] = size,
                ["response_format"] = "b64_json",
            };
            answer = _client.ReadJson(await _client.PostJsonAsync("images/generations", body, cancellationToken));
        }
        var (bytes, contentType) = await ImageAnswer.ReadAsync(_client, Name, answer, cancellationToken);
        return new ImageResponse(bytes, contentType, new ProviderUsage(Name, model, Cost: ProviderPrices.Of(_config, ProviderPrices.Image), ReferenceImages: references));
    }

    public async Task<SpeechResponse> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        var model = RequireModel(_config.SpeechModel ?? request.Model, "speech");
        var body = new JsonObject
        {
            ["model"] = model,
            ["input"] = request.Text,
            ["voice"] = request.VoiceKey,
            ["response_format"] = "wav",
            ["speed"] = Math.Round(Math.Clamp(request.WordsPerMinute / 160.0, 0.25, 4.0), 2),
        };
        var audio = (await _client.PostJsonAsync("audio/speech", body, cancellationToken)).Body;
        // The type comes from the bytes, never from the Content-Type header: only WAV, MP3, AAC, FLAC (or M4A) are kept.
        var format = MediaSniffer.Sniff(audio, MediaFamily.Audio)
            ?? throw new ProviderFailure(Name, $"The speech answer is not WAV, MP3, AAC or FLAC audio (it looks like {MediaSniffer.Describe(audio)}).", isTransient: false);
        SpeechMeasure measure;
        try
        {
            measure = await ProviderMediaCheck.MeasureSpeechAsync(audio, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new ProviderFailure(Name, $"The speech answer cannot be used: {ex.Message}.", isTransient: true, inner: ex);
        }
        // Silence, or a length that cannot be this text spoken, is a failed call (retried, then failed over).
        if (ProviderMediaCheck.SpeechProblem(measure, request.Text) is { } problem)
            throw new ProviderFailure(Name, $"The speech answer cannot be used: {problem}.", isTransient: true);
        var duration = WavFile.Duration(audio) ?? measure.Duration;

        var cost = request.Text.Length * ProviderPrices.Of(_config, ProviderPrices.SpeechPer1KChars) / 1000m;
        return new SpeechResponse(audio, format.ContentType, duration, new ProviderUsage(Name, model, Cost: cost));
    }

    private async Task<(string? Content, int TokensIn, int TokensOut)> ChatAsync(string model, JsonArray messages, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["model"] = model,
            ["messages"] = messages.DeepClone(),
            ["temperature"] = _temperature,
            ["response_format"] = new JsonObject { ["type"] = "json_object" },
        };
        var answer = _client.ReadJson(await _client.PostJsonAsync("chat/completions", body, cancellationToken));
        var content = answer["choices"]?[0]?["message"]?["content"]?.ToString();
        var usage = answer["usage"];
        return (content, (int?)usage?["prompt_tokens"] ?? 0, (int?)usage?["completion_tokens"] ?? 0);
    }

    private string RequireModel(string? model, string capability) =>
        model is { Length: > 0 } ? model : throw new ProviderFailure(Name, $"Provider '{Name}' has no {capability} model configured.", isTransient: false);

    private static JsonObject Message(string role, string content) => new() { ["role"] = role, ["content"] = content };
}
