using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Scripts;

namespace DreamX.Infrastructure.Production;

/// <summary>
/// What goes stale when a node changes (SPEC §2): everything made from it, downstream along the spine. Stale nodes
/// keep their content; only Ready or Failed nodes become Stale (an Empty node has nothing to be stale about).
/// </summary>
public static class StaleMarks
{
    public static void AfterCheckpointChanged(ProductionGraph graph)
    {
        graph.Note?.MarkStale();
        if (graph.Note is not null)
            AfterNoteOutlineChanged(graph);
        graph.Bible?.MarkStale();
        AfterBibleChanged(graph);
        // A music video's song map is made from the song, the lyrics and the idea.
        graph.SongMap?.MarkStale();
    }

    /// <summary>A note's pages and post are made from its outline.</summary>
    public static void AfterNoteOutlineChanged(ProductionGraph graph)
    {
        graph.Note?.Pages.ForEach(p => p.MarkStale());
        graph.Post?.MarkStale();
    }

    public static void AfterBibleChanged(ProductionGraph graph)
    {
        graph.Characters.ForEach(c => c.MarkStale());
        AfterCastChanged(graph);
    }

    /// <summary>Scripts are written from the bible and the cast.</summary>
    public static void AfterCastChanged(ProductionGraph graph)
    {
        foreach (var episode in graph.Episodes)
        {
            episode.MarkStale();
            AfterEpisodeChanged(graph, episode);
        }
    }

    public static void AfterEpisodeChanged(ProductionGraph graph, Episode episode)
    {
        foreach (var scene in episode.Scenes)
        {
            scene.MarkStale();
            AfterSceneChanged(graph, scene);
        }
        CompositionOf(graph, episode.Id)?.MarkStale();
    }

    public static void AfterSceneChanged(ProductionGraph graph, Scene scene)
    {
        if (scene.ShotsState is NodeState.Ready or NodeState.Failed)
            scene.ShotsState = NodeState.Stale;
        scene.Shots.ForEach(s => s.MarkStale());
        CompositionOf(graph, scene.EpisodeId)?.MarkStale();
    }

    public static void AfterShotChanged(ProductionGraph graph, Shot shot) =>
        CompositionOf(graph, graph.SceneOf(shot).EpisodeId)?.MarkStale();

    /// <summary>A character's look or voice is in every shot they appear in.</summary>
    public static void AfterCharacterChanged(ProductionGraph graph, Character character)
    {
        foreach (var shot in graph.Shots.Where(s => s.CharacterKeys.Contains(character.Key) || s.SpokenLine?.CharacterKey == character.Key))
        {
            shot.MarkStale();
            AfterShotChanged(graph, shot);
        }
    }

    private static Composition? CompositionOf(ProductionGraph graph, Guid episodeId) =>
        graph.Compositions.FirstOrDefault(c => c.EpisodeId == episodeId);
}
