using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace DreamX.Infrastructure.Storage;

/// <summary>
/// Signs and checks the app-relative links local storage hands out: <c>/media/{key}?t={token}</c>.
/// </summary>
/// <remarks>
/// The token is a Data Protection payload (authenticated and encrypted, keys managed and rotated by ASP.NET)
/// holding the key, the expiry and the download name. Expiry is checked here against <see cref="TimeProvider"/>
/// rather than with <c>ITimeLimitedDataProtector</c>, whose clock cannot be substituted in tests.
/// </remarks>
public sealed class MediaUrlSigner
{
    public const string RoutePrefix = "/media/";
    public const string TokenParameter = "t";

    private const string Purpose = "DreamX.Storage.MediaUrl.v1";

    private readonly IDataProtector _protector;
    private readonly TimeProvider _time;

    public MediaUrlSigner(IDataProtectionProvider dataProtection, TimeProvider time)
    {
        _protector = dataProtection.CreateProtector(Purpose);
        _time = time;
    }

    public string CreateUrl(ObjectKey key, TimeSpan lifetime, string? downloadFileName = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        var expiresAt = _time.GetUtcNow().Add(lifetime).ToUnixTimeSeconds();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(key.Value, expiresAt, downloadFileName));
        var token = Base64Url.EncodeToString(_protector.Protect(payload));

        // Key characters are URL-safe by construction (ObjectKey), so the key goes into the path as is.
        return $"{RoutePrefix}{key.Value}?{TokenParameter}={token}";
    }

    /// <summary>Checks a token against the key taken from the request path.</summary>
    public Result<MediaGrant> Validate(string? requestedKey, string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return Result<MediaGrant>.Failure("The link has no signature.");
        }

        if (!ObjectKey.TryParse(requestedKey, out var key))
        {
            return Result<MediaGrant>.Failure("The link points to an invalid object key.");
        }

        if (Unprotect(token) is not { } payload)
        {
            return Result<MediaGrant>.Failure("The link's signature is not valid.");
        }

        if (!string.Equals(payload.Key, key.Value, StringComparison.Ordinal))
        {
            return Result<MediaGrant>.Failure("The link's signature is for another object.");
        }

        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt);
        if (_time.GetUtcNow() >= expiresAt)
        {
            return Result<MediaGrant>.Failure("The link has expired.");
        }

        return Result<MediaGrant>.Success(new MediaGrant(key, expiresAt, payload.DownloadFileName));
    }

    private Payload? Unprotect(string token)
    {
        try
        {
            return JsonSerializer.Deserialize<Payload>(_protector.Unprotect(Base64Url.DecodeFromChars(token)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    // One-letter names keep the token, and so the URL, short.
    private sealed record Payload(
        [property: JsonPropertyName("k")] string Key,
        [property: JsonPropertyName("e")] long ExpiresAt,
        [property: JsonPropertyName("n")] string? DownloadFileName);
}
