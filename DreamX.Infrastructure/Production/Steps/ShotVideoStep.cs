using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Providers.Routing;
using DreamX.Infrastructure.Providers.Video;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>A character in the shot and the picture that shows how they look (the approved portrait).</summary>
public sealed record VideoReferenceInput(string CharacterKey, string Name, string ImageKey);

/// <summary>
/// A video task's inputs, fixed at queue time: the shot's frame (the first frame), the prompt (action, camera move,
/// setting, who is in it), the characters' references, the shot's length and frame shape. <see cref="Take"/> counts
/// the shot's earlier video tasks, so "regenerate" asks for a new clip instead of reusing the last one.
/// </summary>
public sealed record ShotVideoInput(
    Guid ShotId, string Prompt, string ImageKey, IReadOnlyList<VideoReferenceInput> References, decimal ShotSeconds,
    int FrameWidth, int FrameHeight, CameraMove Movement, bool Audio, int Seed, int Take);

/// <summary>Where the clip went, how long it is, what was asked for and who made it.</summary>
public sealed record ShotVideoResult(string Key, string ContentType, decimal DurationSeconds, int RequestedSeconds, string Provider, string Model, string JobId);

/// <summary>
/// The video stage of a shot: a clip from the routed video providers (<see cref="VideoJobs"/>: submit once, poll,
/// download, check), stored in the project's clips area and set as the shot's clip (a new shot version). A task that
/// already holds a provider job resumes it and never submits again.
/// </summary>
public sealed class ShotVideoStep(VideoJobs videos, IObjectStorage storage, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock) : IGenerationStep
{
    public GenerationTaskType TaskType => GenerationTaskType.ShotVideo;

    /// <summary>A new take every time: never answered from the result cache.</summary>
    public StepRoute? Route(GenerationTask task) => null;

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        var parsed = StageJson.Deserialize<ShotVideoInput>(context.Task.InputJson ?? "");
        if (parsed.IsFailure)
            throw new InvalidOperationException($"the task's inputs cannot be read: {parsed.Error}");
        var input = parsed.Value;
        var ct = context.CancellationToken;
        var task = context.Task;

        var frame = await ReadAsync(input.ImageKey, ct)
            ?? throw new ProviderFailure(ProviderRouter.Name, "The shot's image is missing from storage: make the image again first.", isTransient: false);
        var references = new List<VideoImage>();
        foreach (var reference in input.References)
        {
            if (await ReadAsync(reference.ImageKey, ct) is { } picture)
                references.Add(picture with { Label = reference.Name });
        }

        var run = new VideoRun
        {
            TaskId = task.Id,
            Held = task.RemoteJobId is { } jobId && task.RemoteProvider is { } provider
                ? new HeldVideoJob(provider, jobId, task.RemoteJobSubmittedAt ?? clock.GetUtcNow())
                : null,
            RequestFor = provider =>
            {
                var shape = VideoFit.For(provider.Settings, input.ShotSeconds, input.FrameWidth, input.FrameHeight);
                return new VideoRequest(input.Prompt, frame, references, shape.Seconds, shape.Ratio, shape.Resolution,
                    shape.Width, shape.Height, input.Audio, input.Seed, input.Movement);
            },
            RecordAsync = job => context.RecordRemoteJobAsync(job.Provider, job.JobId),
            ReportAsync = (percent, message) => context.ReportAsync(percent, message),
        };
        var outcome = await videos.RunAsync(run, ct);

        await context.ReportAsync(95, "saving");
        var extension = outcome.Clip.ContentType == "video/webm" ? "webm" : "mp4";
        var key = ObjectKey.ForProject(task.ProjectId, ProjectAreas.Clips, $"{task.TargetId:N}-{task.Id:N}.{extension}");
        await storage.PutAsync(key, new MemoryStream(outcome.Clip.Content), outcome.Clip.ContentType, CancellationToken.None);
        var result = new ShotVideoResult(key.Value, outcome.Clip.ContentType, (decimal)Math.Round(outcome.Measure.Seconds, 3),
            outcome.Seconds, outcome.Provider, outcome.Model, outcome.JobId);
        return new StepResult(StageJson.Serialize(result), new ProviderUsage(outcome.Provider, outcome.Model, IsFallback: outcome.IsFallback));
    }

    public async Task ApplyAsync(GenerationTask task, string resultJson, CancellationToken cancellationToken)
    {
        var result = StageJson.Deserialize<ShotVideoResult>(resultJson);
        if (result.IsFailure)
            throw new InvalidOperationException($"the stored result cannot be read: {result.Error}");
        await GraphUpdates.ApplyAsync(contexts, task.ProjectId, (db, graph) =>
        {
            var shot = graph.Shots.FirstOrDefault(s => s.Id == task.TargetId) ?? throw new InvalidOperationException("the shot no longer exists");
            shot.ClipKey = result.Value.Key;
            shot.State = NodeState.Ready;
            shot.LastError = null;
            var now = clock.GetUtcNow();
            NodeVersions.Append(db, shot, ShotSnapshot.Of(shot), NodeVersionSource.Generated, task.Id, null, now);
            StaleMarks.AfterShotChanged(graph, shot);
        }, cancellationToken);
    }

    private async Task<VideoImage?> ReadAsync(string key, CancellationToken ct)
    {
        if (!ObjectKey.TryParse(key, out var parsed))
            return null;
        return await storage.ReadAllBytesAsync(parsed, ct) is { } stored ? new VideoImage(stored.Bytes, stored.Info.ContentType) : null;
    }
}
