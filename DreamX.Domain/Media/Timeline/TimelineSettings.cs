namespace DreamX.Domain.Media.Timeline;

/// <summary>The timing rules of a composed episode.</summary>
/// <param name="FrameQuantumSeconds">Every start and length is a whole multiple of this, so both the final (24 fps)
/// and the preview (12 fps) frame rates land on exact frames and picture and sound end together.</param>
/// <param name="TailSeconds">Silence kept after a line before the shot may end.</param>
/// <param name="LeadSeconds">Silence before a line starts once its shot is fully on screen.</param>
public sealed record TimelineSettings(
    double FrameQuantumSeconds = 1.0 / 12,
    double TailSeconds = 0.3,
    double LeadSeconds = 0.15,
    double CrossfadeSeconds = 0.5,
    double FadeThroughBlackSeconds = 0.75)
{
    public static TimelineSettings Default { get; } = new();

    /// <summary>Rounds a length up to the next whole quantum (with a little slack for floating point).</summary>
    public double Quantize(double seconds) =>
        Math.Ceiling(seconds / FrameQuantumSeconds - 1e-6) * FrameQuantumSeconds;
}
