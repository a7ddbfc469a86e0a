// Compose benchmark (issue "Compose at encoder speed"): a 60 s, 12-shot, 9:16 episode from generated stills and
// espeak-ng speech, composed final, preview and re-composed final after one shot's image changed, against the floor:
// one ffmpeg command encoding 60 s of 720x1280 24 fps camera movement over one still with the same x264 preset.
// The finals share a segment cache in a local object storage, as instances share one in S3.
// Besides wall times it prints the CPU seconds each step used (this process and the ffmpeg it ran), which other
// work on a shared machine does not inflate: the wall ratios move with the load, the CPU ratios much less.
using System.Diagnostics;
using System.Globalization;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Infrastructure.Media.Compose;
using DreamX.Tests.Support;
using Microsoft.AspNetCore.DataProtection;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var folder = Path.Combine(Path.GetTempPath(), "dreamx-bench-compose-" + Guid.NewGuid().ToString("N"));
try
{
    string?[] lines =
    [
        "The rain has not stopped for three days.", "Did you hear that?", null, "我们今晚必须离开这座城市。",
        "Nobody follows us.", null, "Take the map and the lamp.", "The bridge is gone.",
        "Then we swim.", null, "Look, the lights of the harbour.", "We made it.",
    ];
    Console.WriteLine("compose bench: generating 12 stills and the spoken lines...");
    var shots = await SampleEpisode.CreateAsync(Path.Combine(folder, "media"), lines, 5, 1080, 1920);
    shots = FitToSixtySeconds(shots);
    var timeline = EpisodeTimeline.Build(shots).Value;
    Console.WriteLine($"episode: {timeline.Shots.Count} shots, {timeline.DurationSeconds:F2} s, {timeline.Cues.Count} lines");

    var storage = new LocalFileObjectStorage(Path.Combine(folder, "storage"),
        new MediaUrlSigner(new EphemeralDataProtectionProvider(), TimeProvider.System));
    var composer = new EpisodeComposer(storage);
    var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
    Console.WriteLine($"load average before: {load} ({Environment.ProcessorCount} cores)");
    // The floor is timed before and after the composes and the two averaged, so a load that rises or falls while the
    // bench runs does not favour either side.
    var floorBefore = await TimeFloorAsync(shots[0].ImagePath!, timeline.DurationSeconds, folder);
    var final = await TimeComposeAsync(composer, shots, ComposeMode.Final, folder, "final");
    var preview = await TimeComposeAsync(composer, shots, ComposeMode.Preview, folder, "preview");
    // A creator regenerates one shot's image and composes the final again (same work folder, so a warm local cache;
    // a new instance would fetch the same segments from storage).
    SampleEpisode.WriteStill(shots[5].ImagePath!, 99, 1080, 1920);
    var recompose = await TimeComposeAsync(composer, shots, ComposeMode.Final, folder, "final", "recompose");
    var floorAfter = await TimeFloorAsync(shots[0].ImagePath!, timeline.DurationSeconds, folder);
    var floor = (Wall: (floorBefore.Wall + floorAfter.Wall) / 2, Cpu: (floorBefore.Cpu + floorAfter.Cpu) / 2);
    var paced = await TimeFloorAsync(shots[0].ImagePath!, timeline.DurationSeconds, folder, timeline.Shots.Count);
    var loadAfter = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
    Console.WriteLine($"load average after: {loadAfter}");

    Console.WriteLine($"paced floor: {paced.Wall:F1} s, final/paced floor {final.Wall / paced.Wall:F2} (CPU {final.Cpu / paced.Cpu:F2})");
    Console.WriteLine($"cpu: final {final.Cpu:F1} s, preview {preview.Cpu:F1} s, recompose {recompose.Cpu:F1} s, floor {floor.Cpu:F1} s, " +
                      $"final/floor {final.Cpu / floor.Cpu:F2}, final/preview {final.Cpu / preview.Cpu:F1}, recompose/floor {recompose.Cpu / floor.Cpu:F2}");
    Console.WriteLine($"compose: final {final.Wall:F1} s, preview {preview.Wall:F1} s, recompose {recompose.Wall:F1} s, floor {floor.Wall:F1} s, " +
                      $"final/floor {final.Wall / floor.Wall:F2}, recompose/floor {recompose.Wall / floor.Wall:F2}, final/preview {final.Wall / preview.Wall:F1}");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"compose bench failed: {e.Message}");
    return 1;
}
finally
{
    if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
}

