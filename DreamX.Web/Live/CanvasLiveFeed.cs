using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Canvas.Core;
using DreamX.Web.Canvas.ProjectGraph;
using DreamX.Web.Components.Pages.Projects.Canvas;
using Microsoft.Extensions.Options;
using Graph = DreamX.Infrastructure.Canvas.ProjectGraph;

namespace DreamX.Web.Live;

/// <summary>A signed link and when it was signed (links are renewed well before they expire).</summary>
public sealed record SignedLink(string Url, DateTime SignedAt);

/// <summary>
/// Signs what a live snapshot shows, keeping the previous snapshot's links that are not yet due for renewal; each call is
/// one batch of <see cref="MediaUrls"/> (the access rule's lookups once per project, not per link).
/// </summary>
public static class SignedLinks
{
    /// <summary>Links to view objects, by object key.</summary>
    public static async Task<Dictionary<string, SignedLink>> ReadAsync(
        MediaUrls media, string viewerId, IEnumerable<string> keys, IReadOnlyDictionary<string, SignedLink>? known, TimeSpan renewAfter, CancellationToken ct)
    {
        var links = new Dictionary<string, SignedLink>();
        var reader = ObjectReader.User(viewerId);
        media = media.ForBatch();
        foreach (var key in keys.Distinct())
        {
            if (known?.GetValueOrDefault(key) is { } link && DateTime.UtcNow - link.SignedAt < renewAfter)
            {
                links[key] = link;
                continue;
            }
            if (ObjectKey.TryParse(key, out var parsed) && await media.GetReadUrlAsync(parsed, reader, ct) is { IsSuccess: true } url)
                links[key] = new SignedLink(url.Value, DateTime.UtcNow);
        }
        return links;
    }

    /// <summary>
    /// Links to the cards' small pictures (<see cref="CardThumbnails"/>), by the picture's object key; the picture's own
    /// link when no thumbnail can be made of it. Only pictures in <paramref name="pictures"/> (the read's signed links: what
    /// the viewer may see) get one; a thumbnail lives in the same project as its picture, so the same access rule signs it.
    /// Thumbnails not yet made are made here, a few at a time.
    /// </summary>
    public static async Task<Dictionary<string, SignedLink>> ThumbnailsAsync(
        MediaUrls media, CardThumbnails thumbnails, string viewerId, IEnumerable<string> keys, IReadOnlyDictionary<string, SignedLink> pictures,
        IReadOnlyDictionary<string, SignedLink>? known, TimeSpan renewAfter, CancellationToken ct)
    {
        var links = new Dictionary<string, SignedLink>(StringComparer.Ordinal);
        var due = new List<(ObjectKey Picture, SignedLink Whole)>();
        foreach (var key in keys.Distinct())
        {
            if (pictures.GetValueOrDefault(key) is not { } whole)
                continue;
            if (known?.GetValueOrDefault(key) is { } link && DateTime.UtcNow - link.SignedAt < renewAfter)
                links[key] = link;
            else if (ObjectKey.TryParse(key, out var parsed))
                due.Add((parsed, whole));
        }
        if (due.Count == 0)
            return links;

        var made = new ObjectKey?[due.Count];
        await Parallel.ForAsync(0, due.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            async (i, token) =>
            {
                try
                {
                    made[i] = await thumbnails.ForAsync(due[i].Picture, token);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Storage that cannot be asked now (a thumbnail is a courtesy): the card shows the whole picture, and
                    // the read, which needs nothing else from storage, goes on.
                    made[i] = null;
                }
            });
        var reader = ObjectReader.User(viewerId);
        media = media.ForBatch();
        for (var i = 0; i < due.Count; i++)
        {
            var (picture, whole) = due[i];
            links[picture.Value] = made[i] is { } thumbnail
                && await media.GetReadUrlAsync(thumbnail, reader, ct) is { IsSuccess: true } small
                ? new SignedLink(small.Value, DateTime.UtcNow)
                : whole;
        }
        return links;
    }

    /// <summary>Links that save objects under a name, by <see cref="CanvasSnapshot.DownloadKey"/>.</summary>
    public static async Task<Dictionary<string, SignedLink>> DownloadAsync(
        MediaUrls media, string viewerId, IEnumerable<(string Key, string Name)> files, IReadOnlyDictionary<string, SignedLink>? known, TimeSpan renewAfter,
        CancellationToken ct)
    {
        var links = new Dictionary<string, SignedLink>();
        var reader = ObjectReader.User(viewerId);
        media = media.ForBatch();
        foreach (var (key, name) in files)
        {
            var id = CanvasSnapshot.DownloadKey(key, name);
            if (known?.GetValueOrDefault(id) is { } link && DateTime.UtcNow - link.SignedAt < renewAfter)
            {
                links[id] = link;
                continue;
            }
            if (ObjectKey.TryParse(key, out var parsed) && await media.GetDownloadUrlAsync(parsed, reader, name, ct) is { IsSuccess: true } url)
                links[id] = new SignedLink(url.Value, DateTime.UtcNow);
        }
        return links;
    }
}

