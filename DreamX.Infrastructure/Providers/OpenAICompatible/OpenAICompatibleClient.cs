using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DreamX.Domain.Generation.Providers;

namespace DreamX.Infrastructure.Providers.OpenAICompatible;

/// <summary>
/// HTTP to one OpenAI-compatible endpoint, with every failure turned into a <see cref="ProviderFailure"/>:
/// 429 (with its Retry-After), 408, 5xx, network errors and timeouts are transient; other 4xx are permanent.
/// </summary>
internal sealed class OpenAICompatibleClient(string providerName, Uri baseUrl, string? apiKey, HttpClient http, TimeSpan timeout, TimeProvider time)
{
    public Task<HttpResponseMessage> PostJsonAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, path)) { Content = JsonContent.Create(body) }, cancellationToken);

    public Task<HttpResponseMessage> GetAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, url.IsAbsoluteUri ? url : new Uri(baseUrl, url)), cancellationToken);

    public async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken)
                ?? throw new ProviderFailure(providerName, "The provider answered with an empty body.", isTransient: true);
        }
        catch (JsonException ex)
        {
            throw new ProviderFailure(providerName, $"The provider's answer is not JSON: {ex.Message}", isTransient: true, inner: ex);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using var request = build();
        if (apiKey is { Length: > 0 })
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ProviderFailure(providerName, $"No answer within {timeout.TotalSeconds:0.#} s.", isTransient: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ProviderFailure(providerName, $"Could not reach the provider: {ex.Message}", isTransient: true, inner: ex);
        }

        if (response.IsSuccessStatusCode)
            return response;

        using (response)
        {
            var detail = await ErrorDetailAsync(response, cancellationToken);
            var status = (int)response.StatusCode;
            var message = $"HTTP {status} {response.ReasonPhrase}{(detail is null ? "" : ": " + detail)}";
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                throw new ProviderFailure(providerName, message, isTransient: true, RetryAfter(response));
            if (status >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
                throw new ProviderFailure(providerName, message, isTransient: true, RetryAfter(response));
            throw new ProviderFailure(providerName, message, isTransient: false);
        }
    }

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
    private static async Task<string?> ErrorDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (HttpRequestException)
        {
            return null;
        }
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
