using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Media.Timeline;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Infrastructure.Media.Music;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>One shot of a compose request, by object keys (the step fetches the files).</summary>
public sealed record ComposeShot(
    Guid ShotId, int Number, int SceneNumber, decimal DurationSeconds, string? ImageKey, string? ClipKey,
    CameraMove CameraMove, ShotTransition Transition, string? AudioKey, decimal? AudioSeconds, string? Text, string? Speaker);

/// <summary>
/// A compose task's inputs: every media key is in it, so a changed shot changes the hash and the cache misses.
/// <paramref name="Language"/>: the language version rendered (its lines, voices and subtitles are in the shots); null for
/// the episode's own language.
/// </summary>
public sealed record ComposeInput(
    Guid CompositionId, int EpisodeNumber, AspectRatio AspectRatio, bool BurnSubtitles, int ShortSide, string? MusicKey, IReadOnlyList<ComposeShot> Shots,
    string? Language = null)
{
    /// <summary>A music video's song, beat grid and lyrics: set, the episode is composed by <see cref="MusicVideoComposer"/>.</summary>
    /// <remarks>Left out of a drama's inputs, so their hash (and the result cache) is what it was.</remarks>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public MusicVideoCompose? MusicVideo { get; init; }
}

/// <summary>
/// What a music video's compose adds: the song's key, the excerpt (start in the song and length), each shot's
/// beat-to-beat span (seconds from the video's start) and the lyric lines as subtitles.
/// </summary>
public sealed record MusicVideoCompose(
    string SongKey, double ExcerptStart, double DurationSeconds, IReadOnlyList<MusicVideoComposeShot> Timing, IReadOnlyList<Domain.MusicVideos.TimedLyric> Lyrics);

public sealed record MusicVideoComposeShot(Guid ShotId, double Start, double End);

/// <summary>Where a render's files went, and what the player shows about it.</summary>
public sealed record ComposeResult(
    string VideoKey, string SubtitlesKey, string CoverKey, string TimelineKey, decimal DurationSeconds, int Width, int Height, long SizeBytes,
    string? DraftKey = null, string? Language = null);

