using System.Text.Json;
using System.Text.Json.Nodes;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>
/// The composed episode as an OpenTimelineIO JSON timeline (<c>.otio</c>) to finish in an editor:
/// a video track of the rendered shot clips (source ranges trimmed by half of each transition, with
/// SMPTE_Dissolve transitions centred on the boundaries), a "Dialogue" audio track with each line at its time
/// (gaps between), a "Music" audio track when a music file was used, and the subtitles as markers on the
/// top-level stack (marked ranges in timeline time, the text as the marker name, the speaker in metadata).
/// </summary>
public static class OtioTimelineExport
{
    public static string ToJson(string name, EpisodeTimeline timeline, IReadOnlyList<string> clipPaths, string? musicPath, int rate)
    {
        var tracks = new JsonArray { VideoTrack(timeline, clipPaths, rate), DialogueTrack(timeline, rate) };
        if (musicPath is not null)
            tracks.Add(Track("Music", "Audio", new JsonArray { Clip("Music", Path.GetFullPath(musicPath), 0, timeline.DurationSeconds, rate) }));

        var markers = new JsonArray();
        foreach (var cue in timeline.Cues)
        {
            markers.Add(new JsonObject
            {
                ["OTIO_SCHEMA"] = "Marker.2",
                ["name"] = cue.Text,
                ["color"] = "YELLOW",
                ["comment"] = "subtitle",
                ["marked_range"] = Range(cue.StartSeconds, cue.EndSeconds - cue.StartSeconds, rate),
                ["metadata"] = new JsonObject { ["dreamx"] = new JsonObject { ["speaker"] = cue.Speaker, ["shot"] = cue.ShotNumber } },
            });
        }

        var root = new JsonObject
        {
            ["OTIO_SCHEMA"] = "Timeline.1",
            ["name"] = name,
            ["global_start_time"] = null,
            ["metadata"] = new JsonObject(),
            ["tracks"] = new JsonObject
            {
                ["OTIO_SCHEMA"] = "Stack.1",
                ["name"] = "tracks",
                ["source_range"] = null,
                ["enabled"] = true,
                ["effects"] = new JsonArray(),
                ["markers"] = markers,
                ["metadata"] = new JsonObject(),
                ["children"] = tracks,
            },
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject VideoTrack(EpisodeTimeline timeline, IReadOnlyList<string> clipPaths, int rate)
    {
        var children = new JsonArray();
        for (var i = 0; i < timeline.Shots.Count; i++)
        {
            var shot = timeline.Shots[i];
            var halfIn = shot.TransitionInSeconds / 2;
            var halfOut = i + 1 < timeline.Shots.Count ? timeline.Shots[i + 1].TransitionInSeconds / 2 : 0;
            if (shot.TransitionIn != ShotTransition.Cut)
            {
                children.Add(new JsonObject
                {
                    ["OTIO_SCHEMA"] = "Transition.1",
                    ["name"] = shot.TransitionIn.ToString(),
                    ["transition_type"] = "SMPTE_Dissolve",
                    ["in_offset"] = Time(halfIn, rate),
                    ["out_offset"] = Time(halfIn, rate),
                    ["metadata"] = new JsonObject(),
                });
            }

            children.Add(Clip($"Shot {shot.Shot.Number}", Path.GetFullPath(clipPaths[i]), halfIn, shot.ClipSeconds - halfIn - halfOut, rate));
        }

        return Track("Video", "Video", children);
    }

    private static JsonObject DialogueTrack(EpisodeTimeline timeline, int rate)
    {
        var children = new JsonArray();
        var at = 0.0;
        foreach (var shot in timeline.Shots)
        {
            if (shot.Shot.Audio is not { } audio || shot.AudioStartSeconds is not { } start) continue;
            if (start > at) children.Add(Gap(start - at, rate));
            children.Add(Clip($"Shot {shot.Shot.Number} line", Path.GetFullPath(audio.Path), 0, audio.DurationSeconds, rate));
            at = start + audio.DurationSeconds;
        }

        return Track("Dialogue", "Audio", children);
    }

    private static JsonObject Track(string name, string kind, JsonArray children) => new()
    {
        ["OTIO_SCHEMA"] = "Track.1",
        ["name"] = name,
        ["kind"] = kind,
        ["source_range"] = null,
        ["enabled"] = true,
        ["effects"] = new JsonArray(),
        ["markers"] = new JsonArray(),
        ["metadata"] = new JsonObject(),
        ["children"] = children,
    };

    private static JsonObject Clip(string name, string path, double sourceStart, double duration, int rate) => new()
    {
        ["OTIO_SCHEMA"] = "Clip.1",
        ["name"] = name,
        ["source_range"] = Range(sourceStart, duration, rate),
        ["enabled"] = true,
        ["effects"] = new JsonArray(),
        ["markers"] = new JsonArray(),
        ["metadata"] = new JsonObject(),
        ["media_reference"] = new JsonObject
        {
            ["OTIO_SCHEMA"] = "ExternalReference.1",
            ["name"] = Path.GetFileName(path),
            ["target_url"] = new Uri(path).AbsoluteUri,
            ["available_range"] = null,
            ["metadata"] = new JsonObject(),
        },
    };

    private static JsonObject Gap(double duration, int rate) => new()
    {
        ["OTIO_SCHEMA"] = "Gap.1",
        ["name"] = "",
        ["source_range"] = Range(0, duration, rate),
        ["enabled"] = true,
        ["effects"] = new JsonArray(),
        ["markers"] = new JsonArray(),
        ["metadata"] = new JsonObject(),
    };

    private static JsonObject Range(double start, double duration, int rate) => new()
    {
        ["OTIO_SCHEMA"] = "TimeRange.1",
        ["start_time"] = Time(start, rate),
        ["duration"] = Time(duration, rate),
    };

    private static JsonObject Time(double seconds, int rate) => new()
    {
        ["OTIO_SCHEMA"] = "RationalTime.1",
        ["rate"] = (double)rate,
        ["value"] = Math.Round(seconds * rate, 3),
    };
}
