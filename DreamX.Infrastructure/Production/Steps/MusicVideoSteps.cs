using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Production.Steps;

/// <summary>
/// A song map's inputs, fixed at queue time: the analysis of the part of the song the video covers (times from the
/// excerpt's start), the lyrics as the creator gave them (LRC times are shifted by <paramref name="ExcerptStart"/>), the
/// visual concept and the language.
/// </summary>
public sealed record SongMapInput(SongAnalysis Song, string? Lyrics, double ExcerptStart, double DurationSeconds, string Concept, string Language);

/// <summary>What the song map step made: the tempo, the video's length and the sections with their lyric lines.</summary>
public sealed record SongMapResult(double Tempo, double DurationSeconds, IReadOnlyList<SongMapSection> Sections);

/// <summary>
/// A section's shot list inputs: the section as the song map has it now (the creator's look and lyrics), the beats
/// inside it, the beat period, the language and the performer (a character key) the close shots show, if any.
/// </summary>
public sealed record MusicVideoShotsInput(SongMapSection Section, IReadOnlyList<double> Beats, double BeatPeriod, string Language, string? Performer);

public sealed record MusicVideoShotsResult(IReadOnlyList<MusicVideoShotPlan> Shots);

/// <summary>
/// A music video's song map, planned by the studio from the song's analysis (no model is asked: the sections, their
/// times and the beats are measured, and the lyrics are placed by <see cref="SongMapPlanner"/>): one section per energy
/// change, its lyric lines (LRC times kept, plain lines spread over the sung sections) and what its pictures show.
/// Lands on the song map node and keeps one scene per section in the video's episode (a scene whose section changed
/// goes stale; its shots stay until they are cut again).
/// </summary>
public sealed class SongMapStep(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock) : IGenerationStep
{
    public GenerationTaskType TaskType => GenerationTaskType.SongMap;

    /// <summary>The same song, lyrics and concept always give the same map: the cache may answer a repeat.</summary>
    public StepRoute? Route(GenerationTask task) => new("studio", "song-map");

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        var input = StageJson.Deserialize<SongMapInput>(context.Task.InputJson ?? "");
        if (input.IsFailure)
            throw new InvalidOperationException($"the task's inputs cannot be read: {input.Error}");
        await context.ReportAsync(10, "mapping the song");
        var request = input.Value;
        if (!LyricsParser.TryParse(request.Lyrics, out var lyrics, out var error))
            throw new InvalidOperationException($"the lyrics cannot be read (line {error!.Line}: {error.Code})");
        var placed = SongMapPlanner.PlaceLyrics(lyrics, request.Song, request.ExcerptStart);
        var sections = MusicVideoPlanner.SongMap(request.Song, placed, request.Concept, request.Language);
        if (sections.Count == 0)
            throw new InvalidOperationException("the song's analysis has no sections");
        var result = new SongMapResult(Math.Round(request.Song.Tempo, 2), Math.Round(request.DurationSeconds, 3), sections);
        return new StepResult(StageJson.Serialize(result), new ProviderUsage("studio", "song-map"));
    }

    public async Task ApplyAsync(GenerationTask task, string resultJson, CancellationToken cancellationToken)
    {
        var result = StageJson.Deserialize<SongMapResult>(resultJson);
        if (result.IsFailure)
            throw new InvalidOperationException($"the stored result cannot be read: {result.Error}");
        await GraphUpdates.ApplyAsync(contexts, task.ProjectId, (db, graph) =>
        {
            var map = graph.SongMap ?? throw new InvalidOperationException("the song map node is missing");
            var now = clock.GetUtcNow();
            var lyricsBefore = map.Sections.SelectMany(x => x.Lyrics).ToList();
            map.Tempo = result.Value.Tempo;
            map.DurationSeconds = result.Value.DurationSeconds;
            map.Sections = [.. result.Value.Sections];
            map.State = NodeState.Ready;
            map.LastError = null;
            NodeVersions.Append(db, map, SongMapSnapshot.Of(map), NodeVersionSource.Generated, task.Id, null, now);
            MusicVideoScenes.Sync(db, graph, map, now);
            // The lyrics are the video's subtitles.
            if (!lyricsBefore.SequenceEqual(map.Sections.SelectMany(x => x.Lyrics)))
                graph.Compositions.ForEach(c => c.MarkStale());
            graph.Project.Advance(ProjectStage.Script);
            graph.Project.Touch();
        }, cancellationToken);
    }
}

