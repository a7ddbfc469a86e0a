using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Persistence.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Generation;

/// <summary>What a task costs when the admins have not set a price: text is cheap, pictures more, video most.</summary>
public static class DefaultCreditPrices
{
    public static int For(GenerationTaskType type, GenerationQuality quality)
    {
        var standard = type switch
        {
            GenerationTaskType.ImproveIdea => 1,
            GenerationTaskType.StoryBible or GenerationTaskType.Characters or GenerationTaskType.Script
                or GenerationTaskType.SceneDesign or GenerationTaskType.ShotList => 2,
            GenerationTaskType.CharacterPortrait or GenerationTaskType.SceneKeyArt or GenerationTaskType.ShotImage => 4,
            GenerationTaskType.ShotAudio or GenerationTaskType.VoiceSample => 1,
            GenerationTaskType.ShotClip => 6,
            GenerationTaskType.ShotVideo => 3,      // per second of clip (a task reserves seconds x price)
            GenerationTaskType.ComposePreview => 2,
            GenerationTaskType.ComposeFinal => 5,
            GenerationTaskType.NoteOutline or GenerationTaskType.NotePost => 2,
            GenerationTaskType.NotePage => 4,
            // A music video's song map and beat-cut shot lists are planned by the studio from the song's analysis.
            GenerationTaskType.SongMap or GenerationTaskType.MusicVideoShots => 1,
            GenerationTaskType.TranslateScript => 1, // per spoken line: translated and voiced (a task reserves lines x price)
            _ => 1,
        };
        return quality == GenerationQuality.High ? standard * 2 : standard;
    }

    public static int EstimatedSeconds(GenerationTaskType type) => type switch
    {
        GenerationTaskType.ShotClip or GenerationTaskType.ComposePreview => 20,
        GenerationTaskType.ComposeFinal => 60,
        GenerationTaskType.ShotVideo => 120,
        GenerationTaskType.TranslateScript => 20,
        _ => 5,
    };
}

/// <summary>
/// Fills the price table with <see cref="DefaultCreditPrices"/>: every task type and quality without a row gets its
/// default (a new kind of work is priced on the next start; an admin's prices are never overwritten).
/// </summary>
public sealed class CreditPriceSeed : ICatalogSeed
{
    public int Order => 10;

    public async Task SeedAsync(DreamXDbContext db, CancellationToken cancellationToken)
    {
        var stored = (await db.CreditPrices.AsNoTracking().Select(p => new { p.TaskType, p.Quality }).ToListAsync(cancellationToken))
            .Select(p => (p.TaskType, p.Quality)).ToHashSet();
        foreach (var type in Enum.GetValues<GenerationTaskType>())
        foreach (var quality in Enum.GetValues<GenerationQuality>())
        {
            if (stored.Contains((type, quality)))
                continue;
            db.CreditPrices.Add(new CreditPrice
            {
                TaskType = type,
                Quality = quality,
                Credits = DefaultCreditPrices.For(type, quality),
                EstimatedSeconds = DefaultCreditPrices.EstimatedSeconds(type),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
