using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Common;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production;

/// <summary>What a creator may change on a character card.</summary>
public sealed record CharacterEdit(string Name, string Occupation, CharacterLevel Level, Gender Gender, int? Age, string Bio, string Appearance, Guid? VoiceId);

/// <summary>What a creator may change on a shot.</summary>
public sealed record ShotEdit(ShotType ShotType, CameraMove CameraMove, decimal DurationSeconds, ShotTransition Transition, string VisualPrompt, string? SpokenText);

/// <summary>What a creator chooses for an episode's video: its music bed (null: matched to the story's mood) and burned-in subtitles.</summary>
public sealed record ComposeSettings(Guid? MusicTrackId, bool BurnSubtitles);

/// <summary>One entry of a node's history.</summary>
public sealed record NodeVersionInfo(Guid Id, int Version, NodeVersionSource Source, DateTimeOffset CreatedAt, bool IsCurrent);

/// <summary>
/// Hand edits on the nodes (SPEC §2): each edit is a new version marked as the creator's, and everything made from the
/// node goes stale (kept, not deleted). Any earlier version can be restored the same way.
/// </summary>
public sealed class NodeEdits(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
{
    public const string NotFound = "node.not_found";
    public const string Invalid = "node.invalid";
    public const string UnknownMusic = "node.unknown_music";

    public async Task<Result> EditBibleAsync(string ownerId, Guid projectId, StoryBibleDraft edit, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(edit.Logline) || string.IsNullOrWhiteSpace(edit.Synopsis))
            return Result.Failure("node.bible_required");
        return await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            if (graph.Bible is not { CurrentVersion: > 0 } bible)
                return Result.Failure(NotFound);
            bible.Apply(edit with { EpisodePlan = edit.EpisodePlan.Count > 0 ? edit.EpisodePlan : bible.EpisodePlan });
            bible.State = NodeState.Ready;
            NodeVersions.Append(db, bible, bible.ToDraft(graph.Project.Title), NodeVersionSource.HandEdit, null, ownerId, clock.GetUtcNow());
            StaleMarks.AfterBibleChanged(graph);
            return Result.Success();
        }, ct);
    }

    public async Task<Result> EditCharacterAsync(string ownerId, Guid projectId, Guid characterId, CharacterEdit edit, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(edit.Name) || edit.Name.Length > 60)
            return Result.Failure("node.name_required");
        if (string.IsNullOrWhiteSpace(edit.Appearance))
            return Result.Failure("node.appearance_required");
        if (edit.Age is < 0 or > 120)
            return Result.Failure("node.age_range");
        return await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            var character = graph.Characters.FirstOrDefault(c => c.Id == characterId);
            if (character is null)
                return Result.Failure(NotFound);
            var lookChanged = character.Appearance != edit.Appearance.Trim() || character.VoiceId != edit.VoiceId || character.Name != edit.Name.Trim();
            character.Name = edit.Name.Trim();
            character.Occupation = edit.Occupation.Trim();
            character.Level = edit.Level;
            character.Gender = edit.Gender;
            character.Age = edit.Age;
            character.Bio = edit.Bio.Trim();
            character.Appearance = edit.Appearance.Trim();
            character.VoiceId = edit.VoiceId;
            character.State = NodeState.Ready;
            NodeVersions.Append(db, character, character.ToDraft(), NodeVersionSource.HandEdit, null, ownerId, clock.GetUtcNow());
            if (lookChanged)
                StaleMarks.AfterCharacterChanged(graph, character);
            return Result.Success();
        }, ct);
    }

    /// <summary>
    /// Replaces a scene's lines. A line whose text changed is carried to the shots that speak it, and those shots go
    /// stale: their audio (and the episode) no longer match the script.
    /// </summary>
    public async Task<Result> EditSceneLinesAsync(string ownerId, Guid projectId, Guid sceneId, IReadOnlyList<ScriptLine> lines, CancellationToken ct = default)
    {
        if (lines.Any(l => string.IsNullOrWhiteSpace(l.Text)))
            return Result.Failure("node.line_required");
        return await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            var scene = graph.Scenes.FirstOrDefault(s => s.Id == sceneId);
            if (scene is null)
                return Result.Failure(NotFound);
            ReplaceLines(db, scene, lines.Select(l => l with { Text = l.Text.Trim() }).ToList(), ownerId);
            NodeVersions.Append(db, scene, SceneSnapshot.Of(scene), NodeVersionSource.HandEdit, null, ownerId, clock.GetUtcNow());
            graph.Compositions.FirstOrDefault(c => c.EpisodeId == scene.EpisodeId)?.MarkStale();
            return Result.Success();
        }, ct);
    }

    public async Task<Result> EditShotAsync(string ownerId, Guid projectId, Guid shotId, ShotEdit edit, CancellationToken ct = default)
    {
        if (edit.DurationSeconds < Shot.MinDurationSeconds || edit.DurationSeconds > Shot.MaxDurationSeconds)
            return Result.Failure("node.duration_range");
        return await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            var shot = graph.Shots.FirstOrDefault(s => s.Id == shotId);
            if (shot is null)
                return Result.Failure(NotFound);
            var pictureChanged = shot.VisualPrompt != edit.VisualPrompt.Trim() || shot.ShotType != edit.ShotType;
            var lineChanged = (shot.SpokenLine?.Text ?? "") != (edit.SpokenText?.Trim() ?? "");
            shot.ShotType = edit.ShotType;
            shot.CameraMove = edit.CameraMove;
            shot.DurationSeconds = edit.DurationSeconds;
            shot.Transition = edit.Transition;
            shot.VisualPrompt = edit.VisualPrompt.Trim();
            if (lineChanged)
            {
                shot.SpokenLine = string.IsNullOrWhiteSpace(edit.SpokenText)
                    ? null
                    : (shot.SpokenLine ?? new ScriptLine(ScriptLineKind.Narration, null, "", "neutral")) with { Text = edit.SpokenText.Trim() };
            }
            NodeVersions.Append(db, shot, ShotSnapshot.Of(shot), NodeVersionSource.HandEdit, null, ownerId, clock.GetUtcNow());
            shot.State = pictureChanged || lineChanged ? NodeState.Stale : NodeState.Ready;
            StaleMarks.AfterShotChanged(graph, shot);
            return Result.Success();
        }, ct);
    }

    /// <summary>
    /// Sets an episode's music and subtitles. A video made with the old settings no longer matches them, so a composed
    /// episode goes stale until it is composed again. A track must be in the library and active.
    /// </summary>
    public async Task<Result> EditComposeAsync(string ownerId, Guid projectId, Guid compositionId, ComposeSettings settings, CancellationToken ct = default)
    {
        if (settings.MusicTrackId is { } trackId)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            // Another user's project is not found, whatever the track: its existence is never confirmed.
            var access = await ProjectAccess.ActAsync(db, ownerId, projectId, ProjectPermission.Edit, NotFound, ct);
            if (access.IsFailure)
                return Result.Failure(access.Error!);
            if (!await db.MusicTracks.AnyAsync(t => t.Id == trackId && t.IsActive, ct))
                return Result.Failure(UnknownMusic);
        }
        return await ChangeAsync(ownerId, projectId, (_, graph) =>
        {
            var composition = graph.Compositions.FirstOrDefault(c => c.Id == compositionId);
            if (composition is null)
                return Result.Failure(NotFound);
            if (composition.MusicTrackId == settings.MusicTrackId && composition.BurnSubtitles == settings.BurnSubtitles)
                return Result.Success();
            composition.MusicTrackId = settings.MusicTrackId;
            composition.BurnSubtitles = settings.BurnSubtitles;
            composition.UpdatedAt = clock.GetUtcNow();
            if (composition.Renders.Count > 0)
                composition.State = NodeState.Stale;
            return Result.Success();
        }, ct);
    }

    /// <summary>Moves a shot to <paramref name="position"/> (1-based) within its scene; the others close up around it.</summary>
    public async Task<Result> MoveShotAsync(string ownerId, Guid projectId, Guid shotId, int position, CancellationToken ct = default) =>
        await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            var shot = graph.Shots.FirstOrDefault(s => s.Id == shotId);
            if (shot is null)
                return Result.Failure(NotFound);
            var scene = graph.SceneOf(shot);
            var ordered = scene.Shots.OrderBy(s => s.Order).Where(s => s.Id != shotId).ToList();
            ordered.Insert(Math.Clamp(position - 1, 0, ordered.Count), shot);
            for (var i = 0; i < ordered.Count; i++)
                ordered[i].Order = i + 1;
            StaleMarks.AfterShotChanged(graph, shot);
            return Result.Success();
        }, ct);

    public async Task<IReadOnlyList<NodeVersionInfo>> ListVersionsAsync(string ownerId, Guid projectId, NodeKind kind, Guid nodeId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!(await ProjectAccess.ResolveAsync(db, ownerId, projectId, ct)).Can(ProjectPermission.Read))
            return [];
        var current = await CurrentVersionAsync(db, kind, nodeId, ct);
        return await db.NodeContentVersions.AsNoTracking()
            .Where(v => v.ProjectId == projectId && v.NodeKind == kind && v.NodeId == nodeId)
            .OrderByDescending(v => v.Version)
            .Select(v => new NodeVersionInfo(v.Id, v.Version, v.Source, v.CreatedAt, v.Version == current))
            .ToListAsync(ct);
    }

    /// <summary>Brings back an earlier version's content as a new version (history is never rewritten).</summary>
    public async Task<Result> RestoreAsync(string ownerId, Guid projectId, Guid versionId, CancellationToken ct = default)
    {
        await using (var check = await contexts.CreateDbContextAsync(ct))
        {
            if (!await check.NodeContentVersions.AnyAsync(v => v.Id == versionId && v.ProjectId == projectId, ct))
                return Result.Failure(NotFound);
        }
        return await ChangeAsync(ownerId, projectId, (db, graph) =>
        {
            var version = db.NodeContentVersions.AsNoTracking().First(v => v.Id == versionId);
            var now = clock.GetUtcNow();
            switch (version.NodeKind)
            {
                case NodeKind.StoryBible when graph.Bible is { } bible && StageJson.Deserialize<StoryBibleDraft>(version.ContentJson) is { IsSuccess: true } draft:
                    bible.Apply(draft.Value);
                    bible.State = NodeState.Ready;
                    NodeVersions.Append(db, bible, draft.Value, NodeVersionSource.Restored, null, ownerId, now);
                    StaleMarks.AfterBibleChanged(graph);
                    return Result.Success();
                case NodeKind.Character when graph.Characters.FirstOrDefault(c => c.Id == version.NodeId) is { } character
                                             && StageJson.Deserialize<CharacterDraft>(version.ContentJson) is { IsSuccess: true } card:
                    character.Apply(card.Value, character.SortOrder);
                    character.State = NodeState.Ready;
                    NodeVersions.Append(db, character, card.Value, NodeVersionSource.Restored, null, ownerId, now);
                    StaleMarks.AfterCharacterChanged(graph, character);
                    return Result.Success();
                case NodeKind.Segment when graph.Shots.FirstOrDefault(s => s.Id == version.NodeId) is { } shot
                                           && StageJson.Deserialize<ShotSnapshot>(version.ContentJson) is { IsSuccess: true } snapshot:
                    snapshot.Value.ApplyTo(shot);
                    shot.State = NodeState.Ready;
                    NodeVersions.Append(db, shot, snapshot.Value, NodeVersionSource.Restored, null, ownerId, now);
                    StaleMarks.AfterShotChanged(graph, shot);
                    return Result.Success();
                case NodeKind.Scene when graph.Scenes.FirstOrDefault(s => s.Id == version.NodeId) is { } scene:
                    return RestoreScene(db, graph, scene, version.ContentJson, ownerId, now);
                default:
                    return Result.Failure("node.restore_unsupported");
            }
        }, ct);
    }

    /// <summary>
    /// A scene version holds its lines, action lines and design (older design-only versions bring back the design).
    /// Shots speaking a line that changes follow it and go stale; a different design makes every shot stale.
    /// </summary>
    private Result RestoreScene(DreamXDbContext db, ProductionGraph graph, Scene scene, string contentJson, string ownerId, DateTimeOffset now)
    {
        var snapshot = StageJson.Deserialize<SceneSnapshot>(contentJson) is { IsSuccess: true } full
            ? full.Value
            : StageJson.Deserialize<SceneDesign>(contentJson) is { IsSuccess: true } design
                ? SceneSnapshot.Of(scene) with { Design = design.Value }
                : null;
        if (snapshot is null)
            return Result.Failure("node.restore_unsupported");
        var designChanged = !Equals(StageJson.Serialize(scene.Design), StageJson.Serialize(snapshot.Design));
        ReplaceLines(db, scene, [.. snapshot.Lines], ownerId);
        scene.ActionLines = [.. snapshot.ActionLines];
        scene.Design = snapshot.Design;
        NodeVersions.Append(db, scene, SceneSnapshot.Of(scene), NodeVersionSource.Restored, null, ownerId, now);
        if (designChanged)
            StaleMarks.AfterSceneChanged(graph, scene);
        else
            graph.Compositions.FirstOrDefault(c => c.EpisodeId == scene.EpisodeId)?.MarkStale();
        return Result.Success();
    }

    /// <summary>
    /// Gives a scene new lines. A line whose text changed is carried to the shots that speak it, and those shots go
    /// stale: their audio no longer matches the script.
    /// </summary>
    private void ReplaceLines(DreamXDbContext db, Scene scene, List<ScriptLine> lines, string ownerId)
    {
        var before = scene.Lines.ToList();
        scene.Lines = lines;
        for (var i = 0; i < Math.Min(before.Count, lines.Count); i++)
        {
            if (before[i] == lines[i])
                continue;
            foreach (var shot in scene.Shots.Where(s => s.SpokenLine == before[i]))
            {
                shot.SpokenLine = lines[i];
                shot.MarkStale();
                NodeVersions.Append(db, shot, ShotSnapshot.Of(shot), NodeVersionSource.HandEdit, null, ownerId, clock.GetUtcNow());
                shot.State = NodeState.Stale; // Append marks the content as the creator's; the media still lag behind.
            }
        }
    }

    private static async Task<int> CurrentVersionAsync(DreamXDbContext db, NodeKind kind, Guid nodeId, CancellationToken ct) => kind switch
    {
        NodeKind.StoryBible => await db.StoryBibles.Where(n => n.Id == nodeId).Select(n => n.CurrentVersion).FirstOrDefaultAsync(ct),
        NodeKind.Character => await db.Characters.Where(n => n.Id == nodeId).Select(n => n.CurrentVersion).FirstOrDefaultAsync(ct),
        NodeKind.Script => await db.Episodes.Where(n => n.Id == nodeId).Select(n => n.CurrentVersion).FirstOrDefaultAsync(ct),
        NodeKind.Scene => await db.Scenes.Where(n => n.Id == nodeId).Select(n => n.CurrentVersion).FirstOrDefaultAsync(ct),
        NodeKind.Segment => await db.Shots.Where(n => n.Id == nodeId).Select(n => n.CurrentVersion).FirstOrDefaultAsync(ct),
        NodeKind.Compose => await db.Compositions.Where(n => n.Id == nodeId).Select(n => n.CurrentVersion).FirstOrDefaultAsync(ct),
        _ => await db.Checkpoints.Where(n => n.Id == nodeId).Select(n => n.CurrentVersion).FirstOrDefaultAsync(ct),
    };

    private Task<Result> ChangeAsync(string userId, Guid projectId, Func<DreamXDbContext, ProductionGraph, Result> change, CancellationToken ct) =>
        ApplyAsync(contexts, clock, userId, projectId, change, ct);

    /// <summary>
    /// One hand edit of a project's production graph (nodes, note pages, …): who may edit is checked, the change applied,
    /// and the save is marked as the creator's (<see cref="CreatorEdits"/>).
    /// </summary>
    /// <param name="userId">Who edits: the owner, an editor or an admin (<see cref="ProjectAccess"/>); the versions record them.</param>
    internal static async Task<Result> ApplyAsync(
        IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock, string userId, Guid projectId, Func<DreamXDbContext, ProductionGraph, Result> change,
        CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Edit, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure(access.Error!);
        var graph = await ProductionGraph.LoadAsync(db, projectId, access.Value, ct);
        if (graph is null)
            return Result.Failure(NotFound);
        var result = change(db, graph);
        if (result.IsFailure)
            return result;
        graph.Project.Touch();
        try
        {
            // The creator's change: a Generate after it is a new request, not a repeat of the one before it.
            await CreatorEdits.SaveWithMarkAsync(db, projectId, clock.GetUtcNow(), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A generation finished on this project meanwhile: the creator reloads and edits the fresh content.
            return Result.Failure("node.changed_meanwhile");
        }
        return Result.Success();
    }
}
