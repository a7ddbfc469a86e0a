using DreamX.Domain.Scripts;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Canvas;
using DreamX.Infrastructure.Storage;
using DreamX.Web.Api.Foundation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace DreamX.Web.Api.Projects;

/// <summary>A short-lived signed link (no token needed to follow it) and when it stops working.</summary>
public sealed record DownloadLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>A render's files: the MP4, its SRT subtitles, its OTIO timeline and its Jianying/CapCut draft folder as a ZIP
/// (absent ones are null).</summary>
public sealed record RenderDownloads(Guid RenderId, int Version, RenderQuality Quality, decimal DurationSeconds, DownloadLink Video, DownloadLink? Subtitles,
    DownloadLink? Timeline, DownloadLink? JianyingDraft = null);

/// <summary>A shot's media: its image, its voice and its clip (absent ones are null).</summary>
public sealed record ShotDownloads(Guid ShotId, DownloadLink? Image, DownloadLink? Audio, DownloadLink? Clip);

/// <summary>Signed download links for renders and shot media, issued by the same access rule as the studio's pages.</summary>
public static class DownloadEndpoints
{
    public static RouteGroupBuilder MapDownloadEndpoints(this RouteGroupBuilder projects)
    {
        projects.MapGet("/{projectId:guid}/compositions/{compositionId:guid}/downloads", RenderAsync).WithName("GetRenderDownloads")
            .WithSummary("Signed links to an episode's newest render (or ?quality=Preview|Final, ?version=n): MP4, SRT, OTIO, Jianying/CapCut draft ZIP");
        projects.MapGet("/{projectId:guid}/shots/{shotId:guid}/downloads", ShotAsync).WithName("GetShotDownloads")
            .WithSummary("Signed links to a shot's image, audio and clip");
        return projects;
    }

    private static async Task<Results<Ok<RenderDownloads>, ProblemHttpResult>> RenderAsync(
        Guid projectId, Guid compositionId, [FromQuery] RenderQuality? quality, [FromQuery] int? version, [FromQuery] string? language, HttpContext http,
        ProjectGraphReader graphs, MediaUrls media, IOptions<ObjectStorageOptions> storage, TimeProvider clock, CancellationToken ct)
    {
        var userId = http.UserId();
        var graph = await graphs.ReadAsync(userId, projectId, ct);
        if (graph.IsFailure)
            return ApiProblems.NotFound("There is no such project.", graph.Error);
        var composition = graph.Value.Compositions.FirstOrDefault(c => c.Id == compositionId);
        if (composition is null)
            return ApiProblems.NotFound("There is no such composition.", "composition.not_found");
        var render = composition.Renders
            .Where(r => quality is null || r.Quality == quality)
            .Where(r => version is null || r.Version == version)
            // A language version's renders by its language; the episode's own by the project's language.
            .Where(r => language is null || (r.Language ?? graph.Value.Project.Checkpoint.Language) == language)
            .OrderByDescending(r => r.Quality).ThenByDescending(r => r.Version).FirstOrDefault();
        if (render is null)
            return ApiProblems.NotFound("This episode has no such render yet: compose it first.", "render.not_found");

        var episode = graph.Value.Episodes.FirstOrDefault(e => e.Id == composition.EpisodeId);
        var languagePart = render.Language is null ? "" : "-" + render.Language;
        var name = $"{Slug(graph.Value.Project.Title)}-ep{episode?.Number ?? 1}{languagePart}-v{render.Version}";
        var reader = ObjectReader.User(userId);
        var expires = clock.GetUtcNow() + storage.Value.ReadUrlLifetime;
        var video = await LinkAsync(http, media, render.VideoKey, reader, name + ".mp4", expires, ct);
        if (video is null)
            return ApiProblems.NotFound("The render's file is missing.", "render.not_found");
        return TypedResults.Ok(new RenderDownloads(render.Id, render.Version, render.Quality, render.DurationSeconds, video,
            await LinkAsync(http, media, render.SubtitlesKey, reader, name + ".srt", expires, ct),
            await LinkAsync(http, media, render.TimelineKey, reader, name + ".otio", expires, ct),
            await LinkAsync(http, media, render.DraftKey, reader, name + ".jianying.zip", expires, ct)));
    }

    private static async Task<Results<Ok<ShotDownloads>, ProblemHttpResult>> ShotAsync(
        Guid projectId, Guid shotId, HttpContext http, ProjectGraphReader graphs, MediaUrls media, IOptions<ObjectStorageOptions> storage,
        TimeProvider clock, CancellationToken ct)
    {
        var userId = http.UserId();
        var graph = await graphs.ReadAsync(userId, projectId, ct);
        if (graph.IsFailure)
            return ApiProblems.NotFound("There is no such project.", graph.Error);
        var shot = graph.Value.Episodes.SelectMany(e => e.Scenes).SelectMany(s => s.Shots).FirstOrDefault(s => s.Id == shotId);
        if (shot is null)
            return ApiProblems.NotFound("There is no such shot.", "node.not_found");
        var reader = ObjectReader.User(userId);
        var expires = clock.GetUtcNow() + storage.Value.ReadUrlLifetime;
        var name = $"shot-{shot.Id.ToString("N")[..8]}";
        return TypedResults.Ok(new ShotDownloads(shot.Id,
            await LinkAsync(http, media, shot.ImageKey, reader, name + Extension(shot.ImageKey, ".png"), expires, ct),
            await LinkAsync(http, media, shot.AudioKey, reader, name + Extension(shot.AudioKey, ".wav"), expires, ct),
            await LinkAsync(http, media, shot.ClipKey, reader, name + Extension(shot.ClipKey, ".mp4"), expires, ct)));
    }

    internal static async Task<DownloadLink?> LinkAsync(
        HttpContext http, MediaUrls media, string? key, ObjectReader reader, string fileName, DateTimeOffset expires, CancellationToken ct)
    {
        if (!ObjectKey.TryParse(key, out var objectKey))
            return null;
        var url = await media.GetDownloadUrlAsync(objectKey, reader, fileName, ct);
        if (url.IsFailure)
            return null;
        // Local storage signs a path on this studio; S3 signs an absolute URL on the object store.
        var absolute = url.Value.StartsWith('/') ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{url.Value}" : url.Value;
        return new DownloadLink(absolute, expires);
    }

    private static string Extension(string? key, string fallback) => Path.GetExtension(key) is { Length: > 1 } ext ? ext : fallback;

    internal static string Slug(string title)
    {
        var chars = title.Trim().Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray();
        var slug = string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return slug.Length == 0 ? "episode" : slug.Length > 40 ? slug[..40] : slug;
    }
}