/// <summary>Keeps a music video's scenes in step with its song map: one scene per section, in the video's episode.</summary>
public static class MusicVideoScenes
{
    public static void Sync(DreamXDbContext db, ProductionGraph graph, SongMap map, DateTimeOffset now)
    {
        var episode = graph.Episodes.OrderBy(e => e.Number).FirstOrDefault()
                      ?? throw new InvalidOperationException("the video's episode is missing (make the story bible first)");
        var chinese = graph.Checkpoint.Language.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        var changed = false;
        foreach (var section in map.Sections)
        {
            var scene = episode.Scenes.FirstOrDefault(s => s.Number == section.Number);
            var location = section.Label(chinese);
            if (scene is null)
            {
                scene = new Scene
                {
                    ProjectId = graph.Project.Id, EpisodeId = episode.Id, Number = section.Number,
                    Setting = SceneSetting.Exterior, TimeOfDay = TimeOfDay.Night,
                };
                db.Scenes.Add(scene);
                episode.Scenes.Add(scene);
            }
            else if (scene.Location == location && scene.ActionLines is [var look] && look == section.Look)
            {
                continue;
            }
            else
            {
                // What the section shows or where it falls changed: its shots were cut and drawn for the old one.
                StaleMarks.AfterSceneChanged(graph, scene);
            }
            changed = true;
            scene.Location = location.Length > 120 ? location[..120] : location;
            scene.ActionLines = [section.Look];
            scene.Lines = [];
            scene.State = NodeState.Ready;
            scene.LastError = null;
            NodeVersions.Append(db, scene, SceneSnapshot.Of(scene), NodeVersionSource.Generated, null, null, now);
        }
        foreach (var gone in episode.Scenes.Where(s => map.Sections.All(x => x.Number != s.Number)).ToList())
        {
            changed = true;
            db.Scenes.Remove(gone);
            episode.Scenes.Remove(gone);
            StaleMarks.AfterEpisodeChanged(graph, episode);
        }
        if (episode.State != NodeState.Ready)
        {
            episode.State = NodeState.Ready;
            episode.LastError = null;
        }
        if (changed)
            graph.Compositions.FirstOrDefault(c => c.EpisodeId == episode.Id)?.MarkStale();
    }
}

/// <summary>
/// A music video scene's shots, cut on its section's beats by the studio (<see cref="MusicVideoPlanner.Shots"/>): a bar
/// per shot in a loud section, up to four in a quiet one, framed and moved by the energy, each picture described from the
/// section's look and the lyric sung over it. No lines are spoken: the song is the soundtrack.
/// </summary>
public sealed class MusicVideoShotsStep(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock) : IGenerationStep
{
    public GenerationTaskType TaskType => GenerationTaskType.MusicVideoShots;

    public StepRoute? Route(GenerationTask task) => new("studio", "beat-cut");

    public async Task<StepResult> ExecuteAsync(GenerationStepContext context)
    {
        var input = StageJson.Deserialize<MusicVideoShotsInput>(context.Task.InputJson ?? "");
        if (input.IsFailure)
            throw new InvalidOperationException($"the task's inputs cannot be read: {input.Error}");
        await context.ReportAsync(10, "cutting on the beat");
        var request = input.Value;
        var shots = MusicVideoPlanner.Shots(request.Section, request.Beats, request.BeatPeriod, request.Language);
        if (shots.Count == 0)
            throw new InvalidOperationException($"section {request.Section.Number} has no room for a shot");
        return new StepResult(StageJson.Serialize(new MusicVideoShotsResult(shots)), new ProviderUsage("studio", "beat-cut"));
    }

    public async Task ApplyAsync(GenerationTask task, string resultJson, CancellationToken cancellationToken)
    {
        var result = StageJson.Deserialize<MusicVideoShotsResult>(resultJson);
        var input = StageJson.Deserialize<MusicVideoShotsInput>(task.InputJson ?? "");
        if (result.IsFailure || input.IsFailure)
            throw new InvalidOperationException($"the stored result cannot be read: {result.Error ?? input.Error}");
        await GraphUpdates.ApplyAsync(contexts, task.ProjectId, (db, graph) =>
        {
            var scene = graph.Scenes.FirstOrDefault(s => s.Id == task.TargetId)
                        ?? throw new InvalidOperationException("the scene no longer exists");
            var now = clock.GetUtcNow();
            StaleMarks.AfterSceneChanged(graph, scene);
            db.Shots.RemoveRange(scene.Shots);
            scene.Shots.Clear();
            foreach (var plan in result.Value.Shots.OrderBy(s => s.Number))
            {
                var shot = new Shot
                {
                    ProjectId = graph.Project.Id,
                    SceneId = scene.Id,
                    Order = plan.Number,
                    ShotType = plan.ShotType,
                    CameraMove = plan.Move,
                    DurationSeconds = Math.Clamp(Math.Round((decimal)plan.Duration, 2), Shot.MinDurationSeconds, Shot.MaxDurationSeconds),
                    VisualPrompt = plan.Prompt,
                    CharacterKeys = input.Value.Performer is { } performer && ShowsPerformer(plan.ShotType) ? [performer] : [],
                    SpokenLine = null,
                    Transition = ShotTransition.Cut,
                    State = NodeState.Ready,
                };
                db.Shots.Add(shot);
                scene.Shots.Add(shot);
                NodeVersions.Append(db, shot, ShotSnapshot.Of(shot), NodeVersionSource.Generated, task.Id, null, now);
            }
            scene.ShotsState = NodeState.Ready;
            scene.LastError = null;
            graph.Project.Advance(ProjectStage.Segments);
            graph.Project.Touch();
        }, cancellationToken);
    }

    /// <summary>The performer is in the close and medium shots; wide shots show the world of the song.</summary>
    private static bool ShowsPerformer(ShotType type) => type is ShotType.CloseUp or ShotType.MediumCloseUp or ShotType.Medium;
}
