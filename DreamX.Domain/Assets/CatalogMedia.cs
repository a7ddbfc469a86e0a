namespace DreamX.Domain.Assets;

/// <summary>A file an admin picked for a catalogue entry, already read into memory (they are small).</summary>
public sealed record MediaUpload(string FileName, ReadOnlyMemory<byte> Content)
{
    public long Size => Content.Length;
}

/// <summary>
/// What may be uploaded for one kind of catalogue media: the formats (recognised by their first bytes,
/// not by what the browser claims) and the largest size.
/// </summary>
public sealed class CatalogMediaRule
{
    private const long Megabyte = 1024 * 1024;

    private readonly IReadOnlyList<MediaFormat> _formats;

    private CatalogMediaRule(long maxBytes, IReadOnlyList<MediaFormat> formats)
    {
        MaxBytes = maxBytes;
        _formats = formats;
    }

    public static CatalogMediaRule Image { get; } = new(5 * Megabyte,
    [
        new("image/png", "png", head => head.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G'])),
        new("image/jpeg", "jpg", head => head.StartsWith((byte[])[0xFF, 0xD8, 0xFF])),
        new("image/webp", "webp", head => IsRiff(head, "WEBP")),
    ]);

    public static CatalogMediaRule Audio { get; } = new(10 * Megabyte,
    [
        new("audio/wav", "wav", head => IsRiff(head, "WAVE")),
        new("audio/mpeg", "mp3", head => head.StartsWith("ID3"u8) || (head.Length > 1 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)),
        new("audio/ogg", "ogg", head => head.StartsWith("OggS"u8)),
        new("audio/mp4", "m4a", IsIsoMedia),
    ]);

    /// <summary>A music video's song (MP3, WAV or M4A), up to a 10-minute WAV.</summary>
    public static CatalogMediaRule Song { get; } = new(MusicVideos.SongRules.MaxBytes,
    [
        new("audio/wav", "wav", head => IsRiff(head, "WAVE")),
        new("audio/mpeg", "mp3", head => head.StartsWith("ID3"u8) || (head.Length > 1 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0)),
        new("audio/mp4", "m4a", IsIsoMedia),
    ]);

    public static CatalogMediaRule Video { get; } = new(50 * Megabyte,
    [
        new("video/mp4", "mp4", IsIsoMedia),
        new("video/webm", "webm", head => head.StartsWith((byte[])[0x1A, 0x45, 0xDF, 0xA3])),
    ]);

    public long MaxBytes { get; }

    public int MaxMegabytes => (int)(MaxBytes / Megabyte);

    /// <summary>For the file picker's <c>accept</c> attribute.</summary>
    public string Accept => string.Join(",", _formats.Select(f => f.ContentType).Concat(_formats.Select(f => "." + f.Extension)).Distinct());

    /// <summary>e.g. "PNG, JPG, WEBP", for messages.</summary>
    public string FormatNames => string.Join(", ", _formats.Select(f => f.Extension.ToUpperInvariant()).Distinct());

    /// <summary>True when a file of <paramref name="size"/> bytes may be read at all (checked before reading it).</summary>
    public bool AllowsSize(long size) => size > 0 && size <= MaxBytes;

    /// <summary>The format of <paramref name="upload"/>, or the code of the rule it breaks (<see cref="CatalogErrors"/>).</summary>
    public Common.Result<MediaFormat> Check(MediaUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (upload.Size == 0)
            return Common.Result<MediaFormat>.Failure(CatalogErrors.FileEmpty);
        if (upload.Size > MaxBytes)
            return Common.Result<MediaFormat>.Failure(CatalogErrors.FileTooLarge);

        var head = upload.Content.Span[..(int)Math.Min(upload.Size, 16)];
        foreach (var format in _formats)
        {
            if (format.Matches(head))
                return format;
        }

        return Common.Result<MediaFormat>.Failure(CatalogErrors.FileType);
    }

    private static bool IsRiff(ReadOnlySpan<byte> head, string form) =>
        head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual(System.Text.Encoding.ASCII.GetBytes(form));

    private static bool IsIsoMedia(ReadOnlySpan<byte> head) => head.Length >= 8 && head[4..8].SequenceEqual("ftyp"u8);
}

/// <summary>One accepted file format.</summary>
public sealed class MediaFormat(string contentType, string extension, MediaFormat.Signature matches)
{
    public delegate bool Signature(ReadOnlySpan<byte> head);

    public string ContentType { get; } = contentType;

    public string Extension { get; } = extension;

    public bool Matches(ReadOnlySpan<byte> head) => matches(head);
}
