using DreamX.Infrastructure.Audit;
using DreamX.Domain.Common;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Administration;

/// <summary>One line of the price list: a task type at a quality.</summary>
public sealed record PriceLine(GenerationTaskType TaskType, GenerationQuality Quality, int Credits, int EstimatedSeconds, bool IsDefault);

/// <summary>The admin-editable price list: every task type and quality, the stored price or the default.</summary>
public sealed class CreditPriceBook(IDbContextFactory<DreamXDbContext> contexts, TimeProvider clock)
{
    public const string Negative = "prices.negative";

    public async Task<IReadOnlyList<PriceLine>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var stored = await db.CreditPrices.AsNoTracking().ToDictionaryAsync(p => (p.TaskType, p.Quality), ct);
        return [.. from type in Enum.GetValues<GenerationTaskType>()
                   from quality in Enum.GetValues<GenerationQuality>()
                   let price = stored.GetValueOrDefault((type, quality))
                   select price is null
                       ? new PriceLine(type, quality, DefaultCreditPrices.For(type, quality), DefaultCreditPrices.EstimatedSeconds(type), true)
                       : new PriceLine(type, quality, price.Credits, price.EstimatedSeconds, false)];
    }

    /// <summary>Sets a price; the next queued task of that type and quality pays it (running ones keep their hold).</summary>
    public async Task<Result> SaveAsync(GenerationTaskType type, GenerationQuality quality, int credits, int estimatedSeconds, CancellationToken ct = default)
    {
        ActorGate.DemandAdmin();
        if (credits < 0 || estimatedSeconds < 0)
            return Result.Failure(Negative);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO credit_prices (task_type, quality, credits, estimated_seconds, updated_at)
            VALUES ({type.ToString()}, {quality.ToString()}, {credits}, {estimatedSeconds}, {now})
            ON CONFLICT (task_type, quality) DO UPDATE SET credits = excluded.credits, estimated_seconds = excluded.estimated_seconds, updated_at = excluded.updated_at
            """, ct);
        return Result.Success();
    }
}
