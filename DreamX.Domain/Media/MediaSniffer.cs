namespace DreamX.Domain.Media;

/// <summary>What a file is, as far as the studio handles it.</summary>
public enum MediaFamily
{
    Image,
    Audio,
    Video,
}

/// <summary>A format recognised from a file's first bytes.</summary>
public sealed record SniffedMedia(string ContentType, string Extension, MediaFamily Family);

/// <summary>
/// Tells a file's type from its first bytes, never from what a sender or a browser claims: the studio accepts
/// PNG, JPEG, WebP images, WAV, MP3, AAC (ADTS), FLAC audio and MP4 (video, or M4A audio). Anything else is null.
/// </summary>
public static class MediaSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at.</summary>
    public const int HeadLength = 16;

    /// <summary>
    /// The types <c>/media</c> serves inline; anything else goes out as a download. Besides the provider formats it holds
    /// the catalogue's Ogg and WebM uploads, which a browser plays but never runs.
    /// </summary>
    public static IReadOnlySet<string> InlineTypes { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/webp",
        "audio/wav", "audio/x-wav", "audio/wave", "audio/mpeg", "audio/aac", "audio/flac", "audio/mp4", "audio/ogg",
        "video/mp4", "video/webm",
    };

    public static SniffedMedia? Sniff(ReadOnlySpan<byte> content)
    {
        var head = content[..Math.Min(content.Length, HeadLength)];
        if (head.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return new("image/png", "png", MediaFamily.Image);
        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
            return new("image/jpeg", "jpg", MediaFamily.Image);
        if (IsRiff(head, "WEBP"u8))
            return new("image/webp", "webp", MediaFamily.Image);
        if (IsRiff(head, "WAVE"u8))
            return new("audio/wav", "wav", MediaFamily.Audio);
        if (head.StartsWith("fLaC"u8))
            return new("audio/flac", "flac", MediaFamily.Audio);
        if (head.StartsWith("ID3"u8))
            return new("audio/mpeg", "mp3", MediaFamily.Audio);
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xF6) == 0xF0)
            return new("audio/aac", "aac", MediaFamily.Audio); // ADTS: sync word, layer bits 00
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && ((head[1] >> 1) & 0x3) != 0)
            return new("audio/mpeg", "mp3", MediaFamily.Audio); // MPEG audio frame: sync word, a layer
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            return head[8..12].SequenceEqual("M4A "u8)
                ? new("audio/mp4", "m4a", MediaFamily.Audio)
                : new("video/mp4", "mp4", MediaFamily.Video);
        }
        return null;
    }

    /// <summary>The format of <paramref name="content"/> when it is one of <paramref name="family"/>, else null.</summary>
    public static SniffedMedia? Sniff(ReadOnlySpan<byte> content, MediaFamily family) =>
        Sniff(content) is { } sniffed && sniffed.Family == family ? sniffed : null;

    /// <summary>Whether <paramref name="contentType"/> (parameters ignored) may be shown inline.</summary>
    public static bool IsInline(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
            return false;
        var semicolon = contentType.IndexOf(';');
        return InlineTypes.Contains((semicolon < 0 ? contentType : contentType[..semicolon]).Trim());
    }

    private static bool IsRiff(ReadOnlySpan<byte> head, ReadOnlySpan<byte> form) =>
        head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual(form);

    /// <summary>A short label of what the bytes look like, for error messages ("HTML", "JSON", "unknown").</summary>
    public static string Describe(ReadOnlySpan<byte> content)
    {
        if (Sniff(content) is { } sniffed)
            return sniffed.Extension.ToUpperInvariant();
        var text = System.Text.Encoding.UTF8.GetString(content[..Math.Min(content.Length, 64)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (text.StartsWith('<'))
            return "HTML/XML";
        if (text.StartsWith('{') || text.StartsWith('['))
            return "JSON";
        return content.Length == 0 ? "empty" : "unknown";
    }
}
