using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>What to compose: an episode's ordered shots on local files, and where the results go.</summary>
/// <param name="WorkFolder">Holds the shot clip cache; reuse it across composes of the same episode so
/// a re-compose renders only changed shots.</param>
/// <param name="OutputFolder">Receives {Name}.mp4, .srt, .otio and the cover .jpg.</param>
/// <param name="MusicPath">A music file (WAV, MP3, ...) for the bed, or null for the built-in generated bed.</param>
/// <param name="ShortSide">720 or 1080 by tier (the preview is always 360).</param>
public sealed record ComposeRequest(
    string Name,
    IReadOnlyList<TimelineShot> Shots,
    AspectRatio AspectRatio,
    ComposeMode Mode,
    string WorkFolder,
    string OutputFolder,
    string? MusicPath = null,
    bool BurnSubtitles = true,
    int ShortSide = 720,
    TimelineSettings? Timeline = null);

/// <summary>The files of a composed episode and what a player shows about it.</summary>
/// <param name="ClipsRendered">Shots rendered from their media by this compose; the others came from the clip cache.</param>
public sealed record ComposedEpisode(
    string VideoPath,
    string SubtitlesPath,
    string CoverPath,
    string TimelinePath,
    TimeSpan Duration,
    long SizeBytes,
    int Width,
    int Height,
    int ClipsRendered,
    int ClipsReused,
    ComposeTimings Timings);

/// <summary>Where a compose spent its wall time.</summary>
/// <param name="ShotLookup">Hashing the shots' media, looking up the clip cache and, on a final render, rendering the clips it lacks (the soundtrack mixes meanwhile).</param>
/// <param name="SoundtrackWait">Waiting for the soundtrack after that.</param>
/// <param name="Encode">The one encode that joins, burns subtitles and muxes.</param>
/// <param name="CoverAndTimeline">The cover frame and the OTIO export.</param>
public sealed record ComposeTimings(TimeSpan ShotLookup, TimeSpan SoundtrackWait, TimeSpan Encode, TimeSpan CoverAndTimeline);
