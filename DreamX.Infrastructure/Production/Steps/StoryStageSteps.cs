using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>"Improve my idea": a structured brief next to the creator's idea; the idea itself is theirs to replace.</summary>
public sealed class ImproveIdeaStep(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : TextStageStep<ImproveIdeaContext, IdeaBrief>(text, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.ImproveIdea;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, IdeaBrief draft, DateTimeOffset now)
    {
        var checkpoint = graph.Checkpoint;
        checkpoint.ImprovedBriefJson = StageJson.Serialize(draft);
        checkpoint.Genre ??= draft.Genre;
        checkpoint.State = NodeState.Ready;
        checkpoint.LastError = null;
        checkpoint.UpdatedAt = now;
    }
}

public sealed class StoryBibleStep(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : TextStageStep<StoryBibleContext, StoryBibleDraft>(text, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.StoryBible;

    protected override string? Problem(StoryBibleContext context, StoryBibleDraft draft) =>
        draft.EpisodePlan.Count != context.Checkpoint.EpisodeCount
            ? $"the episode plan has {draft.EpisodePlan.Count} episodes, not {context.Checkpoint.EpisodeCount}"
            : null;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, StoryBibleDraft draft, DateTimeOffset now)
    {
        var bible = graph.Bible ?? throw new InvalidOperationException("the story bible node is missing");
        bible.Apply(draft);
        bible.State = NodeState.Ready;
        bible.LastError = null;
        NodeVersions.Append(db, bible, draft, NodeVersionSource.Generated, task.Id, null, now);
        StaleMarks.AfterBibleChanged(graph);

        // One script node and one compose node per planned episode.
        foreach (var entry in draft.EpisodePlan)
        {
            var episode = graph.Episodes.FirstOrDefault(e => e.Number == entry.Number);
            if (episode is null)
            {
                episode = new Episode { ProjectId = graph.Project.Id, Number = entry.Number, Title = entry.Title, Summary = entry.Summary };
                db.Episodes.Add(episode);
                graph.Episodes.Add(episode);
            }
            else if (episode.CurrentVersion == 0)
            {
                episode.Title = entry.Title;
                episode.Summary = entry.Summary;
            }
            if (graph.Compositions.All(c => c.EpisodeId != episode.Id))
            {
                var composition = new Composition { ProjectId = graph.Project.Id, EpisodeId = episode.Id };
                db.Compositions.Add(composition);
                graph.Compositions.Add(composition);
            }
        }
        graph.Project.Advance(ProjectStage.StoryBible);
    }
}

public sealed class CharactersStep(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : TextStageStep<CharactersContext, CharacterListDraft>(text, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.Characters;

    protected override string? Problem(CharactersContext context, CharacterListDraft draft) =>
        draft.Characters.Count == 0 ? "the cast is empty"
        : draft.Characters.Select(c => c.Key).Distinct().Count() != draft.Characters.Count ? "two characters share a key"
        : null;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, CharacterListDraft draft, DateTimeOffset now)
    {
        var voices = db.Voices.AsNoTracking().Where(v => v.IsActive && v.Language == graph.Checkpoint.Language).OrderBy(v => v.Name).ToList();
        var order = 0;
        foreach (var card in draft.Characters)
        {
            var character = graph.Characters.FirstOrDefault(c => c.Key == card.Key);
            if (character is null)
            {
                character = new Character { ProjectId = graph.Project.Id };
                db.Characters.Add(character);
                graph.Characters.Add(character);
            }
            else if (character.EditedByHand)
            {
                // The creator's own version of this character stays; the new draft is not forced on it.
                character.SortOrder = order++;
                continue;
            }
            // A locked look keeps the appearance its portrait was made from; the rest of the card follows the new draft.
            var kept = character.LookLocked ? character.Appearance : null;
            character.Apply(card, order++);
            character.Seed ??= CharacterSeed.FromKey(character.Key);
            if (kept is not null)
                character.Appearance = kept;
            character.VoiceId ??= CharacterVoices.Pick(voices, card)?.Id;
            character.State = NodeState.Ready;
            character.LastError = null;
            NodeVersions.Append(db, character, kept is null ? card : character.ToDraft(), NodeVersionSource.Generated, task.Id, null, now);
        }

        // Generated characters the new cast no longer has are removed; the creator's edited ones are kept.
        var keys = draft.Characters.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in graph.Characters.Where(c => !keys.Contains(c.Key) && !c.EditedByHand && !c.LookLocked).ToList())
        {
            db.Characters.Remove(gone);
            graph.Characters.Remove(gone);
        }
        StaleMarks.AfterCastChanged(graph);
        graph.Project.Advance(ProjectStage.Characters);
    }
}

