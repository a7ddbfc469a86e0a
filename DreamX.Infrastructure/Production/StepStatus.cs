using DreamX.Domain.Canvas;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Generation;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// Where a production step stands over its items: how many are done, how many failed, and the state that matters most.
/// <see cref="Error"/> is the stored error of one failure (for the log and admins; a creator sees its reason).
/// </summary>
public sealed record StepStatus(ProductionStep Step, int Done, int Total, NodeState State, string? Error, int Failed = 0)
{
    /// <summary>Who made the step's current results (provider and model, and whether the built-in stood in), most first.</summary>
    public IReadOnlyList<StepMaker> MadeBy { get; init; } = [];

    public static IReadOnlyList<StepStatus> Of(ProductionGraph graph)
    {
        var shots = graph.Shots.ToList();
        var spoken = shots.Where(s => s.SpokenLine is { Text.Length: > 0 }).ToList();
        var scenes = graph.Scenes.ToList();
        // A failed translation is its language version's (the episode's language switch says why), not a stage's.
        var failures = graph.Failures.Where(f => f.Type != Domain.Generation.GenerationTaskType.TranslateScript).ToLookup(f => TaskSteps.StepOf(f.Type));
        // Only results that are still there: a shot list made again leaves the old shots' makers behind.
        var items = new HashSet<Guid> { graph.Project.Id, graph.Checkpoint.Id };
        if (graph.Bible is not null)
            items.Add(graph.Bible.Id);
        items.UnionWith(graph.Characters.Select(c => c.Id));
        items.UnionWith(graph.Episodes.Select(e => e.Id));
        items.UnionWith(scenes.Select(s => s.Id));
        items.UnionWith(shots.Select(s => s.Id));
        if (graph.Note is { } note)
            items.UnionWith(note.Pages.Select(p => p.Id).Append(note.Id));
        if (graph.Post is not null)
            items.Add(graph.Post.Id);
        if (graph.SongMap is not null)
            items.Add(graph.SongMap.Id);
        var makers = graph.Makers.Where(m => items.Contains(m.TargetId)).ToLookup(m => TaskSteps.StepOf(m.Type));
        return Steps(graph, shots, spoken, scenes, failures)
            .Select(status => status with
            {
                MadeBy = makers[status.Step].GroupBy(m => (m.Provider, m.Model, m.Fallback))
                    .Select(g => new StepMaker(g.Key.Provider, g.Key.Model, g.Key.Fallback, g.Count()))
                    .OrderByDescending(m => m.Count).ToList(),
            })
            .ToList();
    }

    private static readonly ProductionStep[] DramaPipeline =
    [
        ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Portraits, ProductionStep.Scripts, ProductionStep.SceneDesigns,
        ProductionStep.ShotLists, ProductionStep.ShotImages, ProductionStep.ShotAudio, ProductionStep.ComposePreview, ProductionStep.ComposeFinal,
    ];

    private static readonly ProductionStep[] NotePipeline = [ProductionStep.NoteOutline, ProductionStep.NotePages, ProductionStep.NotePost];

    /// <summary>A music video: the concept and an optional performer, the song map, beat-cut shots and their pictures, the cut.</summary>
    private static readonly ProductionStep[] MusicVideoPipeline =
    [
        ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Portraits, ProductionStep.SongMap, ProductionStep.MusicVideoShots,
        ProductionStep.ShotImages, ProductionStep.ComposePreview, ProductionStep.ComposeFinal,
    ];

    /// <summary>The steps of the project's own pipeline: a drama's, an image-text note's or a music video's.</summary>
    private static IReadOnlyList<StepStatus> Steps(
        ProductionGraph graph, List<Shot> shots, List<Shot> spoken, List<Scene> scenes, ILookup<ProductionStep, TaskFailure> failures) =>
        (graph.Project.Type switch
        {
            ProjectType.RedbookNote => NotePipeline,
            ProjectType.MusicMv => MusicVideoPipeline,
            _ => DramaPipeline,
        }).Select(step => Summarize(step, ItemsOf(step, graph, shots, spoken, scenes), failures[step])).ToList();

