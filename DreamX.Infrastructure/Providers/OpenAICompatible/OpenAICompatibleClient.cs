using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Infrastructure.Outbound;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>A provider's answer, read whole (up to the download cap).</summary>
internal sealed record ProviderReply(HttpStatusCode Status, string? ContentType, byte[] Body);

/// <summary>
/// HTTP to one OpenAI-compatible endpoint through <see cref="OutboundHttp"/>, with every failure turned into a
/// <see cref="ProviderFailure"/>: 429 (with its Retry-After), 408, 5xx, network errors and timeouts are transient; other
/// 4xx, redirects of API calls, refused addresses and oversized bodies are permanent. The key goes only to the base URL's
/// own origin: a result URL elsewhere is fetched without it.
/// </summary>
internal sealed class OpenAICompatibleClient(string providerName, Uri baseUrl, string? apiKey, OutboundHttp http, TimeSpan timeout, TimeProvider time)
{
    /// <summary>The client of a configured provider, on its base URL (a ProviderFailure naming it when that is not a URL).</summary>
    public static OpenAICompatibleClient For(ProviderConfig config, string? apiKey, OutboundHttp http, OpenAICompatibleOptions options, TimeProvider time)
    {
        if (!Uri.TryCreate(config.BaseUrl?.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl))
            throw new ProviderFailure(config.Name, $"Provider '{config.Name}' has no valid base URL.", isTransient: false);
        return new OpenAICompatibleClient(config.Name, baseUrl, apiKey, http, options.RequestTimeout, time);
    }

    private AuthenticationHeaderValue? Key => apiKey is { Length: > 0 } ? new AuthenticationHeaderValue("Bearer", apiKey) : null;

    public Task<ProviderReply> PostJsonAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(async ct =>
        {
            // Serialised up front so the body goes with a Content-Length: some gateways cannot read a chunked request.
            var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, path)) { Content = content };
            request.Headers.Authorization = Key;
            return await http.SendAsync(request, ct);
        }, cancellationToken);

    /// <summary>
    /// A multipart form (fields, then files under their form names): built afresh for the call, every part in memory so the
    /// body goes with a Content-Length.
    /// </summary>
    public Task<ProviderReply> PostMultipartAsync(
        string path, IReadOnlyList<(string Name, string Value)> fields, IReadOnlyList<(string Name, string FileName, string ContentType, byte[] Content)> files,
        CancellationToken cancellationToken) =>
        SendAsync(async ct =>
        {
            // Names quoted as browsers and curl send them (image[] is not a bare token), fields without a type of their own.
            using var form = new MultipartFormDataContent();
            foreach (var (name, value) in fields)
            {
                var field = new StringContent(value);
                field.Headers.ContentType = null;
                field.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(name) };
                form.Add(field);
            }
            foreach (var (name, fileName, contentType, content) in files)
            {
                var part = new ByteArrayContent(content);
                part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
                part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = Quoted(name), FileName = Quoted(fileName) };
                form.Add(part);
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, path)) { Content = form };
            request.Headers.Authorization = Key;
            return await http.SendAsync(request, ct);
        }, cancellationToken);

    /// <summary>DELETE on the provider's API (cancel or delete a job).</summary>
    public Task<ProviderReply> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(async ct =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(baseUrl, path));
            request.Headers.Authorization = Key;
            return await http.SendAsync(request, ct);
        }, cancellationToken);

    /// <summary>A result file: redirects followed (each hop checked), the key sent only to the provider's own origin.</summary>
    public Task<ProviderReply> GetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(ct => http.GetAsync(url.IsAbsoluteUri ? url : new Uri(baseUrl, url), Key, baseUrl, ct), cancellationToken);

    public JsonNode ReadJson(ProviderReply reply)
    {
        try
        {
            return (reply.Body.Length == 0 ? null : JsonNode.Parse(reply.Body))
                ?? throw new ProviderFailure(providerName, "The provider answered with an empty body.", isTransient: true);
        }
        catch (JsonException ex)
        {
            throw new ProviderFailure(providerName, $"The provider's answer is not JSON: {ex.Message}", isTransient: true, inner: ex);
        }
    }

    private async Task<ProviderReply> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        ProviderReply reply;
        TimeSpan? retryAfter;
        string? reason;
        try
        {
            using var response = await send(deadline.Token);
            reply = new ProviderReply(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await http.ReadBodyAsync(response, deadline.Token));
            retryAfter = RetryAfter(response);
            reason = response.ReasonPhrase;
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderFailure(providerName, $"No answer within {timeout.TotalSeconds:0.#} s.", isTransient: true, inner: ex);
        }
        catch (OutboundRefusedException ex)
        {
            throw new ProviderFailure(providerName, $"Refused to connect: {ex.Message}", isTransient: false, inner: ex);
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRefusedException refused)
        {
            throw new ProviderFailure(providerName, $"Refused to connect: {refused.Message}", isTransient: false, inner: ex);
        }
        catch (OutboundTooLargeException ex)
        {
            throw new ProviderFailure(providerName, ex.Message, isTransient: false, inner: ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw new ProviderFailure(providerName, $"Could not reach the provider: {ex.Message}", isTransient: true, inner: ex);
        }

        var status = (int)reply.Status;
        if (status is >= 200 and < 300)
            return reply;

        var detail = ErrorDetail(reply.Body);
        var message = $"HTTP {status} {reason}{(detail is null ? "" : ": " + detail)}";
        if (reply.Status == HttpStatusCode.TooManyRequests || status >= 500 || reply.Status == HttpStatusCode.RequestTimeout)
            throw new ProviderFailure(providerName, message, isTransient: true, retryAfter);
        if (status is >= 300 and < 400)
            throw new ProviderFailure(providerName, $"{message} (the studio does not follow redirects of API calls)", isTransient: false);
        throw new ProviderFailure(providerName, message, isTransient: false);
    }

    private static string Quoted(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    /// <summary>OpenAI-style {"error":{"message":...}} when present, else the start of the body.</summary>
    private static string? ErrorDetail(byte[] bytes)
    {
        var body = System.Text.Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 4096));
        if (string.IsNullOrWhiteSpace(body))
            return null;
        try
        {
            if (JsonNode.Parse(body)?["error"] is { } error)
                return (error is JsonValue ? error.ToString() : error["message"]?.ToString()) ?? body;
        }
        catch (JsonException)
        {
            // Not JSON: show the text itself.
        }
        return body.Length > 300 ? body[..300] + "…" : body;
    }
}
