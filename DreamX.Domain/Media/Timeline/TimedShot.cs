using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DreamX.Domain.Scripts;

namespace DreamX.Domain.Media.Timeline;

/// <summary>A shot placed on the timeline.</summary>
/// <param name="StartSeconds">When its clip starts, which is when its incoming transition begins.</param>
/// <param name="ClipSeconds">The length of its clip, incoming and outgoing overlaps included.</param>
/// <param name="TransitionIn">How it joins the shot before (Cut for the first shot).</param>
/// <param name="TransitionInSeconds">The overlap with the shot before; 0 for a cut.</param>
/// <param name="AudioStartSeconds">When its spoken line starts on the timeline, if it has one.</param>
public sealed record TimedShot(
    TimelineShot Shot,
    double StartSeconds,
    double ClipSeconds,
    ShotTransition TransitionIn,
    double TransitionInSeconds,
    double? AudioStartSeconds)
{
    public double EndSeconds => StartSeconds + ClipSeconds;

    /// <summary>
    /// Names the rendered clip of this shot: the same picture source (its digest), movement, length and render
    /// profile give the same hash, so a re-compose re-renders only shots whose hash changed. Audio and
    /// subtitles are not part of it: they are laid over the joined clips.
    /// </summary>
    public string ClipContentHash(string mediaDigest, string renderProfile)
    {
        var key = string.Join('|',
            Shot.ClipPath is null ? "still" : "clip",
            mediaDigest,
            Shot.CameraMove,
            ClipSeconds.ToString("F4", CultureInfo.InvariantCulture),
            renderProfile);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }
}

/// <summary>A subtitle shown while a line is spoken.</summary>
public sealed record SubtitleCue(int ShotNumber, double StartSeconds, double EndSeconds, string Text, string? Speaker);