// Stretches every shot evenly so the episode lasts 60 s (transitions overlap shots, lines lengthen them).
static List<TimelineShot> FitToSixtySeconds(List<TimelineShot> shots)
{
    for (var attempt = 0; attempt < 5; attempt++)
    {
        var missing = 60 - EpisodeTimeline.Build(shots).Value.DurationSeconds;
        if (Math.Abs(missing) < 0.05) break;
        shots = shots.Select(s => s with { DurationSeconds = s.DurationSeconds + missing / shots.Count }).ToList();
    }

    return shots;
}

// CPU seconds used so far by this process and by the child processes it has waited for.
static double CpuSeconds() =>
    ProcessTimes.Read("/proc/self/stat") is { } self
        ? self.Own + self.Children
        : Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

static async Task<(double Wall, double Cpu)> TimeComposeAsync(
    EpisodeComposer composer, List<TimelineShot> shots, ComposeMode mode, string folder, string workName, string? label = null)
{
    var name = label ?? mode.ToString().ToLowerInvariant();
    var cpu = CpuSeconds();
    var clock = Stopwatch.StartNew();
    var result = await composer.ComposeAsync(new ComposeRequest("bench", shots, AspectRatio.Portrait9x16, mode,
        Path.Combine(folder, "work-" + workName), Path.Combine(folder, "out-" + name)), CancellationToken.None);
    var seconds = clock.Elapsed.TotalSeconds;
    cpu = CpuSeconds() - cpu;
    if (result.IsFailure) throw new InvalidOperationException($"{name} compose failed: {result.Error}");
    var episode = result.Value;
    Console.WriteLine($"{name}: {seconds:F1} s wall, {cpu:F1} s CPU, {episode.Width}x{episode.Height}, {episode.Duration.TotalSeconds:F2} s, {episode.SizeBytes / 1024} KiB");
    var t = episode.Timings;
    Console.WriteLine($"  {name} stages: check+hash {t.Check.TotalSeconds:F1} s, picture {t.Picture.TotalSeconds:F1} s " +
                      $"({episode.SegmentsRendered} segments rendered, {episode.SegmentsReused} reused), soundtrack wait {t.SoundtrackWait.TotalSeconds:F1} s " +
                      $"(mixed: {episode.SoundtrackMixed}), join {t.Join.TotalSeconds:F1} s, cover+otio+share {t.CoverAndTimeline.TotalSeconds:F1} s");
    return (seconds, cpu);
}

static async Task<(double Wall, double Cpu)> TimeFloorAsync(string still, double seconds, string folder, int? shots = null)
{
    const int fps = 24;
    var frames = (int)Math.Round(seconds * fps);
    // At the episode's pace: the same zoom, made again over every shot's length (a shot's move is as large as the
    // floor's whole minute, so it is that many times faster, and x264 spends more on faster motion).
    var filter = CameraMovement.Filter(CameraMove.ZoomIn, 720, 1280, frames, fps);
    if (shots is { } count)
    {
        var each = frames / count;
        filter = filter.Replace($"(on/{frames - 1})", $"(mod(on,{each})/{each - 1})", StringComparison.Ordinal);
    }
    var cpu = CpuSeconds();
    var clock = Stopwatch.StartNew();
    var run = await FfmpegProcess.RunAsync(
        ["-v", "error", "-i", still, "-vf", filter,
         "-frames:v", frames.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", RenderProfile.FinalPreset,
         "-crf", "21", "-pix_fmt", "yuv420p", Path.Combine(folder, "floor.mp4")], folder, CancellationToken.None);
    if (run.IsFailure) throw new InvalidOperationException($"floor encode failed: {run.Error}");
    var elapsed = clock.Elapsed.TotalSeconds;
    cpu = CpuSeconds() - cpu;
    Console.WriteLine($"floor{(shots is null ? "" : " at the episode's pace")}: {elapsed:F1} s wall, {cpu:F1} s CPU (one ffmpeg, {frames} frames of 720x1280 zoom over one still" +
                      $"{(shots is null ? "" : $", made again every {frames / shots} frames")}, libx264 {RenderProfile.FinalPreset})");
    return (elapsed, cpu);
}
