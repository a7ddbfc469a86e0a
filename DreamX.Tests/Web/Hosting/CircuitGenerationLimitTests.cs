using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Hosting;
using DreamX.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace DreamX.Tests.Web.Hosting;

/// <summary>
/// Generation requests made over a circuit are rate limited per user (issue 17): past the configured number a request
/// is refused with the wait named, nothing queued or held; a burst of clicks the repeat rule answers with the task its
/// first click queued uses one permit, however many clicks it has.
/// </summary>
public sealed class CircuitGenerationLimitTests(StudioApp app) : IClassFixture<StudioApp>
{
    [Fact]
    public async Task Past_the_limit_a_generate_is_refused_with_the_wait_and_queues_and_holds_nothing()
    {
        var userId = await CreatorAsync();
        var projects = new List<Guid>();
        for (var i = 0; i < 3; i++)
            projects.Add(await ProjectAsync(userId));
        var limits = Limits(permits: 2);

        var first = await GenerateAsync(limits, userId, projects[0]);
        var second = await GenerateAsync(limits, userId, projects[1]);
        var reservedBefore = await ReservationsAsync(userId);
        var third = await GenerateAsync(limits, userId, projects[2]);

        Assert.True(first.IsSuccess, first.Error);
        Assert.True(second.IsSuccess, second.Error);
        Assert.True(third.IsFailure);
        AssertRefusal(third);
        await using var db = app.Database.CreateContext();
        Assert.False(await db.GenerationTasks.AsNoTracking().AnyAsync(t => t.ProjectId == projects[2]));
        Assert.False(await db.StoryBibles.AsNoTracking().AnyAsync(b => b.ProjectId == projects[2]));
        Assert.Equal(reservedBefore, await ReservationsAsync(userId));
        // Another creator has a quota of their own.
        var other = await CreatorAsync();
        Assert.True((await GenerateAsync(limits, other, await ProjectAsync(other))).IsSuccess);
    }

    [Fact]
    public async Task A_burst_of_repeated_clicks_uses_one_permit_and_none_of_its_clicks_is_refused()
    {
        var userId = await CreatorAsync();
        var burst = await ProjectAsync(userId);
        var later = await ProjectAsync(userId);
        var beyond = await ProjectAsync(userId);
        var limits = Limits(permits: 2);

        var first = await GenerateAsync(limits, userId, burst);
        Assert.True(first.IsSuccess, first.Error);
        var task = Assert.Single(first.Value);
        for (var click = 0; click < 10; click++)
        {
            // Whatever the machine's speed, the first click's task counts as just queued: each click is a repeat.
            await using (var db = app.Database.CreateContext())
                await db.GenerationTasks.Where(t => t.Id == task.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.CreatedAt, DateTimeOffset.UtcNow));
            var repeat = await GenerateAsync(limits, userId, burst);
            Assert.True(repeat.IsSuccess ? repeat.Value.Single().Id == task.Id : repeat.Error == StageProduction.AlreadyRunning, repeat.Error);
        }

