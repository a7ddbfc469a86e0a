using System.Text.Json;

namespace DreamX.Infrastructure.Storage;

/// <summary>The sidecar of a local object: what the file system cannot tell (content type, content hash).</summary>
internal sealed record LocalObjectMetadata(string ContentType, string Sha256)
{
    public static async Task<LocalObjectMetadata?> ReadAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<LocalObjectMetadata>(stream, cancellationToken: ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or JsonException)
        {
            // A missing or torn sidecar is not fatal: the content type falls back to the file extension.
            return null;
        }
    }

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);
}
