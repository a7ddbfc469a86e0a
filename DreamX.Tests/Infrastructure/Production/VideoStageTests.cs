using System.Diagnostics;
using System.Text.Json.Nodes;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Projects;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Providers.Administration;
using DreamX.Infrastructure.Providers.Video;
using DreamX.Infrastructure.Webhooks;
using DreamX.Tests.Support.FakeVideo;
using DreamX.Tests.Ui.Support;
using FFMpegCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>
/// The video stage on the whole studio (engine, Quartz, storage) against local fake video servers of both API shapes:
/// what is sent, how jobs are polled, resumed, cancelled and failed, and what becomes the shot's clip.
/// </summary>
public sealed class VideoStageTests(StudioApp app, ITestOutputHelper output) : IClassFixture<StudioApp>, IAsyncLifetime
{
    private static readonly SemaphoreSlim ProjectGate = new(1, 1);
    private static (Guid ProjectId, string UserId)? _project;
    private FakeVideoServer _fake = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeVideoServer.StartAsync();
        await ProjectGate.WaitAsync();
        try
        {
            _project ??= await MakeProjectWithImagesAsync();
        }
        finally
        {
            ProjectGate.Release();
        }
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private Guid ProjectId => _project!.Value.ProjectId;
    private string UserId => _project!.Value.UserId;

    [Fact]
    public async Task An_ark_provider_makes_the_shot_clip_from_its_first_frame_and_its_characters_references_once()
    {
        await UseOnlyAsync(ProviderKind.VolcengineArk, "fake-ark", "5, 10");
        var shot = await ShotAsync(s => s.CharacterKeys.Count > 0);
        var before = await BalanceAsync();
        var clock = Stopwatch.StartNew();

        var task = await RunVideoAsync(shot.Id);

        output.WriteLine($"ark clip: {clock.Elapsed.TotalSeconds:0.0} s, {_fake.Submissions} submission(s), {_fake.Polls} polls");
        Assert.Equal(GenerationTaskStatus.Succeeded, task.Status);
        Assert.Equal(1, _fake.Submissions);
        var job = Assert.Single(_fake.Jobs.Values);
        Assert.Equal(job.Id, task.RemoteJobId);
        Assert.Equal("fake-ark", task.Provider);
        Assert.Equal("seedance-test", task.Model);
        Assert.False(task.ProviderFallback);

        var content = job.Body!["content"]!.AsArray();
        Assert.Equal("text", content[0]!["type"]!.GetValue<string>());
        var prompt = content[0]!["text"]!.GetValue<string>();
        Assert.Contains("Camera:", prompt);
        Assert.Contains("Setting:", prompt);
        var roles = content.Skip(1).Select(c => c!["role"]!.GetValue<string>()).ToList();
        Assert.Equal("first_frame", roles[0]);
        var portraits = await PortraitCountAsync(shot);
        Assert.True(portraits > 0, "the shot's characters have portraits");
        Assert.Equal(portraits, roles.Count(r => r == "reference_image"));
        Assert.All(content.Skip(1), c => Assert.StartsWith("data:image/", c!["image_url"]!["url"]!.GetValue<string>()));
        var expectedSeconds = VideoFit.Seconds([5, 10], shot.DurationSeconds);
        Assert.Equal(expectedSeconds, job.Body["duration"]!.GetValue<int>());
        Assert.Equal(await RatioAsync(), job.Body["ratio"]!.GetValue<string>());
        Assert.Equal("720p", job.Body["resolution"]!.GetValue<string>());

        await using var db = app.Database.CreateContext();
        var stored = await db.Shots.AsNoTracking().FirstAsync(s => s.Id == shot.Id);
        Assert.NotNull(stored.ClipKey);
        Assert.Contains("/clips/", stored.ClipKey);
        var seconds = ProductionRequests.VideoSeconds(shot);
        var price = await db.CreditPrices.Where(p => p.TaskType == GenerationTaskType.ShotVideo && p.Quality == GenerationQuality.Standard).Select(p => p.Credits).FirstAsync();
        Assert.Equal(seconds * price, task.CreditsCharged);
        Assert.Equal(before.Balance - seconds * price, (await BalanceAsync()).Balance);
    }

