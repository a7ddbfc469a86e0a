using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// Mirrors a task's state on the node it works on: queued, running, failed with its reason. Success is written by the
/// step itself together with the new content (see <see cref="IGenerationStep.ApplyAsync"/>).
/// </summary>
public sealed class NodeTaskStates(IDbContextFactory<DreamXDbContext> contexts) : ITaskStateObserver
{
    public async Task OnTaskStateAsync(GenerationTask task, GenerationTaskStatus status, string? message, CancellationToken cancellationToken)
    {
        if (status == GenerationTaskStatus.Succeeded)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        switch (task.Type)
        {
            case GenerationTaskType.ImproveIdea:
                await UpdateAsync<Checkpoint>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.StoryBible:
                await UpdateAsync<StoryBible>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.CharacterPortrait:
                await UpdateAsync<Character>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.Script:
                await UpdateAsync<Episode>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.SceneDesign or GenerationTaskType.SceneKeyArt:
                await UpdateAsync<Scene>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.ShotList or GenerationTaskType.MusicVideoShots:
                await UpdateShotListAsync(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.ShotImage or GenerationTaskType.ShotAudio or GenerationTaskType.ShotClip or GenerationTaskType.ShotVideo:
                await UpdateAsync<Shot>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.NoteOutline:
                await UpdateAsync<Domain.Notes.Note>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.NotePage:
                await UpdateAsync<Domain.Notes.NotePage>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.NotePost:
                await UpdateAsync<Domain.Notes.NotePost>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.SongMap:
                await UpdateAsync<Domain.MusicVideos.SongMap>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.ComposePreview or GenerationTaskType.ComposeFinal:
                await UpdateAsync<Composition>(db, task.TargetId, status, message, cancellationToken);
                break;
            case GenerationTaskType.TranslateScript:
                // A language version is a layer on its episode, not a node: its state is its task's (the language switch
                // reads it, EpisodeTranslations.WorkAsync), and a failed translation leaves the episode's script as it is.
                break;
        }
    }

    private static async Task UpdateAsync<TNode>(DreamXDbContext db, Guid nodeId, GenerationTaskStatus status, string? message, CancellationToken ct)
        where TNode : CanvasNode
    {
        var nodes = db.Set<TNode>().Where(n => n.Id == nodeId);
        var now = DateTimeOffset.UtcNow;
        switch (status)
        {
            case GenerationTaskStatus.Blocked or GenerationTaskStatus.Queued:
                await nodes.ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NodeState.Queued).SetProperty(n => n.UpdatedAt, now), ct);
                break;
            case GenerationTaskStatus.Running:
                await nodes.ExecuteUpdateAsync(s => s.SetProperty(n => n.State, NodeState.Running).SetProperty(n => n.UpdatedAt, now), ct);
                break;
            case GenerationTaskStatus.Failed:
                await nodes.ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.State, NodeState.Failed)
                    .SetProperty(n => n.LastError, message)
                    .SetProperty(n => n.UpdatedAt, now), ct);
                break;
            case GenerationTaskStatus.Cancelled:
                // A cancelled run changed nothing: the node shows what it had before, or nothing.
                await nodes.ExecuteUpdateAsync(s => s
                    .SetProperty(n => n.State, n => n.CurrentVersion > 0 ? NodeState.Ready : NodeState.Empty)
                    .SetProperty(n => n.UpdatedAt, now), ct);
                break;
        }
    }

    private static async Task UpdateShotListAsync(DreamXDbContext db, Guid sceneId, GenerationTaskStatus status, string? message, CancellationToken ct)
    {
        var scenes = db.Scenes.Where(s => s.Id == sceneId);
        var state = status switch
        {
            GenerationTaskStatus.Blocked or GenerationTaskStatus.Queued => NodeState.Queued,
            GenerationTaskStatus.Running => NodeState.Running,
            GenerationTaskStatus.Failed => NodeState.Failed,
            _ => (NodeState?)null,
        };
        if (state is { } known)
            await scenes.ExecuteUpdateAsync(s => s.SetProperty(x => x.ShotsState, known), ct);
        else if (status == GenerationTaskStatus.Cancelled)
            await scenes.ExecuteUpdateAsync(s => s.SetProperty(x => x.ShotsState, x => x.Shots.Any() ? NodeState.Ready : NodeState.Empty), ct);
        if (status == GenerationTaskStatus.Failed)
            await scenes.ExecuteUpdateAsync(s => s.SetProperty(x => x.LastError, message), ct);
    }
}
