using DreamX.Domain.Credits;
using DreamX.Domain.Projects;
using DreamX.Domain.Subscriptions;
using DreamX.Infrastructure.Credits;
using DreamX.Infrastructure.Identity;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>A user with credits and a project, the owner every engine test queues tasks for.</summary>
public sealed record EngineUser(string UserId, Guid ProjectId)
{
    public static async Task<EngineUser> CreateAsync(PostgresDatabase database, int credits, SubscriptionTier? tier = null)
    {
        var user = new ApplicationUser { UserName = $"u{Guid.NewGuid():N}@dreamx.test", Email = $"u{Guid.NewGuid():N}@dreamx.test" };
        var project = Project.Create(user.Id, new CheckpointInput { Title = "Engine test" });
        await using (var db = database.CreateContext())
        {
            db.Users.Add(user);
            db.Projects.Add(project);
            if (tier is { } chosen)
                db.Subscriptions.Add(Subscription.Start(user.Id, chosen, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        if (credits > 0)
        {
            var granted = await new CreditLedger(database.ContextFactory).PostAsync(user.Id, CreditEntryKind.Adjusted, credits, $"grant:{user.Id}", "test credits");
            Assert.True(granted.IsSuccess, granted.Error);
        }
        return new EngineUser(user.Id, project.Id);
    }
}
