using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using DreamX.Domain.Common;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Scripts;
using FFMpegCore;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>What a draft needs to know of one media file: its length (null for a still) and its frame size (0 for sound).</summary>
public sealed record DraftMediaInfo(double? DurationSeconds, int Width, int Height);

/// <summary>One file of a draft folder: where it goes inside the folder (forward slashes) and where it is now.</summary>
public sealed record DraftFile(string RelativePath, string SourcePath);

/// <summary>A Jianying / CapCut draft: its two JSON files and the media to put beside them.</summary>
public sealed record JianyingDraft(string FolderName, string ContentJson, string MetaJson, IReadOnlyList<DraftFile> Files);

/// <summary>
/// The composed episode as a Jianying Pro (剪映专业版) / CapCut desktop draft folder, in the unencrypted
/// <c>draft_content.json</c> + <c>draft_meta_info.json</c> format that open-source generators document (pyJianYingDraft):
/// a video track of the shots (the shot's own clip, or its still with the camera move as scale/position keyframes, each
/// trimmed by half of its transitions as in the OTIO export, with 叠化 (dissolve) / 闪黑 (dip to black) transitions on
/// the boundaries), a "Dialogue" audio track with each line at its time, a "Music" track (the bed looped to the episode's
/// length, at the mix's level, faded in and out, ducked under every line by volume keyframes) and a text track of the
/// subtitles. Every time is in microseconds. Media paths start with the app's draft-folder placeholder, so they are
/// relative to the draft folder wherever it is unzipped; nothing of the server's file system is written.
/// </summary>
public static class JianyingDraftExport
{
    /// <summary>What the apps write before a path inside the draft's own folder, and resolve to that folder on opening.</summary>
    public const string DraftFolderToken = "##_draftpath_placeholder_0E685133-18CE-45ED-8CB8-2904A212EC80_##";

    /// <summary>The length a still material is given (3 h), as the apps do, so a segment may take any part of it.</summary>
    public const long StillMaterialMicroseconds = 10_800_000_000;

    /// <summary>How much the camera move zooms (as <see cref="CameraMovement"/>): the still is shown 20 % larger.</summary>
    public const double MoveZoom = 1.2;

    /// <summary>The music bed's level under the mix (the soundtrack's volume=0.3), its fades and the ducking.</summary>
    public const double MusicLevel = 0.3;
    public const double MusicFadeInSeconds = 1;
    public const double MusicFadeOutSeconds = 1.5;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static long Us(double seconds) => (long)Math.Round(seconds * 1_000_000, MidpointRounding.AwayFromZero);