public sealed class ScriptStep(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : TextStageStep<ScriptContext, ScriptDraft>(text, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.Script;

    protected override string? Problem(ScriptContext context, ScriptDraft draft) =>
        draft.Scenes.Count == 0 ? "the script has no scenes" : null;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, ScriptDraft draft, DateTimeOffset now)
    {
        var episode = graph.Episodes.FirstOrDefault(e => e.Id == task.TargetId)
            ?? throw new InvalidOperationException("the episode no longer exists");
        StaleMarks.AfterEpisodeChanged(graph, episode);
        episode.Apply(draft);
        episode.State = NodeState.Ready;
        episode.LastError = null;
        NodeVersions.Append(db, episode, draft, NodeVersionSource.Generated, task.Id, null, now);

        // A new script is a new set of scenes: the old ones (and their shots) are in the version history.
        db.Scenes.RemoveRange(episode.Scenes);
        episode.Scenes.Clear();
        foreach (var sceneDraft in draft.Scenes)
        {
            var scene = sceneDraft.ToScene(graph.Project.Id, episode.Id);
            db.Scenes.Add(scene);
            episode.Scenes.Add(scene);
        }
        graph.Project.Advance(ProjectStage.Script);
    }
}

public sealed class SceneDesignStep(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : TextStageStep<SceneDesignContext, SceneDesign>(text, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.SceneDesign;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, SceneDesign draft, DateTimeOffset now)
    {
        var scene = graph.Scenes.FirstOrDefault(s => s.Id == task.TargetId)
            ?? throw new InvalidOperationException("the scene no longer exists");
        scene.Design = draft;
        scene.State = NodeState.Ready;
        scene.LastError = null;
        NodeVersions.Append(db, scene, SceneSnapshot.Of(scene), NodeVersionSource.Generated, task.Id, null, now); // with its lines, so a restore brings them back
        StaleMarks.AfterSceneChanged(graph, scene);
        graph.Project.Advance(ProjectStage.Scenes);
    }
}

public sealed class ShotListStep(ITextProvider text, IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
    : TextStageStep<ShotListContext, ShotListDraft>(text, contexts, clock)
{
    public override GenerationTaskType TaskType => GenerationTaskType.ShotList;

    protected override string? Problem(ShotListContext context, ShotListDraft draft) =>
        draft.Shots.Count == 0 ? "the shot list is empty" : null;

    protected override void Apply(DreamXDbContext db, ProductionGraph graph, GenerationTask task, ShotListDraft draft, DateTimeOffset now)
    {
        var scene = graph.Scenes.FirstOrDefault(s => s.Id == task.TargetId)
            ?? throw new InvalidOperationException("the scene no longer exists");
        StaleMarks.AfterSceneChanged(graph, scene);
        db.Shots.RemoveRange(scene.Shots);
        scene.Shots.Clear();
        foreach (var shotDraft in draft.Shots.OrderBy(s => s.Order))
        {
            var shot = shotDraft.ToShot(graph.Project.Id, scene.Id);
            shot.State = NodeState.Ready;
            db.Shots.Add(shot);
            scene.Shots.Add(shot);
            NodeVersions.Append(db, shot, ShotSnapshot.Of(shot), NodeVersionSource.Generated, task.Id, null, now);
        }
        scene.ShotsState = NodeState.Ready;
        scene.LastError = null;
        graph.Project.Advance(ProjectStage.Segments);
    }
}