        // The burst took one of the two permits: one more request queues, the next is refused.
        Assert.True((await GenerateAsync(limits, userId, later)).IsSuccess);
        var refused = await GenerateAsync(limits, userId, beyond);
        Assert.True(refused.IsFailure);
        AssertRefusal(refused);
        await using var check = app.Database.CreateContext();
        Assert.Single(await check.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == burst).ToListAsync());
        Assert.False(await check.GenerationTasks.AsNoTracking().AnyAsync(t => t.ProjectId == beyond));
    }

    [Fact]
    public async Task A_retry_past_the_limit_is_refused_and_queues_nothing()
    {
        var userId = await CreatorAsync();
        var projectId = await ProjectAsync(userId);
        var failed = new[] { Failed(userId, projectId), Failed(userId, projectId) };
        await using (var db = app.Database.CreateContext())
        {
            db.GenerationTasks.AddRange(failed);
            await db.SaveChangesAsync();
        }
        var limits = Limits(permits: 1);
        await using var scope = app.Services.CreateAsyncScope();
        var generation = Generation(scope, limits);

        var retried = await generation.RetryAsync(failed[0].Id, userId);
        var refused = await generation.RetryAsync(failed[1].Id, userId);

        Assert.True(retried.IsSuccess, retried.Error);
        Assert.True(refused.IsFailure);
        AssertRefusal(refused);
        await using var check = app.Database.CreateContext();
        Assert.Equal(3, await check.GenerationTasks.AsNoTracking().CountAsync(t => t.ProjectId == projectId));
    }

    [Theory]
    [InlineData("en-US", "Too many generation requests — try again in 7 s.")]
    [InlineData("zh-CN", "生成请求过多，请在 7 秒后再试。")]
    public void Every_page_words_the_refusal_the_same_way(string culture, string expected)
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        var refusal = DreamX.Domain.Common.Result.Failure<GenerationTask>(StageProduction.TooManyRequests, 7);
        object[] arguments = [.. refusal.ErrorArguments];
        var code = refusal.Error;

        // The board, the canvas and the project page (production text), the task list, the translation card.
        Assert.Equal(expected, Text<ProductionText>($"Blocker.{code}", arguments));
        Assert.Equal(expected, Text<TasksText>($"Error.{code}", arguments));
        Assert.Equal(expected, Text<TranslationText>($"Error.{code}", arguments));
    }

    private string Text<T>(string key, object[] arguments)
    {
        var text = app.Services.GetRequiredService<IStringLocalizer<T>>()[key, arguments];
        Assert.False(text.ResourceNotFound, key);
        return text.Value;
    }

    private static void AssertRefusal(DreamX.Domain.Common.Result refused)
    {
        Assert.Equal(StageProduction.TooManyRequests, refused.Error);
        var seconds = Assert.IsType<int>(Assert.Single(refused.ErrorArguments));
        Assert.InRange(seconds, 1, 60);
    }

    /// <summary>A tiny Generate rule, one minute long: the refusals come from the count, never from waiting.</summary>
    private static StudioRateLimits Limits(int permits) => new(Options.Create(new RateLimitOptions
    {
        Generate = new RateLimitRule { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) },
    }));

    private CircuitGeneration Generation(AsyncServiceScope scope, StudioRateLimits limits) => new(
        scope.ServiceProvider.GetRequiredService<StageProduction>(), scope.ServiceProvider.GetRequiredService<IGenerationTasks>(), limits);

    /// <summary>One click's circuit call (a scope of its own, as another tab's would be; the limits are the app's).</summary>
    private async Task<DreamX.Domain.Common.Result<IReadOnlyList<GenerationTask>>> GenerateAsync(StudioRateLimits limits, string userId, Guid projectId)
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
        await using var scope = app.Services.CreateAsyncScope();
        return await Generation(scope, limits).GenerateAsync(userId, projectId, ProductionStep.StoryBible);
    }

    private static GenerationTask Failed(string userId, Guid projectId) => new()
    {
        ProjectId = projectId,
        OwnerId = userId,
        Type = GenerationTaskType.ImproveIdea,
        TargetKind = DreamX.Domain.Canvas.NodeKind.Checkpoint,
        TargetId = Guid.NewGuid(),
        Status = GenerationTaskStatus.Failed,
        FinishedAt = DateTimeOffset.UtcNow,
        Error = "provider.failed",
    };

    private async Task<int> ReservationsAsync(string userId)
    {
        await using var db = app.Database.CreateContext();
        return await db.CreditLedger.AsNoTracking().CountAsync(e => e.UserId == userId && e.Kind == CreditEntryKind.Reserved);
    }

    private async Task<string> CreatorAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<DreamX.Infrastructure.Identity.UserAccounts>()
            .RegisterAsync($"limit-{Guid.NewGuid():N}@example.com", "click-click-click-1", "Limit");
        Assert.True(user.IsSuccess, user.Error);
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>().PostAsync(user.Value.Id, CreditEntryKind.Purchased, 500, $"grant-{user.Value.Id}", "test credits");
        return user.Value.Id;
    }

    private async Task<Guid> ProjectAsync(string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(userId, new CheckpointInput
        {
            Title = "Limit " + Guid.NewGuid().ToString("N")[..6],
            Language = "en-US",
            Idea = "A courier who delivers letters between two rival families falls for the wrong sender.",
            EpisodeDurationSeconds = 60,
        });
        Assert.True(created.IsSuccess, created.Error);
        return created.Value.Id;
    }
}
