using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Production;

/// <summary>A shot's content as its versions keep it: what the writer decided and which media it has.</summary>
public sealed record ShotSnapshot(
    int Order,
    ShotType ShotType,
    CameraMove CameraMove,
    decimal DurationSeconds,
    string VisualPrompt,
    IReadOnlyList<string> CharacterKeys,
    ScriptLine? SpokenLine,
    ShotTransition Transition,
    string? ImageKey,
    string? AudioKey,
    decimal? AudioDurationSeconds,
    string? ClipKey)
{
    public static ShotSnapshot Of(Shot shot) => new(
        shot.Order, shot.ShotType, shot.CameraMove, shot.DurationSeconds, shot.VisualPrompt, shot.CharacterKeys, shot.SpokenLine,
        shot.Transition, shot.ImageKey, shot.AudioKey, shot.AudioDurationSeconds, shot.ClipKey);

    public void ApplyTo(Shot shot)
    {
        shot.Order = Order;
        shot.ShotType = ShotType;
        shot.CameraMove = CameraMove;
        shot.DurationSeconds = DurationSeconds;
        shot.VisualPrompt = VisualPrompt;
        shot.CharacterKeys = [.. CharacterKeys];
        shot.SpokenLine = SpokenLine;
        shot.Transition = Transition;
        shot.ImageKey = ImageKey;
        shot.AudioKey = AudioKey;
        shot.AudioDurationSeconds = AudioDurationSeconds;
        shot.ClipKey = ClipKey;
    }
}