    /// <summary>Builds the draft of a composed timeline; a media file that cannot be read is a failure naming it.</summary>
    /// <param name="name">The draft's name as the app lists it.</param>
    /// <param name="probe">Reads a file's length and frame size (null: unreadable); by default ffprobe.</param>
    public static async Task<Result<JianyingDraft>> BuildAsync(
        string name, EpisodeTimeline timeline, string? musicPath, RenderProfile profile, DateTimeOffset now, CancellationToken cancellationToken,
        Func<string, CancellationToken, Task<DraftMediaInfo?>>? probe = null)
    {
        probe ??= ProbeAsync;
        // Every file is read once, all at once (a still's size from its header, a clip or the music by ffprobe).
        var sources = timeline.Shots.Select(t => t.Shot.ClipPath ?? t.Shot.ImagePath!).Append(musicPath).OfType<string>().Distinct().ToList();
        var probed = (await Task.WhenAll(sources.Select(async path => (path, Info: await probe(path, cancellationToken)))))
            .ToDictionary(x => x.path, x => x.Info);
        var draftId = Guid.NewGuid();
        var draft = new DraftBuilder(profile);

        // The video track: one segment per shot, contiguous, the transitions centred on the boundaries.
        var video = new JsonArray();
        for (var i = 0; i < timeline.Shots.Count; i++)
        {
            var timed = timeline.Shots[i];
            var shot = timed.Shot;
            var halfIn = timed.TransitionInSeconds / 2;
            var halfOut = i + 1 < timeline.Shots.Count ? timeline.Shots[i + 1].TransitionInSeconds / 2 : 0;
            var source = shot.ClipPath ?? shot.ImagePath!;
            var info = probed[source];
            if (info is null || info.Width <= 0 || info.Height <= 0)
                return Result.Failure<JianyingDraft>($"{EpisodeTimeline.Describe(shot)}: its {(shot.ClipPath is null ? "image" : "clip")} cannot be read");

            var start = Us(timed.StartSeconds + halfIn);
            var end = Us(timed.EndSeconds - halfOut);
            var isClip = shot.ClipPath is not null && info.DurationSeconds is > 0;
            var relative = $"materials/video/shot-{shot.Number:D3}{Extension(source, isClip ? ".mp4" : ".png")}";
            var materialDuration = isClip ? Us(info.DurationSeconds!.Value) : StillMaterialMicroseconds;
            var materialId = draft.Video(relative, source, isClip ? "video" : "photo", materialDuration, info.Width, info.Height);

            // A clip shorter than its shot is slowed to fill it (the render holds its last frame instead).
            var sourceStart = Math.Min(Us(halfIn), Math.Max(0, materialDuration - (end - start)));
            var sourceDuration = Math.Min(end - start, materialDuration - sourceStart);
            var speed = (double)sourceDuration / (end - start);
            var refs = new JsonArray { draft.Speed(speed) };
            if (i + 1 < timeline.Shots.Count && timeline.Shots[i + 1].TransitionIn != ShotTransition.Cut)
                refs.Add(draft.Transition(timeline.Shots[i + 1].TransitionIn, Us(timeline.Shots[i + 1].TransitionInSeconds)));

            var segment = Segment(materialId, Range(sourceStart, sourceDuration), Range(start, end - start), speed, volume: 0, refs);
            var cover = CoverScale(info.Width, info.Height, profile.Width, profile.Height);
            segment["clip"] = Clip(cover, 0, 0);
            segment["uniform_scale"] = new JsonObject { ["on"] = true, ["value"] = 1.0 };
            segment["hdr_settings"] = new JsonObject { ["intensity"] = 1.0, ["mode"] = 1, ["nits"] = 1000 };
            segment["common_keyframes"] = isClip ? new JsonArray() : CameraKeyframes(shot.CameraMove, timed, halfIn, halfOut, cover, info, profile, end - start);
            video.Add(segment);
        }

        // The dialogue: each line where the mix places it.
        var dialogue = new JsonArray();
        var lines = new List<(double Start, double End)>();
        foreach (var timed in timeline.Shots)
        {
            if (timed.Shot.Audio is not { } audio || timed.AudioStartSeconds is not { } at) continue;
            var duration = Us(audio.DurationSeconds);
            var relative = $"materials/audio/line-{timed.Shot.Number:D3}{Extension(audio.Path, ".wav")}";
            var materialId = draft.Audio(relative, audio.Path, $"Shot {timed.Shot.Number} line", duration);
            dialogue.Add(AudioSegment(materialId, Range(0, duration), Range(Us(at), duration), draft.Speed(1.0), 1.0));
            lines.Add((at, at + audio.DurationSeconds));
        }

        var tracks = new JsonArray { Track("video", "", video) };
        if (dialogue.Count > 0) tracks.Add(Track("audio", "Dialogue", dialogue));

        // The music bed, looped to the episode's length as the mix does.
        if (musicPath is not null)
        {
            var info = probed[musicPath];
            if (info?.DurationSeconds is not > 0)
                return Result.Failure<JianyingDraft>("The music file cannot be read.");
            var materialDuration = Us(info.DurationSeconds.Value);
            var materialId = draft.Audio("materials/audio/music" + Extension(musicPath, ".mp3"), musicPath, "Music", materialDuration);
            var total = Us(timeline.DurationSeconds);
            var envelope = DuckingEnvelope(lines);
            var music = new JsonArray();
            for (long at = 0; at < total; at += materialDuration)
            {
                var length = Math.Min(materialDuration, total - at);
                var segment = AudioSegment(materialId, Range(0, length), Range(at, length), draft.Speed(1.0), 1.0);
                var fadeIn = at == 0 ? Us(MusicFadeInSeconds) : 0;
                var fadeOut = at + length >= total ? Us(MusicFadeOutSeconds) : 0;
                if (fadeIn > 0 || fadeOut > 0)
                    ((JsonArray)segment["extra_material_refs"]!).Add(draft.Fade(fadeIn, fadeOut));
                segment["common_keyframes"] = VolumeKeyframes(envelope, at, length);
                music.Add(segment);
            }

            tracks.Add(Track("audio", "Music", music));
        }

        // The subtitles.
        if (timeline.Cues.Count > 0)
        {
            var texts = new JsonArray();
            foreach (var cue in timeline.Cues)
            {
                var start = Us(cue.StartSeconds);
                var materialId = draft.Text(cue.Text);
                var segment = Segment(materialId, null, Range(start, Us(cue.EndSeconds) - start), 1.0, 1.0, []);
                segment["clip"] = Clip(1.0, 0, -0.8);
                segment["uniform_scale"] = new JsonObject { ["on"] = true, ["value"] = 1.0 };
                segment["render_index"] = 15000;
                segment["track_render_index"] = 0;
                texts.Add(segment);
            }

            tracks.Add(Track("text", "Subtitles", texts));
        }

        var durationUs = Us(timeline.DurationSeconds);
        var content = Content(draftId, name, profile, durationUs, now, draft.Materials, tracks);
        var meta = Meta(draftId, name, durationUs, now);
        var folder = $"{SafeName(name)}-{draftId.ToString("N")[..8]}";
        return new JianyingDraft(folder, content.ToJsonString(Indented), meta.ToJsonString(Indented), draft.Files);
    }

