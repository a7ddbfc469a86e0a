using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Components.Pages.Projects.Production;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Live;

/// <summary>
/// One read of a project for its production boards: the graph with its failures, the wallet, every step's quote and
/// the signed links of what was made (by object key) and of the episodes' files (by <see cref="CanvasSnapshot.DownloadKey"/>).
/// </summary>
public sealed record BoardSnapshot(
    ProductionGraph? Graph,
    CreditBalance? Balance,
    IReadOnlyDictionary<ProductionStep, ProductionQuote> Quotes,
    IReadOnlyDictionary<string, SignedLink> Links,
    IReadOnlyDictionary<string, SignedLink> Downloads);

/// <summary>The boards' live feed: one read of a project per interval for all of a user's boards on this instance.</summary>
public sealed class BoardLiveFeed(
    ITaskProgressBus bus, IOptions<LiveOptions> options, IOptions<ObjectStorageOptions> storage, IServiceScopeFactory scopes, ILogger<BoardLiveFeed> logger)
    : ProjectLiveFeed<BoardSnapshot>(bus, options, logger)
{
    protected override async Task<BoardSnapshot> ReadAsync(string viewerId, Guid projectId, BoardSnapshot? previous, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var production = services.GetRequiredService<StageProduction>();
        var graph = await production.LoadAsync(viewerId, projectId, ct);
        if (graph is null)
            return new BoardSnapshot(null, null, new Dictionary<ProductionStep, ProductionQuote>(), new Dictionary<string, SignedLink>(), new Dictionary<string, SignedLink>());
        var balance = await services.GetRequiredService<ICreditLedger>().GetBalanceAsync(viewerId, ct);
        var steps = StepStatus.Of(graph).Select(s => ((ProductionStep, Guid?))(s.Step, null)).ToList();
        var quotes = (await production.QuoteManyAsync(viewerId, projectId, steps, ct)).ToDictionary(q => q.Key.Step, q => q.Value);

        var media = services.GetRequiredService<MediaUrls>();
        var renewAfter = storage.Value.ReadUrlLifetime / 2;
        var keys = graph.Characters.Select(c => c.PortraitKey)
            .Concat(graph.Scenes.Select(s => s.KeyArtKey))
            .Concat(graph.Shots.SelectMany(s => new[] { s.ImageKey, s.AudioKey }))
            .Concat(graph.Compositions.SelectMany(c => c.Renders).SelectMany(r => new[] { r.VideoKey, r.CoverKey }))
            .OfType<string>();
        var links = await SignedLinks.ReadAsync(media, viewerId, keys, previous?.Links, renewAfter, ct);
        var downloads = await SignedLinks.DownloadAsync(media, viewerId, EpisodeFiles(graph), previous?.Downloads, renewAfter, ct);
        return new BoardSnapshot(graph, balance, quotes, links, downloads);
    }

    /// <summary>Every render's mp4, srt, otio and Jianying/CapCut draft, named after the project, episode, language, quality and version.</summary>
    private static IEnumerable<(string Key, string Name)> EpisodeFiles(ProductionGraph graph)
    {
        foreach (var composition in graph.Compositions)
        {
            var episode = graph.Episodes.FirstOrDefault(e => e.Id == composition.EpisodeId);
            foreach (var render in composition.Renders)
            {
                var language = render.Language is { } tag ? $"-{tag}" : "";
                var name = $"{graph.Project.Title}-E{episode?.Number ?? 1}{language}-{render.Quality}-v{render.Version}".Replace(' ', '_');
                foreach (var (key, extension) in new[] { (render.VideoKey, "mp4"), (render.SubtitlesKey, "srt"), (render.TimelineKey, "otio"), (render.DraftKey, "jianying.zip") })
                {
                    if (key is not null)
                        yield return (key, $"{name}.{extension}");
                }
            }
        }
    }
}
