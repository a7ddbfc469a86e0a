using DreamX.Domain.Canvas;

namespace DreamX.Domain.Scripts;

/// <summary>A shot (segment): framing, movement, duration, the line spoken over it and its media.</summary>
public sealed class Shot : CanvasNode
{
    public const decimal MinDurationSeconds = 1m;
    public const decimal MaxDurationSeconds = 30m;

    public override NodeKind Kind => NodeKind.Segment;

    public Guid SceneId { get; set; }
    public int Order { get; set; }
    public ShotType ShotType { get; set; }
    public CameraMove CameraMove { get; set; }
    public decimal DurationSeconds { get; set; } = 3m;
    public string VisualPrompt { get; set; } = "";
    public List<string> CharacterKeys { get; set; } = [];
    public ScriptLine? SpokenLine { get; set; }
    public ShotTransition Transition { get; set; }

    public string? ImageKey { get; set; }
    public string? ClipKey { get; set; }
    public string? AudioKey { get; set; }
    public decimal? AudioDurationSeconds { get; set; }

    /// <summary>A shot never ends before its spoken audio does.</summary>
    public decimal EffectiveDurationSeconds(decimal tailSeconds = 0.3m) =>
        AudioDurationSeconds is { } audio ? Math.Max(DurationSeconds, audio + tailSeconds) : DurationSeconds;
}
