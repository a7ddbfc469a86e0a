using System.Text;
using System.Text.Json;

namespace DreamX.Tests.Support.FakeOpenAi;

/// <summary>One scripted answer of the fake OpenAI-compatible server.</summary>
public sealed record FakeReply(int Status, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Headers, TimeSpan Delay)
{
    public static FakeReply Json(object body, int status = 200) =>
        new(status, JsonSerializer.SerializeToUtf8Bytes(body), "application/json", new Dictionary<string, string>(), TimeSpan.Zero);

    /// <summary>A chat completion whose message content is <paramref name="content"/>.</summary>
    public static FakeReply Chat(string content, int promptTokens = 120, int completionTokens = 80) => Json(new
    {
        id = "chatcmpl-fake",
        @object = "chat.completion",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
    });

    public static FakeReply ImageBase64(byte[] image) => Json(new { created = 1, data = new[] { new { b64_json = Convert.ToBase64String(image) } } });

    public static FakeReply ImageUrl(string url) => Json(new { created = 1, data = new[] { new { url } } });

    public static FakeReply Bytes(byte[] body, string contentType) => new(200, body, contentType, new Dictionary<string, string>(), TimeSpan.Zero);

    public static FakeReply Error(int status, string message, int? retryAfterSeconds = null) => new(
        status,
        JsonSerializer.SerializeToUtf8Bytes(new { error = new { message, type = "fake_error" } }),
        "application/json",
        retryAfterSeconds is { } seconds ? new Dictionary<string, string> { ["Retry-After"] = seconds.ToString() } : new Dictionary<string, string>(),
        TimeSpan.Zero);

    /// <summary>An HTTP redirect to <paramref name="location"/>.</summary>
    public static FakeReply Redirect(string location, int status = 302) =>
        new(status, [], "text/plain", new Dictionary<string, string> { ["Location"] = location }, TimeSpan.Zero);

    /// <summary>Answers only after <paramref name="delay"/> (to test timeouts).</summary>
    public static FakeReply Hang(TimeSpan delay) => Chat("{}") with { Delay = delay };

    public override string ToString() => $"{Status} {Encoding.UTF8.GetString(Body)}";
}