    [Fact]
    public async Task An_openai_style_provider_gets_a_multipart_request_and_is_polled_through_429s_with_retry_after()
    {
        await UseOnlyAsync(ProviderKind.OpenAICompatible, "fake-openai-video", "4, 8, 12");
        _fake.Plan(new FakeVideoPlan(PollsUntilDone: 3, ThrottledPolls: 2, RetryAfterSeconds: 1));
        var shot = await ShotAsync(s => true, skip: 1);

        var task = await RunVideoAsync(shot.Id);

        Assert.Equal(GenerationTaskStatus.Succeeded, task.Status);
        var job = Assert.Single(_fake.Jobs.Values);
        Assert.Equal("seedance-test", job.Form["model"]);
        Assert.Equal(VideoFit.Seconds([4, 8, 12], shot.DurationSeconds).ToString(), job.Form["seconds"]);
        Assert.Matches("^[0-9]+x[0-9]+$", job.Form["size"]);
        var file = Assert.Single(job.Files);
        Assert.Equal("input_reference", file.Field);
        Assert.StartsWith("image/", file.ContentType);
        Assert.True(job.Polls >= 2 + 3 + 1, $"{job.Polls} polls");
    }

    [Fact]
    public async Task A_failed_job_fails_the_task_with_the_providers_reason_and_gives_the_credits_back()
    {
        await UseOnlyAsync(ProviderKind.VolcengineArk, "fake-ark", "5, 10");
        _fake.Plan(new FakeVideoPlan(PollsUntilDone: 1, FailWith: "The input image was refused by the content filter"));
        var shot = await ShotAsync(s => true, skip: 2);
        var before = await BalanceAsync();

        var task = await RunVideoAsync(shot.Id);

        Assert.Equal(GenerationTaskStatus.Failed, task.Status);
        Assert.Contains("The input image was refused by the content filter", task.Error);
        Assert.DoesNotContain("Exception", task.Error);
        Assert.Equal(0, task.CreditsCharged);
        Assert.Equal(before, await BalanceAsync());
        Assert.Equal(1, _fake.Submissions);
    }

    [Theory]
    [InlineData(FakeVideoResult.ExpiredUrl, null, "expired")]
    [InlineData(FakeVideoResult.NotVideo, null, "not a video")]
    [InlineData(FakeVideoResult.Clip, 1.0, "lasts 1 s")]
    public async Task A_bad_result_fails_with_a_clear_reason(FakeVideoResult result, double? clipSeconds, string reason)
    {
        await UseOnlyAsync(ProviderKind.VolcengineArk, "fake-ark", "5, 10");
        _fake.Plan(new FakeVideoPlan(PollsUntilDone: 1, Result: result, ClipSeconds: clipSeconds));
        var shot = await ShotAsync(s => true, skip: 3);

        var task = await RunVideoAsync(shot.Id);

        Assert.Equal(GenerationTaskStatus.Failed, task.Status);
        Assert.Contains(reason, task.Error);
        Assert.Equal(0, task.CreditsCharged);
    }

    [Fact]
    public async Task A_cancel_reaches_the_remote_job_and_returns_the_credits()
    {
        await UseOnlyAsync(ProviderKind.VolcengineArk, "fake-ark", "5, 10");
        _fake.Plan(new FakeVideoPlan(PollsUntilDone: 100_000));
        var shot = await ShotAsync(s => true, skip: 4);
        var before = await BalanceAsync();
        var queued = await QueueVideoAsync(shot.Id);
        var held = await WaitForAsync(queued, t => t.RemoteJobId is not null, "the job to be recorded");

        await using (var scope = app.Services.CreateAsyncScope())
            Assert.True((await scope.ServiceProvider.GetRequiredService<IGenerationTasks>().CancelAsync(queued, UserId)).IsSuccess);

        Assert.Contains(held.RemoteJobId!, _fake.Cancels);
        Assert.True(_fake.Jobs[held.RemoteJobId!].Cancelled);
        var task = await WaitForAsync(queued, t => t.IsFinished, "the cancel");
        Assert.Equal(GenerationTaskStatus.Cancelled, task.Status);
        Assert.Equal(before, await BalanceAsync());
    }