    /// <summary>The items a step makes, each with its state, whether it has its content and its last error.</summary>
    private static IEnumerable<(NodeState State, bool HasContent, string? Error)> ItemsOf(
        ProductionStep step, ProductionGraph graph, List<Shot> shots, List<Shot> spoken, List<Scene> scenes) => step switch
    {
        ProductionStep.StoryBible => graph.Bible is null ? [] : [(graph.Bible.State, graph.Bible.CurrentVersion > 0, graph.Bible.LastError)],
        ProductionStep.Characters => graph.Characters.Select(c => (c.State, c.CurrentVersion > 0, c.LastError)),
        ProductionStep.Portraits => graph.Characters.Select(c => (Media(c.State, c.PortraitKey), c.PortraitKey is not null, c.LastError)),
        ProductionStep.Scripts => graph.Episodes.Select(e => (e.State, e.CurrentVersion > 0, e.LastError)),
        ProductionStep.SceneDesigns => scenes.Select(s => (s.State, s.Design is not null, s.LastError)),
        ProductionStep.ShotLists or ProductionStep.MusicVideoShots => scenes.Select(s => (s.ShotsState, s.Shots.Count > 0, s.LastError)),
        ProductionStep.ShotImages => shots.Select(s => (Media(s.State, s.ImageKey), s.ImageKey is not null, s.LastError)),
        ProductionStep.ShotAudio => spoken.Select(s => (Media(s.State, s.AudioKey), s.AudioKey is not null, s.LastError)),
        ProductionStep.ComposePreview => graph.Compositions.Select(c => (c.State, c.Renders.Any(r => r.Quality == Domain.Scripts.RenderQuality.Preview), c.LastError)),
        ProductionStep.ComposeFinal => graph.Compositions.Select(c => (c.State, c.Renders.Any(r => r.Quality == Domain.Scripts.RenderQuality.Final), c.LastError)),
        ProductionStep.NoteOutline => graph.Note is null ? [] : [(graph.Note.State, graph.Note.CurrentVersion > 0, graph.Note.LastError)],
        ProductionStep.NotePages => (graph.Note?.Pages ?? []).OrderBy(p => p.Number).Select(p => (Media(p.State, p.ImageKey), p.ImageKey is not null, p.LastError)),
        ProductionStep.NotePost => graph.Post is null ? [] : [(graph.Post.State, graph.Post.CurrentVersion > 0, graph.Post.LastError)],
        ProductionStep.SongMap => graph.SongMap is null ? [] : [(graph.SongMap.State, graph.SongMap.CurrentVersion > 0, graph.SongMap.LastError)],
        _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not a step of a pipeline's board"),
    };

    /// <summary>A shot is Ready once its text is; for its media, "no file yet" means Empty.</summary>
    private static NodeState Media(NodeState state, string? key) =>
        key is null && state == NodeState.Ready ? NodeState.Empty : state;

    /// <param name="failed">Failed tasks of the step: a failed cast has no item to carry its state.</param>
    private static StepStatus Summarize(ProductionStep step, IEnumerable<(NodeState State, bool HasContent, string? Error)> items, IEnumerable<TaskFailure>? failed = null)
    {
        var list = items.ToList();
        var failures = (failed ?? []).ToList();
        var done = list.Count(i => i.HasContent && i.State is NodeState.Ready);
        var failedCount = Math.Max(list.Count(i => i.State == NodeState.Failed), failures.Count);
        var error = list.FirstOrDefault(i => i.State == NodeState.Failed).Error ?? failures.FirstOrDefault()?.Error;
        var state = list.Any(i => i.State is NodeState.Running) ? NodeState.Running
            : list.Any(i => i.State is NodeState.Queued) ? NodeState.Queued
            : failedCount > 0 ? NodeState.Failed
            : list.Count == 0 ? NodeState.Empty
            : list.Any(i => i.State is NodeState.Stale) ? NodeState.Stale
            : done == list.Count ? NodeState.Ready
            : NodeState.Empty;
        return new StepStatus(step, done, Math.Max(list.Count, failedCount), state, error, failedCount);
    }
}

/// <summary>A provider and model that made <paramref name="Count"/> of a step's current results; <paramref name="Fallback"/>: the
/// built-in made them standing in for a configured provider that failed.</summary>
public sealed record StepMaker(string Provider, string? Model, bool Fallback, int Count);
