using DreamX.Infrastructure.Production;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.ProjectGraph;

namespace DreamX.Web.Components.Pages.Projects.Canvas;

/// <summary>
/// One generation a node offers: a production step, limited to the node's item or (a fan-out) run for the whole
/// project. <see cref="Label"/> is a CanvasPanelText key; the first action of a node is its card's main button.
/// </summary>
public sealed record CanvasNodeAction(ProductionStep Step, Guid? NodeId, string Label)
{
    /// <summary>A whole-project step shown on a node: always confirmed with its quote first.</summary>
    public bool IsFanOut => NodeId is null && Step is not (ProductionStep.StoryBible or ProductionStep.NoteOutline or ProductionStep.NotePost or ProductionStep.SongMap);

    public (ProductionStep, Guid?) QuoteKey => (Step, NodeId);

    /// <summary>A stage, a fan-out or a dear action is confirmed with its quote first: never spend by surprise.</summary>
    public bool NeedsConfirmation(ProductionQuote quote) => IsFanOut || quote.TaskCount > 1 || quote.Credits > 10;

    /// <summary>What each kind of node can make: the item itself first, then the stages that fan out from it.</summary>
    public static IReadOnlyList<CanvasNodeAction> For(NodeModel node)
    {
        var data = node.Data as ProjectNodeData;
        var id = data?.Entity?.Id;
        return node.Kind switch
        {
            ProjectNodeKinds.Checkpoint when data?.IsNote == true => [new(ProductionStep.NoteOutline, null, "Action.NoteOutline")],
            ProjectNodeKinds.NoteOutline =>
            [
                new(ProductionStep.NoteOutline, null, "Action.NoteOutlineAgain"),
                new(ProductionStep.NotePages, null, "Action.NotePages"),
                new(ProductionStep.NotePost, null, "Action.NotePost"),
            ],
            ProjectNodeKinds.NotePage => [new(ProductionStep.NotePages, id, "Action.NotePage")],
            ProjectNodeKinds.NotePost => [new(ProductionStep.NotePost, null, "Action.NotePost")],
            // A music video: the song map stands where the scripts are; shots are cut on the beat; no voices.
            ProjectNodeKinds.StoryBible when data?.IsMusicVideo == true =>
            [
                new(ProductionStep.StoryBible, null, "Action.Bible"),
                new(ProductionStep.Characters, null, "Action.Characters"),
                new(ProductionStep.Portraits, null, "Action.Portraits"),
                new(ProductionStep.SongMap, null, "Action.SongMap"),
            ],
            ProjectNodeKinds.SongMap =>
            [
                new(ProductionStep.SongMap, null, "Action.SongMap"),
                new(ProductionStep.MusicVideoShots, null, "Action.MusicVideoShots"),
                new(ProductionStep.ShotImages, null, "Action.ShotImages"),
            ],
            ProjectNodeKinds.Scene when data?.IsMusicVideo == true =>
            [
                new(ProductionStep.MusicVideoShots, id, "Action.MusicVideoShot"),
                new(ProductionStep.ShotImages, null, "Action.ShotImages"),
            ],
            ProjectNodeKinds.Segment when data?.IsMusicVideo == true => [new(ProductionStep.ShotImages, id, "Action.Image")],
            ProjectNodeKinds.Compose when data?.IsMusicVideo == true =>
            [
                new(ProductionStep.ComposePreview, id, "Action.Preview"),
                new(ProductionStep.ComposeFinal, id, "Action.Final"),
            ],
            ProjectNodeKinds.Checkpoint => [new(ProductionStep.StoryBible, null, "Action.StoryBible")],
            ProjectNodeKinds.StoryBible =>
            [
                new(ProductionStep.StoryBible, null, "Action.Bible"),
                new(ProductionStep.Characters, null, "Action.Characters"),
                new(ProductionStep.Portraits, null, "Action.Portraits"),
                new(ProductionStep.Scripts, null, "Action.Scripts"),
            ],
            ProjectNodeKinds.Character => [new(ProductionStep.Portraits, id, "Action.Portrait")],
            ProjectNodeKinds.Script =>
            [
                new(ProductionStep.Scripts, id, "Action.Script"),
                new(ProductionStep.SceneDesigns, null, "Action.SceneDesigns"),
                new(ProductionStep.ShotLists, null, "Action.ShotLists"),
            ],
            ProjectNodeKinds.Scene =>
            [
                new(ProductionStep.SceneDesigns, id, "Action.SceneDesign"),
                new(ProductionStep.ShotLists, id, "Action.ShotList"),
                new(ProductionStep.ShotImages, null, "Action.ShotImages"),
                new(ProductionStep.ShotAudio, null, "Action.ShotAudio"),
            ],
            ProjectNodeKinds.Segment =>
            [
                new(ProductionStep.ShotImages, id, "Action.Image"),
                new(ProductionStep.ShotAudio, id, "Action.Audio"),
                new(ProductionStep.ShotVideos, id, "Action.Video"),
            ],
            ProjectNodeKinds.Compose =>
            [
                new(ProductionStep.ComposePreview, id, "Action.Preview"),
                new(ProductionStep.ComposeFinal, id, "Action.Final"),
                new(ProductionStep.ShotVideos, id, "Action.Videos"),
            ],
            _ => [],
        };
    }
}