    [Fact]
    public async Task A_task_taken_over_after_its_worker_vanished_resumes_polling_its_job_and_never_submits_again()
    {
        await UseOnlyAsync(ProviderKind.VolcengineArk, "fake-ark", "5, 10");
        _fake.Plan(new FakeVideoPlan(PollsUntilDone: 12));
        var shot = await ShotAsync(s => true, skip: 5);
        var queued = await QueueVideoAsync(shot.Id);
        var held = await WaitForAsync(queued, t => t.RemoteJobId is not null, "the job to be recorded");

        // The worker "dies": its claim now names a worker that is gone and its lease has run out, as after a kill -9.
        // Its own heartbeat finds the claim gone and stops; the sweeper hands the task to a new run.
        await using (var db = app.Database.CreateContext())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE generation_tasks SET worker_id = 'crashed-worker', lease_expires_at = clock_timestamp() - interval '1 second'
                WHERE id = {queued} AND status = 'Running'
                """);
        }
        var killed = Stopwatch.StartNew();
        var task = await WaitForAsync(queued, t => t.IsFinished, "the takeover", TimeSpan.FromMinutes(3));
        output.WriteLine($"takeover to completion: {killed.Elapsed.TotalSeconds:0.0} s, attempts {task.Attempts}, submissions {_fake.Submissions}");

        Assert.Equal(GenerationTaskStatus.Succeeded, task.Status);
        Assert.True(task.Attempts >= 2, $"attempts {task.Attempts}");
        Assert.Equal(held.RemoteJobId, task.RemoteJobId);
        Assert.Equal(1, _fake.Submissions);
        await using var check = app.Database.CreateContext();
        var consumed = await check.CreditLedger.CountAsync(e => e.IdempotencyKey == $"task:{queued:N}:consume");
        Assert.Equal(1, consumed);
    }

    [Fact]
    public async Task A_signed_completion_callback_makes_the_waiting_task_poll_at_once_and_a_bad_signature_changes_nothing()
    {
        await UseOnlyAsync(ProviderKind.VolcengineArk, "fake-ark", "5, 10");
        string secret;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var settings = scope.ServiceProvider.GetRequiredService<ProviderSettings>();
            var provider = (await settings.ListAsync(CancellationToken.None)).Single(p => p.Name == "fake-ark");
            secret = (await settings.NewCallbackSecretAsync(provider.Id, CancellationToken.None)).Value;
            Assert.True((await settings.ListAsync(CancellationToken.None)).Single(p => p.Name == "fake-ark").HasCallbackSecret);
        }
        // The job's first poll is answered "slow down, ask again in 5 min" (the studio waits its 2 min maximum); its next poll finishes it.
        _fake.Plan(new FakeVideoPlan(PollsUntilDone: 0, ThrottledPolls: 1, RetryAfterSeconds: 300));
        var shot = await ShotAsync(s => true, skip: 6);
        var queued = await QueueVideoAsync(shot.Id);
        var held = await WaitForAsync(queued, t => t.RemoteJobId is not null, "the job to be recorded");
        var job = _fake.Jobs[held.RemoteJobId!];
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (job.Polls < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "the job was never polled");
            await Task.Delay(50);
        }

        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var url = "/api/v1/webhooks/providers/fake-ark";
        var body = $$"""{"id":"{{held.RemoteJobId}}","status":"succeeded"}""";
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        // Forged: signed with another secret, signed for another body, or too old. Each is 401 and the task keeps waiting.
        foreach (var (signature, sent) in new[]
                 {
                     (WebhookSignature.HeaderValue("whcb_not-the-secret", now, body), body),
                     (WebhookSignature.HeaderValue(secret, now, body), body.Replace("succeeded", "failed")),
                     (WebhookSignature.HeaderValue(secret, now - 3600, body), body),
                     ((string?)null, body),
                 })
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(sent, System.Text.Encoding.UTF8, "application/json") };
            if (signature is not null)
                forged.Headers.Add(WebhookSignature.Header, signature);
            using var refused = await http.SendAsync(forged);
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }
        // Too big, with its length announced or sent in chunks without one: 413 before the body is buffered.
        var huge = "{\"id\":\"" + new string('x', ProviderCallbacks.MaxBodyBytes) + "\"}";
        foreach (var chunked in new[] { false, true })
        {
            using var big = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = chunked ? new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(huge))) : new StringContent(huge, System.Text.Encoding.UTF8, "application/json"),
            };
            if (chunked)
                big.Headers.TransferEncodingChunked = true;
            big.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(secret, now, huge));
            using var refused = await http.SendAsync(big);
            Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        }
        Assert.Equal(1, job.Polls);
        Assert.False((await WaitForAsync(queued, _ => true, "the task")).IsFinished);

        // A job no task waits on is 404; the real one is accepted and the task finishes long before its 2 min wait.
        var stranger = """{"id":"job-nobody-waits-on"}""";
        using (var unknown = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(stranger, System.Text.Encoding.UTF8, "application/json") })
        {
            unknown.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(secret, now, stranger));
            using var answer = await http.SendAsync(unknown);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, answer.StatusCode);
        }
        var called = Stopwatch.StartNew();
        using (var signed = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") })
        {
            signed.Headers.Add(WebhookSignature.Header, WebhookSignature.HeaderValue(secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
            using var accepted = await http.SendAsync(signed);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        }
        var task = await WaitForAsync(queued, t => t.IsFinished, "the woken task", TimeSpan.FromSeconds(90));
        output.WriteLine($"callback to finished task: {called.Elapsed.TotalSeconds:0.0} s, polls {job.Polls}");
        Assert.Equal(GenerationTaskStatus.Succeeded, task.Status);
        Assert.Equal(2, job.Polls);
        Assert.True(called.Elapsed < TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Test_connection_checks_a_video_provider_without_submitting_a_job()
    {
        await UseOnlyAsync(ProviderKind.VolcengineArk, "fake-ark", "5, 10");
        await using var scope = app.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<ProviderSettings>();
        var provider = (await settings.ListAsync(CancellationToken.None)).Single(p => p.Name == "fake-ark");

        var ok = await settings.TestConnectionAsync(provider.Id, ProviderCapabilities.Video, CancellationToken.None);
        Assert.True(ok.Succeeded, ok.Error);
        Assert.Equal("seedance-test", ok.Model);
        Assert.Equal(0, _fake.Submissions);
        Assert.Equal(1, _fake.ListReads);

        _fake.RejectKeys = true;
        var refused = await settings.TestConnectionAsync(provider.Id, ProviderCapabilities.Video, CancellationToken.None);
        Assert.False(refused.Succeeded);
        Assert.NotNull(refused.Error);
    }

    [Fact]
    public async Task Without_a_video_provider_the_built_in_camera_move_makes_the_clip()
    {
        await RemoveProvidersAsync();
        // A shot no other test of the class makes a clip of: a Generate for one whose clip was asked for within the
        // repeat window would be answered with that task (a burst of clicks), whoever made it.
        var shot = await ShotAsync(s => true, skip: 7);

        var task = await RunVideoAsync(shot.Id);

        Assert.Equal(GenerationTaskStatus.Succeeded, task.Status);
        Assert.Equal("builtin", task.Provider);
        Assert.Null(task.RemoteJobId);
        Assert.Equal(0, _fake.Submissions);
    }

    private async Task<GenerationTask> RunVideoAsync(Guid shotId)
    {
        var id = await QueueVideoAsync(shotId);
        return await WaitForAsync(id, t => t.IsFinished, "the clip", TimeSpan.FromMinutes(3));
    }

    private async Task<Guid> QueueVideoAsync(Guid shotId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        var quote = await production.QuoteAsync(UserId, ProjectId, ProductionStep.ShotVideos, shotId);
        Assert.True(quote.IsSuccess, quote.Error);
        var queued = await production.GenerateAsync(UserId, ProjectId, ProductionStep.ShotVideos, shotId);
        Assert.True(queued.IsSuccess, queued.Error);
        var task = Assert.Single(queued.Value);
        Assert.Equal(quote.Value.Credits, task.CreditsReserved);
        return task.Id;
    }

    private async Task<GenerationTask> WaitForAsync(Guid taskId, Func<GenerationTask, bool> done, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            await using var db = app.Database.CreateContext();
            var task = await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == taskId);
            if (done(task))
                return task;
            Assert.True(DateTime.UtcNow < deadline, $"waited too long for {what}: {task.Status} {task.ProgressMessage} {task.Error}");
            await Task.Delay(100);
        }
    }

    private async Task UseOnlyAsync(ProviderKind kind, string name, string durations)
    {
        await RemoveProvidersAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<ProviderSettings>().SaveAsync(new ProviderEdit
        {
            Name = name, Kind = kind, BaseUrl = kind == ProviderKind.VolcengineArk ? _fake.ArkBaseUrl : _fake.OpenAIBaseUrl,
            NewApiKey = "test-key", Video = true, VideoModel = "seedance-test", VideoPerSecond = 0.1m,
            VideoDurations = durations, VideoRatios = "16:9, 9:16, 1:1", VideoResolutions = "720p", VideoTimeoutMinutes = 10,
        }, CancellationToken.None);
        Assert.True(saved.IsSuccess, saved.Error);
    }

    private async Task RemoveProvidersAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<ProviderSettings>();
        foreach (var provider in await settings.ListAsync(CancellationToken.None))
        {
            if (provider.Kind != ProviderKind.Builtin)
                await settings.DeleteAsync(provider.Id, CancellationToken.None);
        }
    }

    private async Task<Shot> ShotAsync(Func<Shot, bool> filter, int skip = 0)
    {
        await using var db = app.Database.CreateContext();
        var graph = (await ProductionGraph.LoadAsync(db, ProjectId, UserId, CancellationToken.None))!;
        var shots = graph.Shots.Where(s => s.ImageKey is not null).ToList();
        return shots.Where(filter).Skip(skip).FirstOrDefault() ?? shots[skip % shots.Count];
    }

    private async Task<int> PortraitCountAsync(Shot shot)
    {
        await using var db = app.Database.CreateContext();
        return await db.Characters.CountAsync(c => c.ProjectId == ProjectId && shot.CharacterKeys.Contains(c.Key) && c.PortraitKey != null);
    }

    private async Task<string> RatioAsync()
    {
        await using var db = app.Database.CreateContext();
        var graph = (await ProductionGraph.LoadAsync(db, ProjectId, UserId, CancellationToken.None))!;
        var (w, h) = graph.Checkpoint.AspectRatio.FrameSize(720);
        return VideoFit.For(new VideoModelSettings { Ratios = ["16:9", "9:16", "1:1"] }, 5, w, h).Ratio;
    }

    private async Task<CreditBalance> BalanceAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ICreditLedger>().GetBalanceAsync(UserId);
    }

    private async Task<(Guid, string)> MakeProjectWithImagesAsync()
    {
        await RemoveProvidersAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .RegisterAsync($"video-{Guid.NewGuid():N}@example.com", "make-a-video-1", "Video maker");
        var userId = user.Value.Id;
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>().PostAsync(userId, CreditEntryKind.Purchased, 20000, $"grant-{userId}", "test credits");
        var created = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(userId, new CheckpointInput
        {
            Title = "Video " + Guid.NewGuid().ToString("N")[..6],
            Type = ProjectType.SingleEpisode,
            Language = "en-US",
            Idea = "Two rival bakers named Mia and Theo are forced to share one tiny kitchen for a televised contest.",
            EpisodeDurationSeconds = 60,
        });
        Assert.True(created.IsSuccess, created.Error);
        var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
        foreach (var step in new[] { ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Portraits, ProductionStep.Scripts, ProductionStep.ShotLists, ProductionStep.ShotImages })
        {
            var queued = await production.GenerateAsync(userId, created.Value.Id, step);
            Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
            foreach (var task in queued.Value)
            {
                var deadline = DateTime.UtcNow.AddMinutes(3);
                while (true)
                {
                    await using var db = app.Database.CreateContext();
                    var row = await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == task.Id);
                    Assert.False(row.Status is GenerationTaskStatus.Failed or GenerationTaskStatus.Cancelled, $"{step}: {row.Error}");
                    if (row.Status == GenerationTaskStatus.Succeeded)
                        break;
                    Assert.True(DateTime.UtcNow < deadline, $"{step} did not finish");
                    await Task.Delay(100);
                }
            }
        }
        return (created.Value.Id, userId);
    }
}