/// <summary>
/// One read of a project for its canvases: the stored graph and placements (each page lays out its own diagram from
/// them), the price of every node's actions, signed links of its pictures, clips and episodes, who made the clips.
/// Shared, read-only: pages copy what they show into their own diagram.
/// </summary>
public sealed record CanvasSnapshot(
    Graph? Graph,
    IReadOnlyDictionary<string, CanvasNodePlacement> Placements,
    IReadOnlyDictionary<(ProductionStep, Guid?), ProductionQuote> Quotes,
    IReadOnlyDictionary<string, SignedLink> Links,
    IReadOnlyDictionary<string, SignedLink> Downloads,
    IReadOnlyDictionary<Guid, string> ClipMakers)
{
    /// <summary>Links to the cards' small pictures by the picture's object key (see <see cref="CardThumbnails"/>). The early
    /// part of a read carries the previous read's (a picture new since then shows its kind's icon until the whole read).</summary>
    public IReadOnlyDictionary<string, SignedLink> Thumbnails { get; init; } = new Dictionary<string, SignedLink>();

    /// <summary>The project is not there for this viewer (another user's, or deleted).</summary>
    public static CanvasSnapshot NotFound { get; } = new(null, new Dictionary<string, CanvasNodePlacement>(),
        new Dictionary<(ProductionStep, Guid?), ProductionQuote>(), new Dictionary<string, SignedLink>(), new Dictionary<string, SignedLink>(),
        new Dictionary<Guid, string>());

    /// <summary>A download link's key: the object key and the name the browser saves it as.</summary>
    public static string DownloadKey(string objectKey, string fileName) => $"{objectKey}|{fileName}";
}

