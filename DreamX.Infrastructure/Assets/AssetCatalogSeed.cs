using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Domain.Common;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DreamX.Infrastructure.Assets;

/// <summary>
/// The starter catalogue: eight visual styles with sample cards, eight voices in Chinese and English mapped to
/// espeak-ng, three approved showcases and two demo music beds rendered by ffmpeg (skipped when ffmpeg is missing).
/// Adds only what is missing (by title or name), so it runs at every start.
/// </summary>
public sealed class AssetCatalogSeed(IObjectStorage storage, ILogger<AssetCatalogSeed> logger) : ICatalogSeed
{
    public int Order => 10;

    public async Task SeedAsync(DreamXDbContext db, CancellationToken cancellationToken)
    {
        await SeedStylesAsync(db, cancellationToken);
        await SeedVoicesAsync(db, cancellationToken);
        await SeedShowcasesAsync(db, cancellationToken);
        await SeedMusicAsync(db, cancellationToken);
    }

    private async Task SeedStylesAsync(DreamXDbContext db, CancellationToken ct)
    {
        var existing = await db.VisualStyles.ToDictionaryAsync(s => s.Title, ct);
        var order = 0;
        foreach (var seed in Styles)
        {
            order += 10;
            if (!existing.TryGetValue(seed.Title, out var style))
            {
                style = new VisualStyle();
                new VisualStyleDraft(seed.Title, seed.Type, seed.Description, seed.Prompt, seed.Palette, order).ApplyTo(style);
                db.VisualStyles.Add(style);
            }

            // An admin may have replaced the sample; only a missing one is drawn again.
            if (style.SampleImageKey is null || !await ExistsAsync(style.SampleImageKey, ct))
            {
                var key = ObjectKey.ForAsset(AssetKinds.Styles, $"{style.Id:D}/sample-seed.png");
                await PutPngAsync(key, CatalogArtwork.RenderCard(seed.Title, seed.Type, seed.Palette), ct);
                style.SampleImageKey = key.Value;
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedVoicesAsync(DreamXDbContext db, CancellationToken ct)
    {
        var existing = (await db.Voices.Select(v => new { v.Language, v.Name }).ToListAsync(ct))
            .Select(v => (v.Language, v.Name)).ToHashSet();
        foreach (var draft in Voices.Where(v => !existing.Contains((v.Language, v.Name))))
        {
            var voice = new Voice();
            draft.ApplyTo(voice);
            db.Voices.Add(voice);
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task SeedShowcasesAsync(DreamXDbContext db, CancellationToken ct)
    {
        var existing = await db.Showcases.ToDictionaryAsync(s => s.Title, ct);
        var order = 0;
        foreach (var seed in Showcases)
        {
            order += 10;
            if (!existing.TryGetValue(seed.Title, out var showcase))
            {
                showcase = new Showcase
                {
                    Title = seed.Title,
                    Description = seed.Description,
                    Status = ShowcaseStatus.Approved,
                    SortOrder = order,
                    ReviewedAt = DateTimeOffset.UtcNow,
                };
                db.Showcases.Add(showcase);
            }

            if (showcase.CoverKey is null || !await ExistsAsync(showcase.CoverKey, ct))
            {
                var key = ObjectKey.ForAsset(AssetKinds.Showcases, $"{showcase.Id:D}/cover-seed.png");
                await PutPngAsync(key, CatalogArtwork.RenderCard(seed.Title, seed.Tagline, seed.Palette), ct);
                showcase.CoverKey = key.Value;
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task SeedMusicAsync(DreamXDbContext db, CancellationToken ct)
    {
        var existing = await db.MusicTracks.ToDictionaryAsync(t => t.Title, ct);
        foreach (var bed in DemoMusicBeds.All)
        {
            existing.TryGetValue(bed.Title, out var track);
            if (track is not null && await ExistsAsync(track.AudioKey, ct))
                continue;
            if (!DemoMusicBeds.CanRender)
            {
                logger.LogInformation("ffmpeg is not installed: the demo music bed {Title} is not seeded", bed.Title);
                continue;
            }

            var rendered = await DemoMusicBeds.RenderAsync(bed, ct);
            if (rendered.IsFailure)
            {
                logger.LogWarning("The demo music bed {Title} could not be rendered: {Error}", bed.Title, rendered.Error);
                continue;
            }

            if (track is null)
            {
                track = new MusicTrack { DurationSeconds = DemoMusicBeds.Seconds };
                new MusicTrackDraft(bed.Title, bed.Mood).ApplyTo(track);
                db.MusicTracks.Add(track);
            }

            var key = ObjectKey.ForAsset(AssetKinds.Music, $"{track.Id:D}/audio-seed.mp3");
            using (var content = new MemoryStream(rendered.Value, writable: false))
                await storage.PutAsync(key, content, "audio/mpeg", ct);
            track.AudioKey = key.Value;
        }

        await db.SaveChangesAsync(ct);
    }

    private Task<bool> ExistsAsync(string key, CancellationToken ct) =>
        ObjectKey.TryParse(key, out var parsed) ? storage.ExistsAsync(parsed, ct) : Task.FromResult(false);

    private async Task PutPngAsync(ObjectKey key, byte[] png, CancellationToken ct)
    {
        using var content = new MemoryStream(png, writable: false);
        await storage.PutAsync(key, content, "image/png", ct);
    }

    private sealed record StyleSeed(string Title, string Type, string Description, string Prompt, string[] Palette);

    private sealed record ShowcaseSeed(string Title, string Tagline, string Description, string[] Palette);

    private static readonly StyleSeed[] Styles =
    [
        new("Cinematic Realism · 电影写实", "realistic",
            "Photoreal frames with shallow depth of field and warm key light. 真实质感，浅景深，温暖主光。",
            "cinematic realism, 35mm lens, shallow depth of field, warm key light, film grain",
            ["#1E2A44", "#3E5C76", "#C9A66B", "#F2E3C6"]),
        new("Anime · 日系动漫", "anime",
            "Clean line art, bright cel shading and expressive eyes. 干净线条，明亮赛璐璐上色。",
            "anime style, clean line art, cel shading, vibrant colours, expressive eyes",
            ["#5B4B8A", "#7AC7FF", "#FF8FB1", "#FFE28A"]),
        new("Ink Wash · 水墨", "ink",
            "Chinese ink painting: soft washes, empty space, a single red seal. 中国水墨，留白与晕染。",
            "traditional Chinese ink wash painting, xieyi brushwork, rice paper texture, generous negative space",
            ["#1C1B19", "#5E5A52", "#BFB8A5", "#F4F1EA"]),
        new("Cyberpunk Neon · 赛博霓虹", "neon",
            "Rain-soaked streets under magenta and cyan signs. 雨夜街道，洋红与青色霓虹。",
            "cyberpunk city at night, neon signs, wet reflective streets, magenta and cyan rim light",
            ["#0B0A1F", "#7B2FF7", "#FF2E97", "#00E5FF"]),
        new("Watercolor · 水彩", "painterly",
            "Light watercolour washes with soft bleeding edges. 清透水彩，柔和晕边。",
            "watercolor illustration, soft bleeding edges, paper texture, pastel palette",
            ["#457B9D", "#A8DADC", "#F1C0B9", "#F6E7CB"]),
        new("Film Noir · 黑色电影", "noir",
            "High-contrast black and white, hard shadows through blinds. 高反差黑白，百叶窗硬光。",
            "film noir, black and white, high contrast, hard shadows, venetian blind light, 1940s",
            ["#0D0D0D", "#3A3A3A", "#8C8C8C", "#E6E6E6"]),
        new("3D Cartoon · 3D 卡通", "3d",
            "Rounded characters with soft global illumination. 圆润角色，柔和全局光照。",
            "3D cartoon render, rounded shapes, soft global illumination, subsurface scattering, playful",
            ["#FF6F61", "#FFB347", "#8BE28B", "#6EC6FF"]),
        new("Vintage Film · 复古胶片", "vintage",
            "Faded 1970s colour stock with grain and light leaks. 七十年代胶片，褪色颗粒与漏光。",
            "vintage 1970s film photo, faded colours, heavy grain, light leaks, warm cast",
            ["#5B7065", "#704214", "#C08552", "#E8C07D"]),
    ];

    /// <summary>The voice library a new installation starts with (benchmarks and tests voice stories with it).</summary>
    public static IReadOnlyList<VoiceDraft> DefaultVoices => Voices;

    private static readonly VoiceDraft[] Voices =
    [
        new("晓悦", StoryLanguage.Chinese, Gender.Female, "18-25", "清亮活泼的年轻女声，适合少女主角与轻快旁白。", "cmn", "f2", 62, 165),
        new("子轩", StoryLanguage.Chinese, Gender.Male, "18-25", "明快的青年男声，适合校园与都市主角。", "cmn", "m3", 48, 170),
        new("婉清", StoryLanguage.Chinese, Gender.Female, "35-50", "温婉沉稳的中年女声，适合母亲与职场角色。", "cmn", "f4", 50, 150),
        new("老陈", StoryLanguage.Chinese, Gender.Male, "60-75", "低沉缓慢的老年男声，适合长辈与说书人。", "cmn", "m7", 30, 130),
        new("Emma", StoryLanguage.English, Gender.Female, "18-25", "A bright young female voice for heroines and upbeat narration.", "en-us", "f3", 60, 170),
        new("Jack", StoryLanguage.English, Gender.Male, "25-40", "A steady adult male voice for leads and calm narration.", "en-us", "m3", 45, 165),
        new("Margaret", StoryLanguage.English, Gender.Female, "60-75", "A warm, unhurried elder female voice for grandmothers and storytellers.", "en-us", "f4", 40, 140),
        new("Walter", StoryLanguage.English, Gender.Male, "60-75", "A deep, gravelly elder male voice for mentors and villains.", "en-us", "m7", 28, 135),
    ];

    private static readonly ShowcaseSeed[] Showcases =
    [
        new("Midnight Express · 午夜快车", "Suspense · 悬疑",
            "A night train, a missing passenger and eight stops to find her. 一列夜车，一位失踪的乘客，八站之内找到她。",
            ["#0B0A1F", "#3E5C76", "#C9A66B"]),
        new("The Ink Swordswoman · 水墨侠女", "Wuxia · 武侠",
            "A swordswoman walks out of a painting to settle an old debt. 侠女从画中走出，了结一段旧怨。",
            ["#1C1B19", "#5E5A52", "#F4F1EA", "#B23A48"]),
        new("Neon Rain · 霓虹雨夜", "Sci-fi · 科幻",
            "A courier with borrowed memories races the dawn. 携带他人记忆的快递员与黎明赛跑。",
            ["#0B0A1F", "#7B2FF7", "#FF2E97", "#00E5FF"]),
    ];
}
