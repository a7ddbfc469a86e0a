using DreamX.Domain.Canvas;

namespace DreamX.Domain.Scripts;

/// <summary>The compose node of one episode: the finished video and its renders.</summary>
public sealed class Composition : CanvasNode
{
    public override NodeKind Kind => NodeKind.Compose;

    public Guid EpisodeId { get; set; }
    public bool BurnSubtitles { get; set; } = true;
    public Guid? MusicTrackId { get; set; }

    /// <summary>The language version the compose renders (an <see cref="EpisodeTranslation"/>); null: the episode's own lines.</summary>
    public string? Language { get; set; }

    public List<CompositionRender> Renders { get; set; } = [];
}

public enum RenderQuality
{
    Preview,
    Final,
}

/// <summary>One rendered output of a composition (a preview or a final), kept as a version.</summary>
public sealed class CompositionRender : Common.Entity
{
    public Guid CompositionId { get; set; }
    public int Version { get; set; }
    public RenderQuality Quality { get; set; }
    public string VideoKey { get; set; } = "";
    public string? SubtitlesKey { get; set; }
    public string? CoverKey { get; set; }
    public string? TimelineKey { get; set; }
    /// <summary>The Jianying/CapCut draft folder as a ZIP; null for renders made before drafts were exported.</summary>
    public string? DraftKey { get; set; }
    /// <summary>The language version it renders; null for the episode's own language.</summary>
    public string? Language { get; set; }
    public decimal DurationSeconds { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long SizeBytes { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
}