/// <summary>The canvases' live feed: one read of a project per interval for all of a user's canvases on this instance.</summary>
public sealed class CanvasLiveFeed(
    ITaskProgressBus bus, IOptions<LiveOptions> options, IOptions<ObjectStorageOptions> storage, IServiceScopeFactory scopes, ILogger<CanvasLiveFeed> logger)
    : ProjectLiveFeed<CanvasSnapshot>(bus, options, logger)
{
    protected override Task<CanvasSnapshot> ReadAsync(string viewerId, Guid projectId, CanvasSnapshot? previous, CancellationToken ct) =>
        ReadAsync(viewerId, projectId, previous, _ => { }, ct);

    /// <summary>
    /// Reads the graph, its placements, links and clip makers, hands that out early with no prices (a page that has
    /// nothing yet draws it; its buttons wait for their price), then prices every action of every node. The prices are
    /// the dear part of a read (hundreds of quotes for a large project), so a canvas does not wait for them to draw.
    /// The diagram is built once per read, for the prices' keys, the links and the downloads.
    /// </summary>
    protected override async Task<CanvasSnapshot> ReadAsync(string viewerId, Guid projectId, CanvasSnapshot? previous, Action<CanvasSnapshot> early,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var graph = await services.GetRequiredService<ProjectGraphReader>().ReadAsync(viewerId, projectId, ct);
        if (graph.IsFailure)
            return CanvasSnapshot.NotFound;
        var placements = await services.GetRequiredService<CanvasPlacements>().LoadAsync(viewerId, projectId, ct);
        var diagram = ProjectGraphMapper.ToDiagram(graph.Value, placements);

        var media = services.GetRequiredService<MediaUrls>();
        var renewAfter = storage.Value.ReadUrlLifetime / 2;
        var links = await SignedLinks.ReadAsync(media, viewerId, ReadKeys(graph.Value, diagram), previous?.Links, renewAfter, ct);
        var downloads = await SignedLinks.DownloadAsync(media, viewerId, DownloadFiles(graph.Value, diagram), previous?.Downloads, renewAfter, ct);
        var production = services.GetRequiredService<StageProduction>();
        var makers = graph.Value.Episodes.SelectMany(e => e.Scenes).SelectMany(s => s.Shots).Any(s => s.ClipKey is not null)
            ? await production.ClipMakersAsync(viewerId, projectId, ct)
            : new Dictionary<Guid, string>();
        early(new CanvasSnapshot(graph.Value, placements, new Dictionary<(ProductionStep, Guid?), ProductionQuote>(), links, downloads, makers)
        {
            Thumbnails = previous?.Thumbnails ?? new Dictionary<string, SignedLink>(),
        });

        // The cards' small pictures (made now when new), and every action of every node priced once, so neither a card
        // nor an opened side panel prices its own.
        var thumbnails = await SignedLinks.ThumbnailsAsync(media, services.GetRequiredService<CardThumbnails>(), viewerId, CardPictures(diagram),
            links, previous?.Thumbnails, renewAfter, ct);
        var keys = diagram.Nodes.SelectMany(n => CanvasNodeAction.For(n).Concat(CanvasCardActions.Of(n, diagram))).Select(a => a.QuoteKey).Distinct().ToList();
        var quotes = await production.QuoteManyAsync(viewerId, projectId, keys, ct);
        return new CanvasSnapshot(graph.Value, placements, quotes, links, downloads, makers) { Thumbnails = thumbnails };
    }

    /// <summary>The pictures the cards show small (each node's thumbnail picture).</summary>
    private static IEnumerable<string> CardPictures(Diagram diagram) =>
        diagram.Nodes.Select(n => (n.Data as ProjectNodeData)?.ThumbnailKey).OfType<string>();

    /// <summary>What the cards and their panels show: pictures, shots' clips, the compose nodes' latest videos.</summary>
    private static IEnumerable<string> ReadKeys(Graph graph, Diagram diagram)
    {
        foreach (var node in diagram.Nodes)
        {
            if (node.Data is not ProjectNodeData data)
                continue;
            if (data.ThumbnailKey is { } thumbnail)
                yield return thumbnail;
            if (data.Entity is Shot { ClipKey: { } clip })
                yield return clip;
            if (data.Kind == NodeKind.NoteExport)
            {
                foreach (var page in data.NotePages)
                {
                    if (page.ImageKey is { } image)
                        yield return image;
                }
            }
        }
        foreach (var composition in graph.Compositions)
        {
            if (composition.Renders.MaxBy(r => r.Version) is { } render)
                yield return render.VideoKey;
        }
    }

    /// <summary>
    /// What is offered for download: each episode's latest render (mp4, srt, otio, the Jianying/CapCut draft), named after
    /// the project, episode and version, and a note's pages as their numbered files.
    /// </summary>
    private static IEnumerable<(string Key, string Name)> DownloadFiles(Graph graph, Diagram diagram)
    {
        foreach (var composition in graph.Compositions)
        {
            // The latest render of every language the episode was composed in (its own and its language versions).
            foreach (var render in LatestPerLanguage(composition))
            {
                foreach (var (key, _, extension) in EpisodeFiles(render))
                    yield return (key, $"{EpisodeFileName(graph, composition, render)}.{extension}");
            }
        }
        foreach (var node in diagram.Nodes)
        {
            if (node.Data is not ProjectNodeData { Kind: NodeKind.NoteExport } data)
                continue;
            var pages = data.NotePages.ToList();
            for (var i = 0; i < pages.Count; i++)
            {
                if (pages[i].ImageKey is { } image)
                    yield return (image, Infrastructure.Media.Notes.NoteExport.FileName(i));
            }
        }
    }

    /// <summary>A render's files the compose node offers: object key, format shown, file extension.</summary>
    public static IEnumerable<(string Key, string Format, string Extension)> EpisodeFiles(CompositionRender render)
    {
        foreach (var (key, format, extension) in new[]
                 {
                     (render.VideoKey, "mp4", "mp4"), (render.SubtitlesKey, "srt", "srt"), (render.TimelineKey, "otio", "otio"),
                     (render.DraftKey, "jianying", "jianying.zip"),
                 })
        {
            if (key is not null)
                yield return (key, format, extension);
        }
    }

    /// <summary>"Title-E1-Final-v2" ("Title-E1-en-US-Final-v3" for a language version): what an episode's files are saved as.</summary>
    public static string EpisodeFileName(Graph graph, Composition composition, CompositionRender render)
    {
        var number = graph.Episodes.FirstOrDefault(e => e.Id == composition.EpisodeId)?.Number ?? 1;
        var language = render.Language is { } tag ? $"-{tag}" : "";
        return $"{graph.Project.Title}-E{number}{language}-{render.Quality}-v{render.Version}".Replace(' ', '_');
    }

    /// <summary>The newest render of each language an episode was composed in, the newest first.</summary>
    public static IEnumerable<CompositionRender> LatestPerLanguage(Composition composition) =>
        composition.Renders.GroupBy(r => r.Language ?? "").Select(g => g.MaxBy(r => r.Version)!).OrderByDescending(r => r.Version);
}
