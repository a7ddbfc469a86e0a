using DreamX.Domain.Scripts;

namespace DreamX.Domain.Media.Timeline;

/// <summary>One shot as the composer sees it: where its picture and voice come from, and how it joins the shot before.</summary>
/// <param name="Number">The shot's number in the episode, from 1, used in failure reasons.</param>
/// <param name="SceneNumber">The scene it belongs to, from 1; a change of scene picks the default transition.</param>
/// <param name="DurationSeconds">The length the script asks for; spoken audio can make it longer.</param>
/// <param name="ImagePath">The still to move the camera over, when there is no clip.</param>
/// <param name="ClipPath">The shot's own video, preferred over the still.</param>
/// <param name="Transition">How it joins the shot before; null chooses by scene change.</param>
public sealed record TimelineShot(
    int Number,
    int SceneNumber,
    double DurationSeconds,
    string? ImagePath,
    string? ClipPath = null,
    CameraMove CameraMove = CameraMove.Static,
    SpokenAudio? Audio = null,
    ShotTransition? Transition = null);

/// <summary>The line spoken over a shot: its audio file, its measured length and the subtitle text.</summary>
/// <param name="Speaker">Who speaks, or null for narration.</param>
public sealed record SpokenAudio(string Path, double DurationSeconds, string Text, string? Speaker = null);