    /// <summary>Writes the draft as a ZIP holding one folder (the draft folder), the media stored without recompression.</summary>
    public static async Task WriteZipAsync(JianyingDraft draft, string zipPath, CancellationToken cancellationToken)
    {
        var partial = zipPath + ".part";
        await using (var file = File.Create(partial))
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            await AddTextAsync(zip, $"{draft.FolderName}/draft_content.json", draft.ContentJson, cancellationToken);
            await AddTextAsync(zip, $"{draft.FolderName}/draft_meta_info.json", draft.MetaJson, cancellationToken);
            foreach (var media in draft.Files)
                await zip.CreateEntryFromFileAsync(media.SourcePath, $"{draft.FolderName}/{media.RelativePath}", CompressionLevel.NoCompression, cancellationToken);
        }

        File.Move(partial, zipPath, overwrite: true);
    }

    private static async Task AddTextAsync(ZipArchive zip, string entryName, string text, CancellationToken cancellationToken)
    {
        var entry = zip.CreateEntry(entryName, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await stream.WriteAsync(new System.Text.UTF8Encoding(false).GetBytes(text), cancellationToken);
    }

    /// <summary>A still's frame size from its header (no process started); anything else, or a still the header does not
    /// describe, by ffprobe.</summary>
    public static async Task<DraftMediaInfo?> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        using (var codec = SkiaSharp.SKCodec.Create(path))
        {
            if (codec is { Info: { Width: > 0, Height: > 0 } header })
                return new DraftMediaInfo(null, header.Width, header.Height);
        }

        try
        {
            var analysis = await FFProbe.AnalyseAsync(path, cancellationToken: cancellationToken);
            var picture = analysis.PrimaryVideoStream;
            var isStill = picture is not null && (picture.CodecName is "png" or "mjpeg" or "webp" or "bmp" || analysis.Format.FormatName.Contains("image2", StringComparison.Ordinal)
                || analysis.Format.FormatName.EndsWith("_pipe", StringComparison.Ordinal));
            double? duration = isStill ? null : analysis.Duration.TotalSeconds;
            return new DraftMediaInfo(duration, picture?.Width ?? 0, picture?.Height ?? 0);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>How much larger than the app's "fit" a picture is shown to fill the frame, as the render crops it.</summary>
    private static double CoverScale(int width, int height, int frameWidth, int frameHeight)
    {
        var fit = Math.Min((double)frameWidth / width, (double)frameHeight / height);
        var cover = Math.Max((double)frameWidth / width, (double)frameHeight / height);
        return cover / fit;
    }

    /// <summary>The camera move over a still as keyframes: zoom as uniform scale, pans as position (half-frame units).</summary>
    private static JsonArray CameraKeyframes(
        CameraMove move, TimedShot timed, double halfIn, double halfOut, double cover, DraftMediaInfo info, RenderProfile profile, long segmentUs)
    {
        if (move == CameraMove.Static) return [];
        // The move runs over the whole clip; the segment shows it from halfIn to the clip's end less halfOut.
        var from = halfIn / timed.ClipSeconds;
        var to = (timed.ClipSeconds - halfOut) / timed.ClipSeconds;
        var fit = Math.Min((double)profile.Width / info.Width, (double)profile.Height / info.Height);
        // The still shown at MoveZoom × cover overhangs the frame by this share of the frame on each axis: a pan goes from
        // one edge to the other, which is that many half-frames either side of the centre.
        var overX = info.Width * fit * cover * MoveZoom / profile.Width - 1;
        var overY = info.Height * fit * cover * MoveZoom / profile.Height - 1;
        double Lerp(double a, double b, double p) => a + (b - a) * p;
        var lists = new JsonArray();
        void Add(string property, double a, double b) =>
            lists.Add(new JsonObject
            {
                ["id"] = NewId(),
                ["keyframe_list"] = new JsonArray { Keyframe(0, Lerp(a, b, from)), Keyframe(segmentUs, Lerp(a, b, to)) },
                ["material_id"] = "",
                ["property_type"] = property,
            });
        switch (move)
        {
            case CameraMove.ZoomIn: Add("UNIFORM_SCALE", cover, cover * MoveZoom); break;
            case CameraMove.ZoomOut: Add("UNIFORM_SCALE", cover * MoveZoom, cover); break;
            case CameraMove.PanRight: Add("UNIFORM_SCALE", cover * MoveZoom, cover * MoveZoom); Add("KFTypePositionX", overX, -overX); break;
            case CameraMove.PanLeft: Add("UNIFORM_SCALE", cover * MoveZoom, cover * MoveZoom); Add("KFTypePositionX", -overX, overX); break;
            case CameraMove.PanDown: Add("UNIFORM_SCALE", cover * MoveZoom, cover * MoveZoom); Add("KFTypePositionY", -overY, overY); break;
            case CameraMove.PanUp: Add("UNIFORM_SCALE", cover * MoveZoom, cover * MoveZoom); Add("KFTypePositionY", overY, -overY); break;
        }

        return lists;
    }

    /// <summary>The bed's volume over time (timeline seconds → linear level): <see cref="MusicLevel"/>, ducked by
    /// <see cref="EpisodeSoundtrack.DuckingDb"/> while a line is spoken, ramped over <see cref="EpisodeSoundtrack.DuckingRampSeconds"/>;
    /// lines whose ramps touch stay ducked between.</summary>
    public static IReadOnlyList<(double Seconds, double Level)> DuckingEnvelope(IReadOnlyList<(double Start, double End)> lines)
    {
        var ramp = EpisodeSoundtrack.DuckingRampSeconds;
        var ducked = MusicLevel * Math.Pow(10, EpisodeSoundtrack.DuckingDb / 20);
        var merged = new List<(double Start, double End)>();
        foreach (var line in lines.OrderBy(l => l.Start))
        {
            if (merged.Count > 0 && line.Start - ramp <= merged[^1].End + ramp)
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, line.End));
            else
                merged.Add(line);
        }

        var points = new List<(double, double)> { (0, MusicLevel) };
        foreach (var (start, end) in merged)
        {
            points.Add((Math.Max(0, start - ramp), MusicLevel));
            points.Add((start, ducked));
            points.Add((end, ducked));
            points.Add((end + ramp, MusicLevel));
        }

        return points;
    }

    private static double LevelAt(IReadOnlyList<(double Seconds, double Level)> envelope, double t)
    {
        if (t <= envelope[0].Seconds) return envelope[0].Level;
        for (var i = 1; i < envelope.Count; i++)
        {
            if (t > envelope[i].Seconds) continue;
            var (t0, v0) = envelope[i - 1];
            var (t1, v1) = envelope[i];
            return t1 <= t0 ? v1 : v0 + (v1 - v0) * (t - t0) / (t1 - t0);
        }

        return envelope[^1].Level;
    }

    private static JsonArray VolumeKeyframes(IReadOnlyList<(double Seconds, double Level)> envelope, long startUs, long lengthUs)
    {
        var times = new SortedSet<long> { 0, lengthUs };
        foreach (var (seconds, _) in envelope)
        {
            var offset = Us(seconds) - startUs;
            if (offset > 0 && offset < lengthUs) times.Add(offset);
        }

        var keyframes = new JsonArray();
        foreach (var offset in times)
            keyframes.Add(Keyframe(offset, Math.Round(LevelAt(envelope, (startUs + offset) / 1_000_000.0), 5)));
        return
        [
            new JsonObject { ["id"] = NewId(), ["keyframe_list"] = keyframes, ["material_id"] = "", ["property_type"] = "KFTypeVolume" },
        ];
    }

    private static JsonObject Keyframe(long offsetUs, double value) => new()
    {
        ["curveType"] = "Line",
        ["graphID"] = "",
        ["left_control"] = new JsonObject { ["x"] = 0.0, ["y"] = 0.0 },
        ["right_control"] = new JsonObject { ["x"] = 0.0, ["y"] = 0.0 },
        ["id"] = NewId(),
        ["time_offset"] = offsetUs,
        ["values"] = new JsonArray { value },
    };

    private static JsonObject Range(long start, long duration) => new() { ["start"] = start, ["duration"] = duration };

    private static JsonObject Clip(double scale, double x, double y) => new()
    {
        ["alpha"] = 1.0,
        ["flip"] = new JsonObject { ["horizontal"] = false, ["vertical"] = false },
        ["rotation"] = 0.0,
        ["scale"] = new JsonObject { ["x"] = scale, ["y"] = scale },
        ["transform"] = new JsonObject { ["x"] = x, ["y"] = y },
    };

    private static JsonObject Segment(string materialId, JsonObject? source, JsonObject target, double speed, double volume, JsonArray refs) => new()
    {
        ["id"] = NewId(),
        ["material_id"] = materialId,
        ["source_timerange"] = source,
        ["target_timerange"] = target,
        ["speed"] = speed,
        ["volume"] = volume,
        ["last_nonzero_volume"] = 1.0,
        ["extra_material_refs"] = refs,
        ["common_keyframes"] = new JsonArray(),
        ["keyframe_refs"] = new JsonArray(),
        ["enable_adjust"] = true,
        ["enable_color_curves"] = true,
        ["enable_color_wheels"] = true,
        ["enable_lut"] = true,
        ["enable_color_correct_adjust"] = false,
        ["enable_color_match_adjust"] = false,
        ["enable_smart_color_adjust"] = false,
        ["is_tone_modify"] = false,
        ["reverse"] = false,
        ["visible"] = true,
        ["render_index"] = 0,
        ["track_attribute"] = 0,
        ["track_render_index"] = 0,
    };

    private static JsonObject AudioSegment(string materialId, JsonObject source, JsonObject target, string speedId, double volume)
    {
        var segment = Segment(materialId, source, target, 1.0, volume, [speedId]);
        segment["clip"] = null;
        segment["hdr_settings"] = null;
        return segment;
    }

    private static JsonObject Track(string type, string name, JsonArray segments) => new()
    {
        ["id"] = NewId(),
        ["type"] = type,
        ["name"] = name,
        ["is_default_name"] = name.Length == 0,
        ["attribute"] = 0,
        ["flag"] = 0,
        ["segments"] = segments,
    };

    private static JsonObject Content(Guid draftId, string name, RenderProfile profile, long durationUs, DateTimeOffset now, JsonObject materials, JsonArray tracks)
    {
        var platform = new JsonObject { ["app_id"] = 3704, ["app_source"] = "lv", ["app_version"] = "5.9.0", ["os"] = "windows" };
        return new JsonObject
        {
            ["id"] = draftId.ToString().ToUpperInvariant(),
            ["name"] = name,
            ["canvas_config"] = new JsonObject { ["width"] = profile.Width, ["height"] = profile.Height, ["ratio"] = "original" },
            ["color_space"] = 0,
            ["config"] = new JsonObject
            {
                ["adjust_max_index"] = 1, ["attachment_info"] = new JsonArray(), ["combination_max_index"] = 1, ["export_range"] = null,
                ["extract_audio_last_index"] = 1, ["lyrics_recognition_id"] = "", ["lyrics_sync"] = true, ["lyrics_taskinfo"] = new JsonArray(),
                ["maintrack_adsorb"] = true, ["material_save_mode"] = 0, ["original_sound_last_index"] = 1, ["record_audio_last_index"] = 1,
                ["sticker_max_index"] = 1, ["subtitle_recognition_id"] = "", ["subtitle_sync"] = true, ["subtitle_taskinfo"] = new JsonArray(),
                ["system_font_list"] = new JsonArray(), ["video_mute"] = false, ["zoom_info_params"] = null,
            },
            ["cover"] = null,
            ["create_time"] = now.ToUnixTimeSeconds(),
            ["update_time"] = now.ToUnixTimeSeconds(),
            ["duration"] = durationUs,
            ["extra_info"] = null,
            ["fps"] = (double)profile.FramesPerSecond,
            ["free_render_index_mode_on"] = false,
            ["group_container"] = null,
            ["keyframe_graph_list"] = new JsonArray(),
            ["keyframes"] = new JsonObject
            {
                ["adjusts"] = new JsonArray(), ["audios"] = new JsonArray(), ["effects"] = new JsonArray(), ["filters"] = new JsonArray(),
                ["handwrites"] = new JsonArray(), ["stickers"] = new JsonArray(), ["texts"] = new JsonArray(), ["videos"] = new JsonArray(),
            },
            ["last_modified_platform"] = platform.DeepClone(),
            ["platform"] = platform,
            ["materials"] = materials,
            ["mutable_config"] = null,
            ["new_version"] = "110.0.0",
            ["relationships"] = new JsonArray(),
            ["render_index_track_mode_on"] = false,
            ["retouch_cover"] = null,
            ["source"] = "default",
            ["static_cover_image_path"] = "",
            ["time_marks"] = null,
            ["tracks"] = tracks,
            ["version"] = 360000,
        };
    }

    private static JsonObject Meta(Guid draftId, string name, long durationUs, DateTimeOffset now)
    {
        var stamp = now.ToUnixTimeMilliseconds() * 1000;
        var kinds = new JsonArray();
        foreach (var type in new[] { 0, 1, 2, 3, 6, 7, 8 })
            kinds.Add(new JsonObject { ["type"] = type, ["value"] = new JsonArray() });
        return new JsonObject
        {
            ["draft_id"] = draftId.ToString().ToUpperInvariant(),
            ["draft_name"] = name,
            ["draft_fold_path"] = "",
            ["draft_root_path"] = "",
            ["draft_cover"] = "",
            ["draft_materials"] = kinds,
            ["draft_materials_copied_info"] = new JsonArray(),
            ["draft_removable_storage_device"] = "",
            ["draft_segment_extra_info"] = new JsonArray(),
            ["draft_type"] = "",
            ["draft_is_invisible"] = false,
            ["draft_is_from_deeplink"] = "false",
            ["draft_is_ai_shorts"] = false,
            ["draft_cloud_materials"] = new JsonArray(),
            ["draft_new_version"] = "",
            ["tm_draft_create"] = stamp,
            ["tm_draft_modified"] = stamp,
            ["tm_draft_removed"] = 0,
            ["tm_duration"] = durationUs,
            ["draft_timeline_materials_size_"] = 0,
        };
    }

    private static string NewId() => Guid.NewGuid().ToString().ToUpperInvariant();

    private static string Extension(string path, string fallback) =>
        Path.GetExtension(path) is { Length: > 1 and <= 6 } ext ? ext.ToLowerInvariant() : fallback;

    private static string SafeName(string name)
    {
        var chars = name.Trim().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var safe = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return safe.Length == 0 ? "dreamx" : safe.Length > 40 ? safe[..40] : safe;
    }

    /// <summary>Collects the materials of a draft: each media file once, each segment's helpers (speed, fade, transition, text).</summary>
    private sealed class DraftBuilder(RenderProfile profile)
    {
        private readonly Dictionary<string, string> _bySource = new(StringComparer.Ordinal);
        private readonly JsonArray _videos = [];
        private readonly JsonArray _audios = [];
        private readonly JsonArray _speeds = [];
        private readonly JsonArray _fades = [];
        private readonly JsonArray _transitions = [];
        private readonly JsonArray _texts = [];

        public List<DraftFile> Files { get; } = [];

        public JsonObject Materials
        {
            get
            {
                var materials = new JsonObject();
                foreach (var kind in MaterialKinds)
                    materials[kind] = new JsonArray();
                materials["videos"] = _videos;
                materials["audios"] = _audios;
                materials["speeds"] = _speeds;
                materials["audio_fades"] = _fades;
                materials["transitions"] = _transitions;
                materials["texts"] = _texts;
                return materials;
            }
        }

        public string Video(string relative, string source, string type, long durationUs, int width, int height)
        {
            if (_bySource.TryGetValue(source, out var known)) return known;
            var id = NewId();
            _videos.Add(new JsonObject
            {
                ["id"] = id,
                ["local_material_id"] = "",
                ["material_id"] = id,
                ["material_name"] = Path.GetFileName(relative),
                ["type"] = type,
                ["path"] = $"{DraftFolderToken}/{relative}",
                ["media_path"] = "",
                ["duration"] = durationUs,
                ["width"] = width,
                ["height"] = height,
                ["category_id"] = "",
                ["category_name"] = "local",
                ["check_flag"] = 63487,
                ["crop"] = new JsonObject
                {
                    ["upper_left_x"] = 0.0, ["upper_left_y"] = 0.0, ["upper_right_x"] = 1.0, ["upper_right_y"] = 0.0,
                    ["lower_left_x"] = 0.0, ["lower_left_y"] = 1.0, ["lower_right_x"] = 1.0, ["lower_right_y"] = 1.0,
                },
                ["crop_ratio"] = "free",
                ["crop_scale"] = 1.0,
                ["audio_fade"] = null,
            });
            Files.Add(new DraftFile(relative, source));
            return _bySource[source] = id;
        }

        public string Audio(string relative, string source, string name, long durationUs)
        {
            if (_bySource.TryGetValue(source, out var known)) return known;
            var id = NewId();
            _audios.Add(new JsonObject
            {
                ["id"] = id,
                ["local_material_id"] = id,
                ["music_id"] = id,
                ["name"] = name,
                ["type"] = "extract_music",
                ["path"] = $"{DraftFolderToken}/{relative}",
                ["duration"] = durationUs,
                ["app_id"] = 0,
                ["category_id"] = "",
                ["category_name"] = "local",
                ["check_flag"] = 3,
                ["copyright_limit_type"] = "none",
                ["effect_id"] = "",
                ["formula_id"] = "",
                ["source_platform"] = 0,
                ["wave_points"] = new JsonArray(),
            });
            Files.Add(new DraftFile(relative, source));
            return _bySource[source] = id;
        }

        public string Speed(double speed)
        {
            var id = NewId();
            _speeds.Add(new JsonObject { ["id"] = id, ["type"] = "speed", ["mode"] = 0, ["speed"] = Math.Round(speed, 6), ["curve_speed"] = null });
            return id;
        }

        public string Fade(long inUs, long outUs)
        {
            var id = NewId();
            _fades.Add(new JsonObject { ["id"] = id, ["type"] = "audio_fade", ["fade_type"] = 0, ["fade_in_duration"] = inUs, ["fade_out_duration"] = outUs });
            return id;
        }

        public string Transition(ShotTransition transition, long durationUs)
        {
            // The apps' own effects: 叠化 (dissolve) overlaps the two shots; 闪黑 (dip to black) plays across the cut.
            var (name, resourceId, effectId, overlap) = transition == ShotTransition.Crossfade
                ? ("叠化", "6724845717472416269", "322577", true)
                : ("闪黑", "6724239388189921806", "321493", false);
            var id = NewId();
            _transitions.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = "transition",
                ["name"] = name,
                ["effect_id"] = effectId,
                ["resource_id"] = resourceId,
                ["duration"] = durationUs,
                ["is_overlap"] = overlap,
                ["category_id"] = "",
                ["category_name"] = "",
                ["platform"] = "all",
            });
            return id;
        }

        public string Text(string text)
        {
            var id = NewId();
            // Subtitles as the render burns them: white with a dark outline, sized to the frame's short side.
            var content = new JsonObject
            {
                ["styles"] = new JsonArray
                {
                    new JsonObject
                    {
                        ["fill"] = new JsonObject
                        {
                            ["alpha"] = 1.0,
                            ["content"] = new JsonObject { ["render_type"] = "solid", ["solid"] = new JsonObject { ["alpha"] = 1.0, ["color"] = new JsonArray { 1.0, 1.0, 1.0 } } },
                        },
                        ["range"] = new JsonArray { 0, text.Length },
                        ["size"] = profile.Width < profile.Height ? 7.0 : 6.0,
                        ["bold"] = false,
                        ["italic"] = false,
                        ["underline"] = false,
                        ["strokes"] = new JsonArray
                        {
                            new JsonObject { ["content"] = new JsonObject { ["solid"] = new JsonObject { ["alpha"] = 1.0, ["color"] = new JsonArray { 0.0, 0.0, 0.0 } } }, ["width"] = 0.08 },
                        },
                    },
                },
                ["text"] = text,
            };
            _texts.Add(new JsonObject
            {
                ["id"] = id,
                ["type"] = "subtitle",
                ["content"] = content.ToJsonString(Compact),
                ["typesetting"] = 0,
                ["alignment"] = 1,
                ["letter_spacing"] = 0.0,
                ["line_spacing"] = 0.02,
                ["line_feed"] = 1,
                ["line_max_width"] = 0.82,
                ["force_apply_line_max_width"] = false,
                ["check_flag"] = 15,
                ["global_alpha"] = 1.0,
            });
            return id;
        }

        /// <summary>Every material list a draft has, most of them empty here; the app expects them all.</summary>
        private static readonly string[] MaterialKinds =
        [
            "ai_translates", "audio_balances", "audio_effects", "audio_fades", "audio_track_indexes", "audios", "beats", "canvases",
            "chromas", "color_curves", "digital_humans", "drafts", "effects", "flowers", "green_screens", "handwrites", "hsl", "images",
            "log_color_wheels", "loudnesses", "manual_deformations", "masks", "material_animations", "material_colors",
            "multi_language_refs", "placeholders", "plugin_effects", "primary_color_wheels", "realtime_denoises", "shapes",
            "smart_crops", "smart_relights", "sound_channel_mappings", "speeds", "stickers", "tail_leaders", "text_templates", "texts",
            "time_marks", "transitions", "video_effects", "video_trackings", "videos", "vocal_beautifys", "vocal_separations",
        ];
    }
}
