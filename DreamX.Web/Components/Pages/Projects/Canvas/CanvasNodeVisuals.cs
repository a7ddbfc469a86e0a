using DreamX.Web.Canvas.ProjectGraph;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Canvas;

/// <summary>The icon of each node kind, shared by the card and the side panel.</summary>
internal static class CanvasNodeVisuals
{
    /// <summary>Every kind with an icon; the canvas page defines each once as an SVG symbol the cards refer to.</summary>
    public static readonly IReadOnlyList<string> Kinds =
    [
        ProjectNodeKinds.Checkpoint, ProjectNodeKinds.StoryBible, ProjectNodeKinds.Character, ProjectNodeKinds.Script,
        ProjectNodeKinds.Scene, ProjectNodeKinds.Segment, ProjectNodeKinds.Compose,
        ProjectNodeKinds.NoteOutline, ProjectNodeKinds.NotePage, ProjectNodeKinds.NotePost, ProjectNodeKinds.NoteExport,
        ProjectNodeKinds.SongMap,
    ];

    /// <summary>The id of the kind's symbol (see <see cref="CanvasIconSymbols"/>).</summary>
    public static string SymbolHref(string kind) => "#dx-kind-" + kind;

    /// <summary>The symbol of the cards' Generate button icon.</summary>
    public const string GenerateHref = "#dx-generate";

    public static string Icon(string kind) => kind switch
    {
        ProjectNodeKinds.Checkpoint => Icons.Material.Filled.Flag,
        ProjectNodeKinds.StoryBible => Icons.Material.Filled.MenuBook,
        ProjectNodeKinds.Character => Icons.Material.Filled.Person,
        ProjectNodeKinds.Script => Icons.Material.Filled.Description,
        ProjectNodeKinds.Scene => Icons.Material.Filled.Landscape,
        ProjectNodeKinds.Segment => Icons.Material.Filled.Movie,
        ProjectNodeKinds.Compose => Icons.Material.Filled.VideoLibrary,
        ProjectNodeKinds.NoteOutline => Icons.Material.Filled.FormatListNumbered,
        ProjectNodeKinds.NotePage => Icons.Material.Filled.Image,
        ProjectNodeKinds.NotePost => Icons.Material.Filled.EditNote,
        ProjectNodeKinds.NoteExport => Icons.Material.Filled.Collections,
        ProjectNodeKinds.SongMap => Icons.Material.Filled.QueueMusic,
        _ => Icons.Material.Filled.Circle,
    };
}
