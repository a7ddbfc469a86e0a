using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Media;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace DreamX.Infrastructure.Storage;

/// <summary>
/// The small pictures the canvas's cards show (a 40 px square; a shot's picture is 720x1280 or more): a centre-cropped
/// square JPEG of <see cref="Size"/> px, made the first time a card needs it and kept in object storage beside the
/// project's other objects (<c>projects/{id}/thumbs/…</c>), so every instance shares it and the project's deletion takes
/// it along. Its name is a hash of the source's key and version (the ETag, else its size and time), so a picture stored
/// again under the same key gets a new thumbnail. A canvas of 30 shots then loads about 100 KB of pictures instead of
/// several megabytes of PNG, and its browser decodes 96 px squares instead of full frames.
/// </summary>
public sealed class CardThumbnails(IObjectStorage storage, ILogger<CardThumbnails> logger)
{
    /// <summary>The side in pixels: a 40 px card at up to 2.4 device pixels per CSS pixel.</summary>
    public const int Size = 96;

    /// <summary>The project area thumbnails are stored in.</summary>
    public const string Area = "thumbs";

    /// <summary>Pictures larger than this are not decoded (their header says so first).</summary>
    private const long MaxPixels = 40_000_000;

    private const int MaxRemembered = 100_000;

    // Thumbnails this instance knows exist (by key), and those being made now (so one read makes each once).
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<Task<bool>>> _making = new(StringComparer.Ordinal);

    /// <summary>
    /// The key of <paramref name="source"/>'s thumbnail, made and stored now if it is not there yet; null when the source
    /// is not a project's picture, is missing, or cannot be decoded (the card then shows the picture itself).
    /// </summary>
    public async Task<ObjectKey?> ForAsync(ObjectKey source, CancellationToken ct)
    {
        if (source.ProjectId is not { } projectId || !IsPicture(source.FileName))
            return null;
        if (await storage.StatAsync(source, ct) is not { } stored)
            return null;
        var version = stored.ETag ?? $"{stored.Size}-{stored.LastModified.ToUnixTimeMilliseconds()}";
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source.Value}|{version}|{Size}")))[..32] + ".jpg";
        var key = ObjectKey.ForProject(projectId, Area, name);
        if (_known.ContainsKey(key.Value))
            return key;

        var making = _making.GetOrAdd(key.Value, _ => new Lazy<Task<bool>>(() => MakeAsync(source, key, CancellationToken.None)));
        bool made;
        try
        {
            made = await making.Value.WaitAsync(ct);
        }
        finally
        {
            if (making.IsValueCreated && making.Value.IsCompleted)
                _making.TryRemove(new KeyValuePair<string, Lazy<Task<bool>>>(key.Value, making));
        }
        if (!made)
            return null;
        if (_known.Count >= MaxRemembered)
            _known.Clear();
        _known.TryAdd(key.Value, 0);
        return key;
    }

    /// <summary>Whether a file name is a picture the cards can show small (not a clip or a sound).</summary>
    public static bool IsPicture(string fileName) =>
        Path.GetExtension(fileName).ToLowerInvariant() is ".png" or ".jpg" or ".jpeg" or ".webp";

    /// <summary>A square JPEG of <see cref="Size"/> px from the middle of an encoded picture; null when it cannot be decoded.</summary>
    public static byte[]? Render(byte[] picture)
    {
        using var data = SKData.CreateCopy(picture);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > MaxPixels)
            return null;
        using var bitmap = SKBitmap.Decode(codec);
        if (bitmap is null)
            return null;
        return SquarePicture.Encode(bitmap, Size, SKEncodedImageFormat.Jpeg, 82, SKColors.Black);
    }

    private async Task<bool> MakeAsync(ObjectKey source, ObjectKey key, CancellationToken ct)
    {
        try
        {
            if (await storage.ExistsAsync(key, ct))
                return true;
            if (await storage.ReadAllBytesAsync(source, ct) is not { } picture)
                return false;
            if (Render(picture.Bytes) is not { } thumbnail)
            {
                logger.LogWarning("No card thumbnail for {Key}: the picture cannot be decoded", source.Value);
                return false;
            }
            await storage.PutAsync(key, new MemoryStream(thumbnail), "image/jpeg", ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The card shows the picture itself this time; the next read tries again.
            logger.LogWarning(e, "No card thumbnail for {Key}", source.Value);
            return false;
        }
    }
}
