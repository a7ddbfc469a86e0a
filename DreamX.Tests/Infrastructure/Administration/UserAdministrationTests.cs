using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Infrastructure.Administration;
using DreamX.Infrastructure.Audit;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Identity;
using DreamX.Tests.Infrastructure.Generation;
using DreamX.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DreamX.Tests.Infrastructure.Administration;

public sealed class UserAdministrationTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly CreditLedger _ledger = new(database.ContextFactory);

    public Task InitializeAsync() => database.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    // Only the credit paths are exercised here, so no UserManager is needed.
    private UserAdministration Administration() => new(
        database.ContextFactory, _ledger, null!,
        new AuditTrail(database.ContextFactory, TimeProvider.System, NullLogger<AuditTrail>.Instance), TimeProvider.System);

    [Fact]
    public async Task An_adjustment_is_an_adjusted_entry_with_the_admin_as_actor_and_the_reason()
    {
        var user = await EngineUser.CreateAsync(database, credits: 5);
        var admin = await EngineUser.CreateAsync(database, credits: 0);

        var adjusted = await Administration().AdjustCreditsAsync(user.UserId, 20, "Festival bonus", admin.UserId, Guid.NewGuid());

        Assert.Equal(25, adjusted.Value.Available);
        await using var db = database.CreateContext();
        var entry = await db.CreditLedger.OrderByDescending(e => e.Id).FirstAsync(e => e.UserId == user.UserId);
        Assert.Equal((CreditEntryKind.Adjusted, admin.UserId, "Festival bonus"), (entry.Kind, entry.ActorId, entry.Reason));
    }

    [Fact]
    public async Task Submitting_one_adjustment_twice_adjusts_once()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);
        var operation = Guid.NewGuid();

        await Administration().AdjustCreditsAsync(user.UserId, 20, "bonus", user.UserId, operation);
        await Administration().AdjustCreditsAsync(user.UserId, 20, "bonus", user.UserId, operation);

        Assert.Equal(20, (await _ledger.GetBalanceAsync(user.UserId)).Available);
    }

    [Fact]
    public async Task An_adjustment_without_a_reason_is_refused()
    {
        var user = await EngineUser.CreateAsync(database, credits: 0);

        var result = await Administration().AdjustCreditsAsync(user.UserId, 20, "  ", user.UserId, Guid.NewGuid());

        Assert.Equal(UserAdministration.ReasonRequired, result.Error);
    }

    [Fact]
    public async Task Search_finds_users_by_email_or_nickname_with_their_credits()
    {
        var user = await EngineUser.CreateAsync(database, credits: 7);
        await EngineUser.CreateAsync(database, credits: 0);
        await using (var db = database.CreateContext())
        {
            db.UserProfiles.Add(new DreamX.Domain.Users.UserProfile { UserId = user.UserId, Nickname = "Lantern Maker" });
            await db.SaveChangesAsync();
        }

        var found = await Administration().SearchAsync("lantern", 0, 20);

        var row = Assert.Single(found.Items);
        Assert.Equal((user.UserId, 7), (row.UserId, row.Available));
    }

    [Fact]
    public async Task Saved_prices_replace_the_defaults_in_the_price_list()
    {
        var book = new CreditPriceBook(database.ContextFactory, TimeProvider.System);

        await book.SaveAsync(GenerationTaskType.ShotClip, GenerationQuality.High, 42, 30);

        var line = (await book.ListAsync()).Single(l => l.TaskType == GenerationTaskType.ShotClip && l.Quality == GenerationQuality.High);
        Assert.Equal((42, 30, false), (line.Credits, line.EstimatedSeconds, line.IsDefault));
    }
}
