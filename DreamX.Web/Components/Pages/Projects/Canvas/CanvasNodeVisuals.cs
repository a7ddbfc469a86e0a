using DreamX.Web.Canvas.ProjectGraph;
using MudBlazor;

namespace DreamX.Web.Components.Pages.Projects.Canvas;

/// <summary>The icon of each node kind, shared by the card and the side panel.</summary>
internal static class CanvasNodeVisuals
{
    public static string Icon(string kind) => kind switch
    {
        ProjectNodeKinds.Checkpoint => Icons.Material.Filled.Flag,
        ProjectNodeKinds.StoryBible => Icons.Material.Filled.MenuBook,
        ProjectNodeKinds.Character => Icons.Material.Filled.Person,
        ProjectNodeKinds.Script => Icons.Material.Filled.Description,
        ProjectNodeKinds.Scene => Icons.Material.Filled.Landscape,
        ProjectNodeKinds.Segment => Icons.Material.Filled.Movie,
        ProjectNodeKinds.Compose => Icons.Material.Filled.VideoLibrary,
        _ => Icons.Material.Filled.Circle,
    };
}
