using DreamX.Domain.Characters;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using DreamX.Infrastructure.Production;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.ProjectGraph;

namespace DreamX.Web.Components.Pages.Projects.Canvas;

/// <summary>
/// The step that comes after a node, offered on its card once its inputs exist and until it is done: the canvas leads
/// from the story bible to the final episode without a side panel (cast, scripts, scenes, shots, images, voices, final).
/// </summary>
public static class CanvasNextStep
{
    /// <summary>The next action of <paramref name="node"/>, or null when its next step is done or not possible yet.</summary>
    public static CanvasNodeAction? For(NodeModel node, Diagram diagram)
    {
        var entities = diagram.Nodes.Select(n => (n.Data as ProjectNodeData)?.Entity).ToList();
        var shots = entities.OfType<Shot>().ToList();
        if ((node.Data as ProjectNodeData)?.IsMusicVideo == true)
            return ForMusicVideo(node, entities, shots);
        switch ((node.Data as ProjectNodeData)?.Entity)
        {
            case DreamX.Domain.Notes.Note { CurrentVersion: > 0 }:
                if (entities.OfType<DreamX.Domain.Notes.NotePage>().Any(p => p.ImageKey is null))
                    return new(ProductionStep.NotePages, null, "Next.NotePages");
                return entities.OfType<DreamX.Domain.Notes.NotePost>().Any(p => p.CurrentVersion > 0) ? null : new(ProductionStep.NotePost, null, "Next.NotePost");
            case StoryBible { CurrentVersion: > 0 }:
                if (!entities.OfType<Character>().Any())
                    return new(ProductionStep.Characters, null, "Next.Characters");
                return entities.OfType<Episode>().Any(e => e.CurrentVersion == 0) ? new(ProductionStep.Scripts, null, "Next.Scripts") : null;
            case Episode { CurrentVersion: > 0 } episode:
                var scenes = entities.OfType<Scene>().Where(s => s.EpisodeId == episode.Id).ToList();
                if (scenes.Count == 0)
                    return null;
                if (scenes.Any(s => s.Design is null))
                    return new(ProductionStep.SceneDesigns, null, "Next.SceneDesigns");
                return scenes.Any(s => s.Shots.Count == 0 && !HasShotNodes(shots, s)) ? new(ProductionStep.ShotLists, null, "Next.ShotLists") : null;
            case Scene scene:
                if (!HasShotNodes(shots, scene))
                    return new(ProductionStep.ShotLists, scene.Id, "Next.ShotList");
                if (shots.Any(s => s.ImageKey is null && s.ClipKey is null))
                    return new(ProductionStep.ShotImages, null, "Next.ShotImages");
                return shots.Any(NeedsVoice) ? new(ProductionStep.ShotAudio, null, "Next.ShotAudio") : null;
            case Shot shot:
                return NeedsVoice(shot) && (shot.ImageKey is not null || shot.ClipKey is not null) ? new(ProductionStep.ShotAudio, shot.Id, "Next.Audio") : null;
            case Composition composition:
                return composition.Renders.Any(r => r.Quality == RenderQuality.Preview) && composition.Renders.All(r => r.Quality != RenderQuality.Final)
                    ? new(ProductionStep.ComposeFinal, composition.Id, "Next.Final")
                    : null;
            default:
                return null;
        }
    }

    /// <summary>A music video's spine: bible → song map → beat-cut shots → pictures → final (the cast is optional, nothing is voiced).</summary>
    private static CanvasNodeAction? ForMusicVideo(NodeModel node, List<DreamX.Domain.Canvas.CanvasNode?> entities, List<Shot> shots)
    {
        var mapped = entities.OfType<DreamX.Domain.MusicVideos.SongMap>().Any(m => m.CurrentVersion > 0);
        var scenes = entities.OfType<Scene>().ToList();
        switch ((node.Data as ProjectNodeData)?.Entity)
        {
            case StoryBible { CurrentVersion: > 0 }:
                return mapped ? null : new(ProductionStep.SongMap, null, "Next.SongMap");
            case DreamX.Domain.MusicVideos.SongMap { CurrentVersion: > 0 }:
                if (scenes.Any(s => !HasShotNodes(shots, s)))
                    return new(ProductionStep.MusicVideoShots, null, "Next.MusicVideoShots");
                return shots.Any(s => s.ImageKey is null) ? new(ProductionStep.ShotImages, null, "Next.ShotImages") : null;
            case Scene scene:
                if (!HasShotNodes(shots, scene))
                    return new(ProductionStep.MusicVideoShots, scene.Id, "Next.MusicVideoShot");
                return shots.Any(s => s.ImageKey is null) ? new(ProductionStep.ShotImages, null, "Next.ShotImages") : null;
            case Composition composition:
                return composition.Renders.Any(r => r.Quality == RenderQuality.Preview) && composition.Renders.All(r => r.Quality != RenderQuality.Final)
                    ? new(ProductionStep.ComposeFinal, composition.Id, "Next.Final")
                    : null;
            default:
                return null;
        }
    }

    private static bool HasShotNodes(List<Shot> shots, Scene scene) => shots.Any(s => s.SceneId == scene.Id);

    private static bool NeedsVoice(Shot shot) => shot.SpokenLine is { Text.Length: > 0 } && shot.AudioKey is null;
}
