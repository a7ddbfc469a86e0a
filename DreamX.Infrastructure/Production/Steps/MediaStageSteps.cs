using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Characters;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers.Routing;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>
/// Where a media task put its output, and how long it lasts (speech). <see cref="ReferenceImages"/>: how many character
/// reference pictures the model was shown (0: it was told the look in words only).
/// </summary>
public sealed record MediaResult(string Key, string ContentType, decimal? DurationSeconds, int ReferenceImages = 0);

/// <summary>
/// A media stage: calls a routed provider with the request fixed at queue time, stores the bytes under the project's
/// key space (named after the inputs hash, so a cached result points at the same object) and writes the key on the node.
/// </summary>
public abstract class MediaStageStep<TRequest>(IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : IGenerationStep
{
    public abstract GenerationTaskType TaskType { get; }

    protected abstract string Area { get; }

    /// <summary>A new take every time: never answered from the result cache.</summary>
    public StepRoute? Route(GenerationTask task) => null;

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        var request = StageJson.Deserialize<TRequest>(context.Task.InputJson ?? "");
        if (request.IsFailure)
            throw new InvalidOperationException($"the task's inputs cannot be read: {request.Error}");

        await context.ReportAsync(5, "rendering");
        var (content, contentType, duration, usage) = await ProduceAsync(request.Value, context.CancellationToken);
        var extension = contentType switch { "image/png" => "png", "image/jpeg" => "jpg", "audio/wav" => "wav", "audio/mpeg" => "mp3", "video/mp4" => "mp4", _ => "bin" };
        var key = ObjectKey.ForProject(context.Task.ProjectId, Area, $"{context.Task.TargetId:N}-{context.Task.InputsHash[..Math.Min(16, context.Task.InputsHash.Length)]}.{extension}");
        await storage.PutAsync(key, new MemoryStream(content), contentType, context.CancellationToken);
        return new StepResult(StageJson.Serialize(new MediaResult(key.Value, contentType, duration, usage.ReferenceImages)), usage);
    }

    public async Task ApplyAsync(GenerationTask task, string resultJson, CancellationToken cancellationToken)
    {
        var result = StageJson.Deserialize<MediaResult>(resultJson);
        if (result.IsFailure)
            throw new InvalidOperationException($"the stored result cannot be read: {result.Error}");
        await GraphUpdates.ApplyAsync(contexts, task.ProjectId, (db, graph) => Apply(db, graph, task, result.Value, clock.GetUtcNow()), cancellationToken);
    }

    protected abstract Task<(byte[] Content, string ContentType, decimal? Duration, ProviderUsage Usage)> ProduceAsync(TRequest request, CancellationToken cancellationToken);

    protected abstract void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, MediaResult result, DateTimeOffset now);
}

/// <summary>
/// A media stage whose output is a picture from the routed image provider. The request's character references (queued as
/// object keys) are read from storage just before the call, so models that take references are shown the pictures.
/// </summary>
public abstract class ImageStageStep(IImageProvider images, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock, CharacterReferences references)
    : MediaStageStep<ImageRequest>(storage, contexts, clock)
{
    protected override async Task<(byte[], string, decimal?, ProviderUsage)> ProduceAsync(ImageRequest request, CancellationToken ct)
    {
        var image = await images.GenerateImageAsync(await WithPicturesAsync(request, ct), ct);
        return (image.Content, image.ContentType, null, image.Usage);
    }

    private async Task<ImageRequest> WithPicturesAsync(ImageRequest request, CancellationToken ct)
    {
        if (request.References is not { Count: > 0 } queued)
            return request;
        var loaded = new List<ImageReference>();
        foreach (var reference in queued)
        {
            if (await references.ReadImageAsync(reference.Key, ct) is { } picture)
                loaded.Add(reference with { Content = picture.Content, ContentType = picture.ContentType });
        }
        return request with { References = loaded };
    }
}

public sealed class ShotImageStep(IImageProvider images, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock, CharacterReferences references)
    : ImageStageStep(images, storage, contexts, clock, references)
{
    public override GenerationTaskType TaskType => GenerationTaskType.ShotImage;
    protected override string Area => ProjectAreas.Images;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, MediaResult result, DateTimeOffset now)
    {
        var shot = graph.Shots.FirstOrDefault(s => s.Id == task.TargetId) ?? throw new InvalidOperationException("the shot no longer exists");
        shot.ImageKey = result.Key;
        shot.ClipKey = null; // a clip made from the old picture no longer matches it
        shot.State = NodeState.Ready;
        shot.LastError = null;
        NodeVersions.Append(db, shot, ShotSnapshot.Of(shot), NodeVersionSource.Generated, task.Id, null, now);
        StaleMarks.AfterShotChanged(graph, shot);
    }
}

public sealed class ShotAudioStep(ISpeechProvider speech, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : MediaStageStep<SpeechRequest>(storage, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.ShotAudio;
    protected override string Area => ProjectAreas.Audio;

    protected override async Task<(byte[], string, decimal?, ProviderUsage)> ProduceAsync(SpeechRequest request, CancellationToken ct)
    {
        var audio = await speech.SynthesizeAsync(request, ct);
        return (audio.Content, audio.ContentType, (decimal)Math.Round(audio.Duration.TotalSeconds, 3), audio.Usage);
    }

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, MediaResult result, DateTimeOffset now)
    {
        var shot = graph.Shots.FirstOrDefault(s => s.Id == task.TargetId) ?? throw new InvalidOperationException("the shot no longer exists");
        // The line's measured length, not the pace the plan assumed, decides the shot's length (a remote voice may be slower).
        if (result.DurationSeconds is { } measured && measured > 0)
            shot.DurationSeconds = ShotTiming.AfterVoicing(shot.DurationSeconds, shot.AudioDurationSeconds, measured,
                shot.SpokenLine?.Text ?? "", graph.Checkpoint.Language);
        shot.AudioKey = result.Key;
        shot.AudioDurationSeconds = result.DurationSeconds;
        shot.State = NodeState.Ready;
        shot.LastError = null;
        NodeVersions.Append(db, shot, ShotSnapshot.Of(shot), NodeVersionSource.Generated, task.Id, null, now);
        StaleMarks.AfterShotChanged(graph, shot);
    }
}

public sealed class CharacterPortraitStep(IImageProvider images, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock, CharacterReferences references)
    : ImageStageStep(images, storage, contexts, clock, references)
{
    public override GenerationTaskType TaskType => GenerationTaskType.CharacterPortrait;
    protected override string Area => ProjectAreas.Portraits;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, MediaResult result, DateTimeOffset now)
    {
        var character = graph.Characters.FirstOrDefault(c => c.Id == task.TargetId) ?? throw new InvalidOperationException("the character no longer exists");
        // Locked while this portrait was being drawn: the approved one stays.
        if (!character.LookLocked || character.PortraitKey is null)
            character.PortraitKey = result.Key;
        character.State = NodeState.Ready;
        character.LastError = null;
        character.UpdatedAt = now;
    }
}

public sealed class SceneKeyArtStep(IImageProvider images, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock, CharacterReferences references)
    : ImageStageStep(images, storage, contexts, clock, references)
{
    public override GenerationTaskType TaskType => GenerationTaskType.SceneKeyArt;
    protected override string Area => ProjectAreas.Images;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, MediaResult result, DateTimeOffset now)
    {
        var scene = graph.Scenes.FirstOrDefault(s => s.Id == task.TargetId) ?? throw new InvalidOperationException("the scene no longer exists");
        scene.KeyArtKey = result.Key;
        scene.State = NodeState.Ready;
        scene.LastError = null;
    }
}
