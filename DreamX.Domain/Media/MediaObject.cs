using DreamX.Domain.Common;

namespace DreamX.Domain.Media;

public enum MediaKind
{
    Image,
    Audio,
    Video,
    Subtitles,
    Timeline,
    Other,
}

/// <summary>A stored object (image, audio, video...) and what is known about it, so no probe is needed to list it.</summary>
public sealed class MediaObject : Entity
{
    public string Key { get; init; } = "";
    public Guid? ProjectId { get; init; }
    public string OwnerId { get; init; } = "";
    public MediaKind Kind { get; init; }
    public string ContentType { get; init; } = "application/octet-stream";
    public long SizeBytes { get; init; }
    public string? Sha256 { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public decimal? DurationSeconds { get; init; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
