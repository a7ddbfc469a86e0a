using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Media.Compose;
using Json.Schema;

namespace DreamX.Tests.Infrastructure.Media.Compose;

/// <summary>
/// A short episode with every kind of shot (stills with each camera move, a real video clip shorter than its shot, a
/// crossfade and a dip to black), three lines and a music file shorter than the episode, exported as a Jianying/CapCut
/// draft ZIP once for every check.
/// </summary>
public sealed class JianyingDraftFixture : IAsyncLifetime
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "dreamx-draft-" + Guid.NewGuid().ToString("N"));
    public EpisodeTimeline Timeline { get; private set; } = null!;
    public RenderProfile Profile { get; } = RenderProfile.For(ComposeMode.Final, AspectRatio.Portrait9x16, 240);
    public string ZipPath => Path.Combine(Folder, "episode.jianying.zip");
    public string MusicPath => Path.Combine(Folder, "media", "music.wav");
    public double MusicSeconds { get; } = 3.0;
    public double ClipSeconds { get; } = 1.0;

    public async Task InitializeAsync()
    {
        var media = Path.Combine(Folder, "media");
        var shots = await SampleEpisode.CreateAsync(media, ["We should go now.", "Wait, look at this.", null, "Tomorrow we try again.", null], 1.5, 480, 640);
        var clip = Path.Combine(media, "clip2.mp4");
        await FfmpegAsync("-f", "lavfi", "-i", $"testsrc=size=240x426:rate=24:duration={ClipSeconds}", "-pix_fmt", "yuv420p", clip);
        await FfmpegAsync("-f", "lavfi", "-i", $"sine=frequency=330:duration={MusicSeconds}", "-ac", "2", MusicPath);
        shots[1] = shots[1] with { ClipPath = clip };
        Timeline = EpisodeTimeline.Build(shots).Value;
        var draft = await JianyingDraftExport.BuildAsync("第1集 Episode", Timeline, MusicPath, Profile, DateTimeOffset.UtcNow, CancellationToken.None);
        if (draft.IsFailure) throw new InvalidOperationException(draft.Error);
        await JianyingDraftExport.WriteZipAsync(draft.Value, ZipPath, CancellationToken.None);
    }

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-v", "error", "-y" }.Concat(arguments)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {await error}");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class JianyingDraftTests(JianyingDraftFixture fixture) : IClassFixture<JianyingDraftFixture>
{
    [Fact]
    public void The_zip_is_one_draft_folder_with_both_json_files()
    {
        using var zip = ZipFile.OpenRead(fixture.ZipPath);
        var folders = zip.Entries.Select(e => e.FullName.Split('/')[0]).Distinct().ToList();

        var folder = Assert.Single(folders);
        Assert.NotNull(zip.GetEntry($"{folder}/draft_content.json"));
        Assert.NotNull(zip.GetEntry($"{folder}/draft_meta_info.json"));
    }

    [Fact]
    public void The_content_passes_the_schema_written_from_the_documented_format()
    {
        var draft = DraftReader.Open(fixture.ZipPath);

        AssertValid("jianying-draft-content.schema.json", draft.ContentJson);
        AssertValid("jianying-draft-meta.schema.json", draft.MetaJson);
    }

    [Fact]
    public void The_schema_refuses_a_server_path_and_a_time_in_seconds()
    {
        var draft = DraftReader.Open(fixture.ZipPath);
        var content = JsonNode.Parse(draft.ContentJson)!;
        content["materials"]!["videos"]![0]!["path"] = "/srv/dreamx/media/shot-001.png";
        Assert.False(Evaluate("jianying-draft-content.schema.json", content.ToJsonString()).IsValid);

        content = JsonNode.Parse(draft.ContentJson)!;
        content["tracks"]![0]!["segments"]![0]!["target_timerange"]!["duration"] = 1.5;
        Assert.False(Evaluate("jianying-draft-content.schema.json", content.ToJsonString()).IsValid);
    }

    [Fact]
    public void Every_material_referenced_is_in_the_zip_and_nothing_names_the_server()
    {
        var draft = DraftReader.Open(fixture.ZipPath);
        using var zip = ZipFile.OpenRead(fixture.ZipPath);
        var content = JsonNode.Parse(draft.ContentJson)!;
        var materials = content["materials"]!;
        var paths = materials["videos"]!.AsArray().Concat(materials["audios"]!.AsArray()).Select(m => (string)m!["path"]!).ToList();

        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            Assert.StartsWith(JianyingDraftExport.DraftFolderToken + "/", path);
            Assert.NotNull(zip.GetEntry($"{draft.Folder}/{path[(JianyingDraftExport.DraftFolderToken.Length + 1)..]}"));
        }

        // Every id a segment names is a material of the draft.
        var ids = materials.AsObject().SelectMany(kind => kind.Value!.AsArray()).Select(m => (string)m!["id"]!).ToHashSet();
        foreach (var segment in content["tracks"]!.AsArray().SelectMany(t => t!["segments"]!.AsArray()))
        {
            Assert.Contains((string)segment!["material_id"]!, ids);
            Assert.All(segment["extra_material_refs"]!.AsArray(), r => Assert.Contains((string)r!, ids));
        }

        Assert.DoesNotContain(fixture.Folder, draft.ContentJson);
        Assert.DoesNotContain(Path.GetTempPath(), draft.ContentJson);
        Assert.DoesNotContain(Path.GetTempPath(), draft.MetaJson);
    }

    [Fact]
    public void The_track_times_add_up_to_the_timeline()
    {
        var timeline = DraftReader.Read(DraftReader.Open(fixture.ZipPath));
        var total = JianyingDraftExport.Us(fixture.Timeline.DurationSeconds);

        Assert.Equal(total, timeline.DurationUs);
        // The picture: contiguous from 0 to the end, no gap, no overlap.
        var at = 0L;
        foreach (var shot in timeline.Shots)
        {
            Assert.Equal(at, shot.StartUs);
            at += shot.DurationUs;
        }
        Assert.Equal(total, at);
        // The music: the bed looped end to end over the whole episode.
        Assert.Equal(0, timeline.Music[0].StartUs);
        Assert.Equal(total, timeline.Music.Sum(m => m.DurationUs));
        Assert.All(timeline.Music.Zip(timeline.Music.Skip(1)), p => Assert.Equal(p.First.StartUs + p.First.DurationUs, p.Second.StartUs));
        Assert.True(timeline.Music.Count >= 2, "a 3 s bed under a longer episode is looped");
        // Nothing runs past the end.
        Assert.All(timeline.Lines.Concat(timeline.Subtitles.Select(s => new DraftClip("", s.StartUs, s.DurationUs, 0, 1))),
            c => Assert.True(c.StartUs + c.DurationUs <= total));
    }

    [Fact]
    public void A_reader_rebuilds_the_timeline_from_the_draft()
    {
        var draft = DraftReader.Read(DraftReader.Open(fixture.ZipPath));
        var timeline = fixture.Timeline;

        Assert.Equal(timeline.Shots.Count, draft.Shots.Count);
        for (var i = 0; i < timeline.Shots.Count; i++)
        {
            var expected = timeline.Shots[i];
            var shot = draft.Shots[i];
            // The shot's visible middle: its clip less half of each transition, as in the OTIO export.
            var halfIn = expected.TransitionInSeconds / 2;
            var halfOut = i + 1 < timeline.Shots.Count ? timeline.Shots[i + 1].TransitionInSeconds / 2 : 0;
            Assert.Equal(JianyingDraftExport.Us(expected.StartSeconds + halfIn), shot.StartUs);
            Assert.Equal(JianyingDraftExport.Us(expected.EndSeconds - halfOut), shot.StartUs + shot.DurationUs);
            Assert.Equal(expected.Shot.ClipPath is null ? "photo" : "video", shot.Kind);
            Assert.Equal(File.ReadAllBytes(expected.Shot.ClipPath ?? expected.Shot.ImagePath!), shot.Bytes);
            Assert.Equal(expected.TransitionIn, shot.TransitionIn);
            if (expected.TransitionIn != ShotTransition.Cut)
                Assert.Equal(JianyingDraftExport.Us(expected.TransitionInSeconds), shot.TransitionInUs);
        }

        var spoken = timeline.Shots.Where(s => s.Shot.Audio is not null).ToList();
        Assert.Equal(spoken.Count, draft.Lines.Count);
        foreach (var (expected, line) in spoken.Zip(draft.Lines))
        {
            Assert.Equal(JianyingDraftExport.Us(expected.AudioStartSeconds!.Value), line.StartUs);
            Assert.Equal(JianyingDraftExport.Us(expected.Shot.Audio!.DurationSeconds), line.DurationUs);
            Assert.Equal(File.ReadAllBytes(expected.Shot.Audio.Path), line.Bytes);
        }

        Assert.Equal(timeline.Cues.Select(c => c.Text), draft.Subtitles.Select(s => s.Text));
        Assert.Equal(timeline.Cues.Select(c => JianyingDraftExport.Us(c.StartSeconds)), draft.Subtitles.Select(s => s.StartUs));
        Assert.Equal(timeline.Cues.Select(c => JianyingDraftExport.Us(c.EndSeconds)), draft.Subtitles.Select(s => s.StartUs + s.DurationUs));
        Assert.Equal(File.ReadAllBytes(fixture.MusicPath), draft.Music[0].Bytes);
        Assert.Equal((fixture.Profile.Width, fixture.Profile.Height), (draft.Width, draft.Height));
    }

    [Fact]
    public void A_clip_shorter_than_its_shot_is_slowed_to_fill_it_within_the_material()
    {
        var draft = DraftReader.Read(DraftReader.Open(fixture.ZipPath));
        var clip = draft.Shots.Single(s => s.Kind == "video");

        Assert.True(clip.Speed < 1, $"speed {clip.Speed}");
        Assert.True(clip.SourceStartUs + clip.SourceDurationUs <= clip.MaterialDurationUs);
        Assert.InRange(clip.SourceDurationUs / clip.Speed, clip.DurationUs - 2.0, clip.DurationUs + 2.0);
    }

    [Fact]
    public void The_music_is_ducked_under_every_line_by_volume_keyframes()
    {
        var draft = DraftReader.Read(DraftReader.Open(fixture.ZipPath));
        var floor = JianyingDraftExport.MusicLevel * Math.Pow(10, EpisodeSoundtrack.DuckingDb / 20);

        foreach (var line in draft.Lines)
        {
            var middle = line.StartUs + line.DurationUs / 2;
            Assert.Equal(floor, draft.MusicLevelAt(middle), 3);
        }

        // Well away from every line the bed is at its level.
        var ramp = JianyingDraftExport.Us(EpisodeSoundtrack.DuckingRampSeconds);
        var quiet = Enumerable.Range(0, (int)(draft.DurationUs / 50_000)).Select(i => i * 50_000L)
            .Where(t => draft.Lines.All(l => t < l.StartUs - ramp - 1 || t > l.StartUs + l.DurationUs + ramp + 1)).ToList();
        Assert.NotEmpty(quiet);
        Assert.All(quiet, t => Assert.Equal(JianyingDraftExport.MusicLevel, draft.MusicLevelAt(t), 3));
        Assert.True(draft.MusicFadeInUs > 0 && draft.MusicFadeOutUs > 0);
    }

    [Fact]
    public void Stills_move_as_the_render_moves_them()
    {
        var content = JsonNode.Parse(DraftReader.Open(fixture.ZipPath).ContentJson)!;
        var segments = content["tracks"]![0]!["segments"]!.AsArray();
        var moves = fixture.Timeline.Shots.Select(s => s.Shot).ToList();

        for (var i = 0; i < moves.Count; i++)
        {
            var keyframes = segments[i]!["common_keyframes"]!.AsArray().ToDictionary(k => (string)k!["property_type"]!,
                k => k!["keyframe_list"]!.AsArray().Select(f => (double)f!["values"]![0]!).ToList());
            if (moves[i].ClipPath is not null || moves[i].CameraMove == CameraMove.Static)
            {
                Assert.Empty(keyframes);
                continue;
            }

            switch (moves[i].CameraMove)
            {
                case CameraMove.ZoomIn: Assert.True(keyframes["UNIFORM_SCALE"][^1] > keyframes["UNIFORM_SCALE"][0]); break;
                case CameraMove.ZoomOut: Assert.True(keyframes["UNIFORM_SCALE"][^1] < keyframes["UNIFORM_SCALE"][0]); break;
                case CameraMove.PanRight: Assert.True(keyframes["KFTypePositionX"][^1] < keyframes["KFTypePositionX"][0]); break;
                case CameraMove.PanLeft: Assert.True(keyframes["KFTypePositionX"][^1] > keyframes["KFTypePositionX"][0]); break;
            }
        }
    }

    /// <summary>Each schema built once: the library registers a schema by its $id and refuses a second one.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> Schemas = new();

    private static void AssertValid(string schemaFile, string json)
    {
        var results = Evaluate(schemaFile, json);
        var errors = Flatten(results).SelectMany(r => (r.Errors ?? new Dictionary<string, string>()).Select(e => $"{r.InstanceLocation}: {e.Key} {e.Value}")).ToList();
        Assert.True(results.IsValid, string.Join('\n', errors.Take(20)));
    }

    private static EvaluationResults Evaluate(string schemaFile, string json)
    {
        var schema = Schemas.GetOrAdd(schemaFile, file =>
            JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Media", "Compose", "Schemas", file))));
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static IEnumerable<EvaluationResults> Flatten(EvaluationResults results) =>
        new[] { results }.Concat((results.Details ?? []).SelectMany(Flatten));
}

/// <summary>A piece of a draft track as the reader finds it.</summary>
public sealed record DraftClip(string Kind, long StartUs, long DurationUs, long SourceStartUs, double Speed)
{
    public byte[] Bytes { get; init; } = [];
    public long SourceDurationUs { get; init; }
    public long MaterialDurationUs { get; init; }
    public ShotTransition TransitionIn { get; init; }
    public long TransitionInUs { get; init; }
}

public sealed record DraftSubtitle(string Text, long StartUs, long DurationUs);

/// <summary>The timeline a draft describes, rebuilt only from the ZIP (the round trip of the export).</summary>
public sealed record DraftTimeline(
    int Width, int Height, long DurationUs, IReadOnlyList<DraftClip> Shots, IReadOnlyList<DraftClip> Lines, IReadOnlyList<DraftClip> Music,
    IReadOnlyList<DraftSubtitle> Subtitles, IReadOnlyList<(long AtUs, double Level)> MusicEnvelope, long MusicFadeInUs, long MusicFadeOutUs)
{
    public double MusicLevelAt(long us)
    {
        var points = MusicEnvelope;
        if (us <= points[0].AtUs) return points[0].Level;
        for (var i = 1; i < points.Count; i++)
            if (us <= points[i].AtUs)
                return points[i].AtUs == points[i - 1].AtUs ? points[i].Level
                    : points[i - 1].Level + (points[i].Level - points[i - 1].Level) * (us - points[i - 1].AtUs) / (points[i].AtUs - points[i - 1].AtUs);
        return points[^1].Level;
    }
}

public sealed record DraftFiles(string Folder, string ContentJson, string MetaJson, IReadOnlyDictionary<string, byte[]> Files);

public static class DraftReader
{
    public static DraftFiles Open(string zipPath)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var folder = zip.Entries[0].FullName.Split('/')[0];
        var files = zip.Entries.Where(e => e.Length > 0 || e.FullName.EndsWith(".json", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName[(folder.Length + 1)..], e =>
            {
                using var stream = e.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                return copy.ToArray();
            });
        return new DraftFiles(folder, System.Text.Encoding.UTF8.GetString(files["draft_content.json"]),
            System.Text.Encoding.UTF8.GetString(files["draft_meta_info.json"]), files);
    }

    public static DraftTimeline Read(DraftFiles draft)
    {
        var content = JsonNode.Parse(draft.ContentJson)!;
        var materials = content["materials"]!;
        var byId = materials.AsObject().SelectMany(kind => kind.Value!.AsArray()).ToDictionary(m => (string)m!["id"]!, m => m!);
        byte[] FileOf(JsonNode material) => draft.Files[((string)material["path"]!)[(JianyingDraftExport.DraftFolderToken.Length + 1)..]];

        var tracks = content["tracks"]!.AsArray();
        var video = tracks.Single(t => (string)t!["type"]! == "video")!;
        var shots = new List<DraftClip>();
        var pending = (ShotTransition.Cut, 0L);
        foreach (var segment in video["segments"]!.AsArray())
        {
            var material = byId[(string)segment!["material_id"]!];
            var target = segment["target_timerange"]!;
            var source = segment["source_timerange"]!;
            shots.Add(new DraftClip((string)material["type"]!, (long)target["start"]!, (long)target["duration"]!, (long)source["start"]!, (double)segment["speed"]!)
            {
                Bytes = FileOf(material), SourceDurationUs = (long)source["duration"]!, MaterialDurationUs = (long)material["duration"]!,
                TransitionIn = pending.Item1, TransitionInUs = pending.Item2,
            });
            // A transition is attached to the shot before the boundary it plays on.
            pending = (ShotTransition.Cut, 0L);
            foreach (var reference in segment["extra_material_refs"]!.AsArray())
                if (byId[(string)reference!] is { } extra && (string)extra["type"]! == "transition")
                    pending = ((string)extra["name"]! == "叠化" ? ShotTransition.Crossfade : ShotTransition.FadeThroughBlack, (long)extra["duration"]!);
        }

        List<DraftClip> AudioTrack(string name) => tracks.Where(t => (string)t!["type"]! == "audio" && (string)t["name"]! == name)
            .SelectMany(t => t!["segments"]!.AsArray())
            .Select(s => new DraftClip("audio", (long)s!["target_timerange"]!["start"]!, (long)s["target_timerange"]!["duration"]!,
                (long)s["source_timerange"]!["start"]!, (double)s["speed"]!) { Bytes = FileOf(byId[(string)s["material_id"]!]) })
            .ToList();

        var musicSegments = tracks.Where(t => (string)t!["type"]! == "audio" && (string)t["name"]! == "Music").SelectMany(t => t!["segments"]!.AsArray()).ToList();
        var envelope = musicSegments.SelectMany(s =>
                s!["common_keyframes"]!.AsArray().Where(k => (string)k!["property_type"]! == "KFTypeVolume")
                    .SelectMany(k => k!["keyframe_list"]!.AsArray())
                    .Select(f => ((long)s["target_timerange"]!["start"]! + (long)f!["time_offset"]!, (double)f["values"]![0]!)))
            .OrderBy(p => p.Item1).ToList();
        var fades = musicSegments.SelectMany(s => s!["extra_material_refs"]!.AsArray()).Select(r => byId[(string)r!])
            .Where(m => (string)m["type"]! == "audio_fade").ToList();

        var subtitles = tracks.Where(t => (string)t!["type"]! == "text").SelectMany(t => t!["segments"]!.AsArray())
            .Select(s => new DraftSubtitle(
                (string)JsonNode.Parse((string)byId[(string)s!["material_id"]!]["content"]!)!["text"]!,
                (long)s["target_timerange"]!["start"]!, (long)s["target_timerange"]!["duration"]!))
            .ToList();

        return new DraftTimeline((int)content["canvas_config"]!["width"]!, (int)content["canvas_config"]!["height"]!, (long)content["duration"]!,
            shots, AudioTrack("Dialogue"), AudioTrack("Music"), subtitles, envelope,
            fades.Sum(f => (long)f["fade_in_duration"]!), fades.Sum(f => (long)f["fade_out_duration"]!));
    }
}

/// <summary>The composer writes the draft beside the MP4, SRT and OTIO of every episode it makes.</summary>
public sealed class ComposedDraftTests(ComposedEpisodeFixture composed) : IClassFixture<ComposedEpisodeFixture>
{
    [Fact]
    public void A_composed_episode_comes_with_its_draft()
    {
        Assert.NotNull(composed.Episode.DraftPath);
        var draft = DraftReader.Read(DraftReader.Open(composed.Episode.DraftPath!));

        Assert.Equal(JianyingDraftExport.Us(composed.Timeline.DurationSeconds), draft.DurationUs);
        Assert.Equal(composed.Timeline.Shots.Count, draft.Shots.Count);
        Assert.Equal((composed.Episode.Width, composed.Episode.Height), (draft.Width, draft.Height));
        Assert.Equal(composed.Timeline.Cues.Count, draft.Subtitles.Count);
    }
}