/// <summary>
/// Renders an episode (SPEC §5) with the <see cref="EpisodeComposer"/>: fetches the shots' media from storage into a
/// work folder kept per composition (its clip cache makes a re-compose render only changed shots), composes, and
/// stores the MP4, SRT, cover, OTIO timeline and Jianying/CapCut draft next to each other. Bad media fails the task naming the shot.
/// </summary>
public abstract class ComposeStep(
    EpisodeComposer composer, ComposeWorkspace workspace, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : IGenerationStep
{
    public abstract GenerationTaskType TaskType { get; }

    protected abstract ComposeMode Mode { get; }

    public StepRoute? Route(GenerationTask task) => new("ffmpeg", Mode.ToString().ToLowerInvariant());

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        var input = StageJson.Deserialize<ComposeInput>(context.Task.InputJson ?? "");
        if (input.IsFailure)
            throw new InvalidOperationException($"the task's inputs cannot be read: {input.Error}");
        var request = input.Value;

        var work = workspace.Open(request.CompositionId);
        var media = Path.Combine(work, "media");
        var output = Path.Combine(work, "out-" + context.Task.Id.ToString("N"));
        Directory.CreateDirectory(media);
        try
        {
            if (request.MusicVideo is { } musicVideo)
                return await ComposeMusicVideoAsync(context, request, musicVideo, media, output);
            await context.ReportAsync(FetchFrom, "fetching media");
            var shots = new List<TimelineShot>();
            foreach (var shot in request.Shots)
            {
                if (shots.Count > 0 && shots.Count % 4 == 0)
                    await context.ReportAsync(FetchFrom + (RenderFrom - FetchFrom) * shots.Count / request.Shots.Count, "fetching media");
                var image = await FetchAsync(shot.ImageKey, media, context.CancellationToken);
                var clip = await FetchAsync(shot.ClipKey, media, context.CancellationToken);
                var audio = await FetchAsync(shot.AudioKey, media, context.CancellationToken);
                shots.Add(new TimelineShot(
                    shot.Number, shot.SceneNumber, (double)shot.DurationSeconds, image, clip, shot.CameraMove,
                    audio is null ? null : new SpokenAudio(audio, (double)(shot.AudioSeconds ?? 0), shot.Text ?? "", shot.Speaker),
                    shot.Transition == ShotTransition.Cut && shot.Number > 1 ? null : shot.Transition));
            }
            var music = await FetchAsync(request.MusicKey, media, context.CancellationToken);

            await context.ReportAsync(RenderFrom, "rendering");
            var rendering = new RenderProgress(context);
            var composed = await composer.ComposeAsync(new ComposeRequest(
                $"episode-{request.EpisodeNumber}", shots, request.AspectRatio, Mode, work, output, music, request.BurnSubtitles,
                request.ShortSide, Progress: rendering), context.CancellationToken);
            await rendering.DrainAsync();
            if (composed.IsFailure)
                throw new InvalidOperationException(composed.Error);

            await context.ReportAsync(90, "saving");
            var episode = composed.Value;
            var languagePart = request.Language is null ? "" : "-" + request.Language.ToLowerInvariant();
            var stem = $"{request.CompositionId:N}-{Mode.ToString().ToLowerInvariant()}{languagePart}-{context.Task.InputsHash[..Math.Min(12, context.Task.InputsHash.Length)]}";
            var video = await StoreAsync(context.Task.ProjectId, stem + ".mp4", episode.VideoPath, "video/mp4", context.CancellationToken);
            var subtitles = await StoreAsync(context.Task.ProjectId, stem + ".srt", episode.SubtitlesPath, "application/x-subrip", context.CancellationToken);
            var cover = await StoreAsync(context.Task.ProjectId, stem + ".jpg", episode.CoverPath, "image/jpeg", context.CancellationToken);
            var timeline = await StoreAsync(context.Task.ProjectId, stem + ".otio", episode.TimelinePath, "application/json", context.CancellationToken);
            var draft = episode.DraftPath is null ? null
                : await StoreAsync(context.Task.ProjectId, stem + ".jianying.zip", episode.DraftPath, "application/zip", context.CancellationToken);
            var result = new ComposeResult(video, subtitles, cover, timeline, (decimal)Math.Round(episode.Duration.TotalSeconds, 2),
                episode.Width, episode.Height, episode.SizeBytes, draft, request.Language);
            return new StepResult(StageJson.Serialize(result), new ProviderUsage("ffmpeg", Mode.ToString()));
        }
        finally
        {
            if (Directory.Exists(output))
                Directory.Delete(output, recursive: true);
        }
    }

    public async Task ApplyAsync(GenerationTask task, string resultJson, CancellationToken cancellationToken)
    {
        var result = StageJson.Deserialize<ComposeResult>(resultJson);
        if (result.IsFailure)
            throw new InvalidOperationException($"the stored result cannot be read: {result.Error}");
        await GraphUpdates.ApplyAsync(contexts, task.ProjectId, (db, graph) =>
        {
            var composition = graph.Compositions.FirstOrDefault(c => c.Id == task.TargetId)
                ?? throw new InvalidOperationException("the composition no longer exists");
            var render = new CompositionRender
            {
                CompositionId = composition.Id,
                Version = composition.Renders.Count + 1,
                Quality = Mode == ComposeMode.Final ? RenderQuality.Final : RenderQuality.Preview,
                VideoKey = result.Value.VideoKey,
                SubtitlesKey = result.Value.SubtitlesKey,
                CoverKey = result.Value.CoverKey,
                TimelineKey = result.Value.TimelineKey,
                DraftKey = result.Value.DraftKey,
                Language = result.Value.Language,
                DurationSeconds = result.Value.DurationSeconds,
                Width = result.Value.Width,
                Height = result.Value.Height,
                SizeBytes = result.Value.SizeBytes,
                CreatedAt = clock.GetUtcNow(),
            };
            db.CompositionRenders.Add(render);
            composition.Renders.Add(render);
            composition.State = NodeState.Ready;
            composition.LastError = null;
            composition.CurrentVersion = render.Version;
            composition.UpdatedAt = clock.GetUtcNow();
            graph.Project.CoverKey ??= result.Value.CoverKey;
            graph.Project.Advance(ProjectStage.Compose);
        }, cancellationToken);
    }

    private const int FetchFrom = 5;
    private const int RenderFrom = 15;
    private const int RenderTo = 88;

    /// <summary>
    /// The encoder's share of the picture as the task's percent (15-88 % "rendering"): told one after another, in order,
    /// at most about three times a second, so a long render moves on every watcher without a write per ffmpeg line.
    /// </summary>
    private sealed class RenderProgress(GenerationStepContext context) : IProgress<double>
    {
        private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(300);
        private readonly object _gate = new();
        private Task _told = Task.CompletedTask;
        private int _percent = RenderFrom;
        private long _lastAt;

        public void Report(double value)
        {
            var percent = RenderFrom + (int)Math.Floor((RenderTo - RenderFrom) * Math.Clamp(value, 0, 1));
            var now = Environment.TickCount64;
            lock (_gate)
            {
                if (percent <= _percent || (value < 1 && now - _lastAt < Every.TotalMilliseconds))
                    return;
                _percent = percent;
                _lastAt = now;
                _told = _told.ContinueWith(_ => context.ReportAsync(percent, "rendering"), CancellationToken.None,
                    TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }
        }

        /// <summary>Waits for the reports already on their way, so none lands after the step's next one.</summary>
        public async Task DrainAsync()
        {
            Task told;
            lock (_gate)
                told = _told;
            try
            {
                await told;
            }
            catch (Exception)
            {
                // Progress is news, not state: one that could not be told changes nothing.
            }
        }
    }

    /// <summary>
    /// A music video: the shots' stills on their beat-to-beat spans over the song (−14 LUFS, no ducking), the lyrics
    /// as subtitles; the cover is a frame a third of the way in and the timeline is the stills over the song.
    /// </summary>
    private async Task<StepResult> ComposeMusicVideoAsync(
        GenerationStepContext context, ComposeInput request, MusicVideoCompose musicVideo, string media, string output)
    {
        var ct = context.CancellationToken;
        await context.ReportAsync(FetchFrom, "fetching media");
        var song = await FetchAsync(musicVideo.SongKey, media, ct) ?? throw new InvalidOperationException("the song is missing");
        var stills = new List<MusicVideoShot>();
        foreach (var shot in request.Shots)
        {
            var timing = musicVideo.Timing.First(t => t.ShotId == shot.ShotId);
            var image = await FetchAsync(shot.ImageKey, media, ct)
                        ?? throw new InvalidOperationException($"shot {shot.Number} of scene {shot.SceneNumber} has no picture");
            stills.Add(new MusicVideoShot(image, timing.Start, timing.End, shot.CameraMove));
        }

        await context.ReportAsync(RenderFrom, "rendering");
        var name = $"music-video-{request.EpisodeNumber}";
        var composed = await MusicVideoComposer.ComposeAsync(new MusicVideoRequest(
            name, song, musicVideo.ExcerptStart, musicVideo.ExcerptStart + musicVideo.DurationSeconds, stills, musicVideo.Lyrics,
            request.AspectRatio, Mode, output, request.ShortSide, request.BurnSubtitles), ct);
        if (composed.IsFailure)
            throw new InvalidOperationException(composed.Error);
        var video = composed.Value;

        await context.ReportAsync(85, "saving");
        var cover = Path.Combine(output, name + ".jpg");
        var covered = await FfmpegProcess.RunAsync(
            ["-v", "error", "-ss", (video.DurationSeconds / 3).ToString("F3", System.Globalization.CultureInfo.InvariantCulture), "-i", video.VideoPath,
             "-frames:v", "1", "-q:v", "3", cover], output, ct);
        if (covered.IsFailure)
            throw new InvalidOperationException($"The cover could not be taken ({covered.Error})");
        var timeline = Path.Combine(output, name + ".otio");
        await File.WriteAllTextAsync(timeline, MusicVideoComposer.TimelineJson(name, song, musicVideo.ExcerptStart, stills, musicVideo.Lyrics, video,
            RenderProfile.For(Mode, request.AspectRatio, request.ShortSide).FramesPerSecond), ct);

        var stem = $"{request.CompositionId:N}-{Mode.ToString().ToLowerInvariant()}-{context.Task.InputsHash[..Math.Min(12, context.Task.InputsHash.Length)]}";
        var result = new ComposeResult(
            await StoreAsync(context.Task.ProjectId, stem + ".mp4", video.VideoPath, "video/mp4", ct),
            await StoreAsync(context.Task.ProjectId, stem + ".srt", video.SubtitlesPath, "application/x-subrip", ct),
            await StoreAsync(context.Task.ProjectId, stem + ".jpg", cover, "image/jpeg", ct),
            await StoreAsync(context.Task.ProjectId, stem + ".otio", timeline, "application/json", ct),
            (decimal)Math.Round(video.DurationSeconds, 2), video.Width, video.Height, new FileInfo(video.VideoPath).Length);
        return new StepResult(StageJson.Serialize(result), new ProviderUsage("ffmpeg", "music-video-" + Mode.ToString().ToLowerInvariant()));
    }

    private async Task<string?> FetchAsync(string? key, string folder, CancellationToken ct)
    {
        if (key is null || !ObjectKey.TryParse(key, out var parsed))
            return null;
        var path = Path.Combine(folder, parsed.FileName);
        if (File.Exists(path))
            return path;
        await using var content = await storage.OpenReadAsync(parsed, ct);
        if (content is null)
            return Path.Combine(folder, "missing-" + parsed.FileName); // the composer names the shot whose file is missing
        var partial = path + ".part";
        await using (var file = File.Create(partial))
            await content.Stream.CopyToAsync(file, ct);
        File.Move(partial, path, overwrite: true);
        return path;
    }

    private async Task<string> StoreAsync(Guid projectId, string fileName, string path, string contentType, CancellationToken ct)
    {
        var key = ObjectKey.ForProject(projectId, ProjectAreas.Renders, fileName);
        await using var file = File.OpenRead(path);
        await storage.PutAsync(key, file, contentType, ct);
        return key.Value;
    }
}

public sealed class ComposePreviewStep(
    EpisodeComposer composer, ComposeWorkspace workspace, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : ComposeStep(composer, workspace, storage, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.ComposePreview;
    protected override ComposeMode Mode => ComposeMode.Preview;
}

public sealed class ComposeFinalStep(
    EpisodeComposer composer, ComposeWorkspace workspace, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : ComposeStep(composer, workspace, storage, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.ComposeFinal;
    protected override ComposeMode Mode => ComposeMode.Final;
}
