using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Infrastructure.Assets;
using DreamX.Web.Api.Foundation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DreamX.Web.Api.Catalog;

public sealed record StyleResponse(Guid Id, string Title, string Type, string Description, IReadOnlyList<string> Palette);

public sealed record VoiceResponse(Guid Id, string Name, string Language, Gender Gender, string AgeRange, string Description);

public sealed record MusicResponse(Guid Id, string Title, string Mood, decimal DurationSeconds);

/// <param name="Kind">"video" (an episode or a music video) or "note" (an image-text note: Pages pictures and a post).</param>
public sealed record ShowcaseResponse(Guid Id, string Title, string Description, bool HasVideo, DateTimeOffset CreatedAt, string Kind, int Pages);

/// <summary>/api/v1/catalog: what a checkpoint and a canvas can pick from, and the public showcase (active entries only).</summary>
public static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder catalog)
    {
        catalog.MapGet("/styles", StylesAsync).WithName("ListStyles").WithSummary("Visual styles for a checkpoint").PagesWith();
        catalog.MapGet("/voices", VoicesAsync).WithName("ListVoices").WithSummary("Voices for characters").PagesWith();
        catalog.MapGet("/music", MusicAsync).WithName("ListMusic").WithSummary("Music beds for an episode").PagesWith();
        catalog.MapGet("/showcases", ShowcasesAsync).WithName("ListShowcases").WithSummary("Approved public showcases").PagesWith();
        return catalog;
    }

    private static async Task<Ok<ApiPage<StyleResponse>>> StylesAsync(
        VisualStyleCatalog styles, [AsParameters] PageQuery paging, [FromQuery] string? search, CancellationToken ct) =>
        TypedResults.Ok(Page((await styles.ListAsync(search, ct)).Where(s => s.IsActive)
            .Select(s => new StyleResponse(s.Id, s.Title, s.Type, s.Description, s.Palette)).ToList(), paging));

    private static async Task<Ok<ApiPage<VoiceResponse>>> VoicesAsync(
        VoiceCatalog voices, [AsParameters] PageQuery paging, [FromQuery] string? search, CancellationToken ct) =>
        TypedResults.Ok(Page((await voices.ListAsync(search, ct)).Where(v => v.IsActive)
            .Select(v => new VoiceResponse(v.Id, v.Name, v.Language, v.Gender, v.AgeRange, v.Description)).ToList(), paging));

    private static async Task<Ok<ApiPage<MusicResponse>>> MusicAsync(MusicTrackCatalog music, [AsParameters] PageQuery paging, CancellationToken ct) =>
        TypedResults.Ok(Page((await music.ListActiveAsync(ct)).Select(m => new MusicResponse(m.Id, m.Title, m.Mood, m.DurationSeconds)).ToList(), paging));

    private static async Task<Ok<ApiPage<ShowcaseResponse>>> ShowcasesAsync(ShowcaseCatalog showcases, [AsParameters] PageQuery paging, CancellationToken ct) =>
        TypedResults.Ok(Page((await showcases.ListApprovedAsync(ct))
            .Select(s => new ShowcaseResponse(s.Id, s.Title, s.Description, s.VideoKey is not null, s.CreatedAt,
                s.Note is null ? "video" : "note", s.Note?.PageKeys.Count ?? 0)).ToList(), paging));

    private static ApiPage<T> Page<T>(IReadOnlyList<T> all, PageQuery paging) =>
        ApiPage<T>.Of(all.Skip((paging.PageOrDefault - 1) * paging.PageSizeOrDefault).Take(paging.PageSizeOrDefault).ToList(),
            paging.PageOrDefault, paging.PageSizeOrDefault, all.Count);
}
