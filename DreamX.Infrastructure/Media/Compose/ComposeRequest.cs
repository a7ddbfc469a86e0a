using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>What to compose: an episode's ordered shots on local files, and where the results go.</summary>
/// <param name="WorkFolder">Holds the local segment cache (a cache of the one in object storage, when the composer has a
/// storage); reuse it across composes of the same episode so a re-compose renders only changed segments.</param>
/// <param name="OutputFolder">Receives {Name}.mp4, .srt, .otio, .jianying.zip and the cover .jpg.</param>
/// <param name="MusicPath">A music file (WAV, MP3, ...) for the bed, or null for the built-in generated bed.</param>
/// <param name="ShortSide">720 or 1080 by tier (the preview is always 360).</param>
/// <param name="Progress">Told the share of the picture encoded so far (0 to 1; 1 at once when every segment came from the
/// cache), from ffmpeg's own progress, so a long render shows that it moves.</param>
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
    TimelineSettings? Timeline = null,
    IProgress<double>? Progress = null);

/// <summary>The files of a composed episode and what a player shows about it.</summary>
/// <param name="ClipsRendered">Shots whose picture (its body segment) this compose rendered; the others came from the cache
/// (a shot identical to another is rendered once).</param>
/// <param name="SegmentsRendered">Segments (shot bodies and transitions) of a final render encoded by this compose.</param>
/// <param name="SegmentsReused">Segments taken from the cache, locally or from object storage.</param>
/// <param name="SoundtrackMixed">Whether this compose mixed the soundtrack (false: it came from the cache).</param>
/// <param name="CacheUploadsFailed">Rendered pieces that could not be shared through object storage (the episode is fine;
/// other instances will render them again).</param>
/// <param name="DraftPath">The Jianying/CapCut draft folder as a ZIP (<see cref="JianyingDraftExport"/>).</param>
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
    ComposeTimings Timings,
    int SegmentsRendered = 0,
    int SegmentsReused = 0,
    bool SoundtrackMixed = true,
    int CacheUploadsFailed = 0,
    string? DraftPath = null);

/// <summary>Where a compose spent its wall time.</summary>
/// <param name="Check">Checking the media (probing the lines) and hashing it.</param>
/// <param name="Picture">A final: looking up the segment cache and rendering the segments it lacks, in parallel; a preview:
/// its one picture pass. The soundtrack mixes meanwhile.</param>
/// <param name="SoundtrackWait">Waiting for the soundtrack after that.</param>
/// <param name="Join">Joining the segments (or the preview's picture) with the soundtrack, stream copy, +faststart; the
/// cover frame is taken meanwhile.</param>
/// <param name="CoverAndTimeline">The OTIO export and the rest of the uploads to the shared cache.</param>
public sealed record ComposeTimings(TimeSpan Check, TimeSpan Picture, TimeSpan SoundtrackWait, TimeSpan Join, TimeSpan CoverAndTimeline);
