using DreamX.Domain.Canvas;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Production;
using DreamX.Web.Localization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Components.Pages.Projects.Production;

/// <summary>What the production has made: the bible, the cast, and every episode's scenes and shots with their media.</summary>
public partial class ProductionContent
{
    [Inject] private IStringLocalizer<ProductionText> L { get; set; } = null!;

    [Parameter, EditorRequired] public ProductionGraph Graph { get; set; } = null!;

    /// <summary>Signed URLs of the graph's media, by object key.</summary>
    [Parameter, EditorRequired] public IReadOnlyDictionary<string, string> MediaUrls { get; set; } = new Dictionary<string, string>();

    private string AspectClass => Graph.Checkpoint.AspectRatio switch
    {
        AspectRatio.Landscape16x9 => "aspect-16x9",
        AspectRatio.Square1x1 => "aspect-1x1",
        _ => "aspect-9x16",
    };

    /// <summary>Signed download links (the browser saves the file), by object key.</summary>
    [Parameter] public IReadOnlyDictionary<string, string> Downloads { get; set; } = new Dictionary<string, string>();

    private string? Download(string? key) => key is not null && Downloads.TryGetValue(key, out var url) ? url : null;

    private static string FileSize(long bytes) => bytes >= 1_000_000 ? $"{bytes / 1_000_000.0:0.0} MB" : $"{bytes / 1000.0:0} KB";

    /// <summary>The title a showcase submission proposes: the project's, with the episode's number when there are several.</summary>
    private string ShowcaseTitle(Episode episode) =>
        Graph.Episodes.Count > 1 ? $"{Graph.Project.Title} · {L["Compose.Title", episode.Number]}" : Graph.Project.Title;

    /// <summary>The best render (final before preview, then the newest) of every language the episode was composed in but <paramref name="shown"/>'s.</summary>
    private static IEnumerable<CompositionRender> OtherLanguages(Composition composition, CompositionRender shown) =>
        composition.Renders.GroupBy(r => r.Language ?? "").Where(g => g.Key != (shown.Language ?? ""))
            .Select(g => g.OrderByDescending(r => r.Quality).ThenByDescending(r => r.Version).First())
            .OrderBy(r => r.Language ?? "", StringComparer.Ordinal);

    /// <summary>A render's language in words: a version's, or the episode's own (null) as the project's language.</summary>
    private string LanguageName(string? language)
    {
        var tag = language ?? Graph.Checkpoint.Language;
        return Tr[$"Language.{tag}"] is { ResourceNotFound: false } name ? name.Value : tag;
    }

    private string? Url(string? key) => key is not null && MediaUrls.TryGetValue(key, out var url) ? url : null;

    private string Speaker(ScriptLine line) =>
        line.CharacterKey is { } key && Graph.Characters.FirstOrDefault(c => c.Key == key) is { } speaker ? speaker.Name : L["Narration"];

    private static string State(NodeState state) => state.ToString().ToLowerInvariant();
}
