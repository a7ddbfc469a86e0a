using DreamX.Domain.Canvas;

namespace DreamX.Infrastructure.Production;

/// <summary>Where a production step stands over its items: how many are done, and the state that matters most.</summary>
public sealed record StepStatus(ProductionStep Step, int Done, int Total, NodeState State, string? Error)
{
    public static IReadOnlyList<StepStatus> Of(ProductionGraph graph)
    {
        var shots = graph.Shots.ToList();
        var spoken = shots.Where(s => s.SpokenLine is { Text.Length: > 0 }).ToList();
        var scenes = graph.Scenes.ToList();
        return
        [
            Summarize(ProductionStep.StoryBible, graph.Bible is null ? [] : [(graph.Bible.State, graph.Bible.CurrentVersion > 0, graph.Bible.LastError)]),
            Summarize(ProductionStep.Characters, graph.Characters.Select(c => (c.State, c.CurrentVersion > 0, c.LastError))),
            Summarize(ProductionStep.Portraits, graph.Characters.Select(c => (Media(c.State, c.PortraitKey), c.PortraitKey is not null, c.LastError))),
            Summarize(ProductionStep.Scripts, graph.Episodes.Select(e => (e.State, e.CurrentVersion > 0, e.LastError))),
            Summarize(ProductionStep.SceneDesigns, scenes.Select(s => (s.State, s.Design is not null, s.LastError))),
            Summarize(ProductionStep.ShotLists, scenes.Select(s => (s.ShotsState, s.Shots.Count > 0, s.LastError))),
            Summarize(ProductionStep.ShotImages, shots.Select(s => (Media(s.State, s.ImageKey), s.ImageKey is not null, s.LastError))),
            Summarize(ProductionStep.ShotAudio, spoken.Select(s => (Media(s.State, s.AudioKey), s.AudioKey is not null, s.LastError))),
            Summarize(ProductionStep.ComposePreview, graph.Compositions.Select(c => (c.State, c.Renders.Any(r => r.Quality == Domain.Scripts.RenderQuality.Preview), c.LastError))),
            Summarize(ProductionStep.ComposeFinal, graph.Compositions.Select(c => (c.State, c.Renders.Any(r => r.Quality == Domain.Scripts.RenderQuality.Final), c.LastError))),
        ];
    }

    /// <summary>A shot is Ready once its text is; for its media, "no file yet" means Empty.</summary>
    private static NodeState Media(NodeState state, string? key) =>
        key is null && state == NodeState.Ready ? NodeState.Empty : state;

    private static StepStatus Summarize(ProductionStep step, IEnumerable<(NodeState State, bool HasContent, string? Error)> items)
    {
        var list = items.ToList();
        var done = list.Count(i => i.HasContent && i.State is NodeState.Ready);
        var error = list.FirstOrDefault(i => i.State == NodeState.Failed).Error;
        var state = list.Count == 0 ? NodeState.Empty
            : list.Any(i => i.State is NodeState.Running) ? NodeState.Running
            : list.Any(i => i.State is NodeState.Queued) ? NodeState.Queued
            : list.Any(i => i.State is NodeState.Failed) ? NodeState.Failed
            : list.Any(i => i.State is NodeState.Stale) ? NodeState.Stale
            : done == list.Count ? NodeState.Ready
            : NodeState.Empty;
        return new StepStatus(step, done, list.Count, state, error);
    }
}
