using System.Diagnostics;
using DreamX.Domain.Canvas;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Production.Steps;
using DreamX.Tests.Support;
using DreamX.Tests.Support.FakeVideo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Generation;

/// <summary>
/// A video task whose worker is killed (SIGKILL) while it polls its provider's job: another scheduler process takes the
/// task over, resumes polling the same job and finishes it. The provider sees exactly one submission; the credits are
/// consumed once.
/// </summary>
public sealed class VideoCrashTests(PostgresDatabase database, ITestOutputHelper output) : IClassFixture<PostgresDatabase>, IAsyncLifetime
{
    private readonly string _scheduler = "video-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _folder = Directory.CreateTempSubdirectory("dreamx-video-crash-").FullName;
    private IHost _queueing = null!;
    private FakeVideoServer _fake = null!;

    public async Task InitializeAsync()
    {
        _queueing = EngineFixture.BuildHost(database.ConnectionString, new Dictionary<string, string?>
        {
            ["SchedulerName"] = _scheduler,
            ["RunScheduler"] = "false",
        }, _ => { });
        await _queueing.StartAsync();
        _fake = await FakeVideoServer.StartAsync();
    }

    [Fact]
    public async Task A_worker_killed_while_polling_leaves_the_job_to_another_that_resumes_it_without_submitting_again()
    {
        var user = await EngineUser.CreateAsync(database, 1000);
        var shotId = await AddShotWithFrameAsync(user);
        await using (var db = database.CreateContext())
        {
            db.ProviderConfigs.Add(new ProviderConfig
            {
                Name = "fake-ark", Kind = ProviderKind.VolcengineArk, Capabilities = ProviderCapabilities.Video, BaseUrl = _fake.ArkBaseUrl,
                VideoModel = "seedance-test", VideoSettings = new VideoModelSettings { Durations = [5, 10], TimeoutMinutes = 10 },
            });
            await db.SaveChangesAsync();
        }
        // Long enough at about one poll a second that the kill lands while the job runs.
        _fake.Plan(new FakeVideoPlan(PollsUntilDone: 20));
        var logA = Path.Combine(_folder, "a.log");
        var logB = Path.Combine(_folder, "b.log");
        using var a = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, logA, videoStorage: _folder);

        var input = new ShotVideoInput(shotId, "The nurse turns to the door. Camera: slow zoom in.", $"projects/{user.ProjectId:D}/images/frame.png",
            [], 4.2m, 720, 1280, CameraMove.ZoomIn, false, 7, 0);
        var queued = await _queueing.Services.GetRequiredService<IGenerationTasks>().QueueAsync(
            new TaskRequest(user.ProjectId, user.UserId, GenerationTaskType.ShotVideo, NodeKind.Segment, shotId, StageJson.Serialize(input)) { PriceUnits = 5 });
        Assert.True(queued.IsSuccess, queued.Error);
        var taskId = queued.Value.Id;

        // Killed once the job is recorded and being polled.
        await WaitUntilAsync(async () => _fake.Polls >= 3 && (await ReadAsync(taskId)).RemoteJobId is not null, seconds: 90);
        var pollsBeforeKill = _fake.Polls;
        a.Kill();
        var killed = Stopwatch.StartNew();
        using var b = await SchedulerProcess.StartAsync(database.ConnectionString, _scheduler, logB, videoStorage: _folder);
        var bReady = killed.Elapsed;

        await WaitUntilAsync(async () => (await ReadAsync(taskId)).IsFinished, seconds: 180);
        var recovery = killed.Elapsed;
        var task = await ReadAsync(taskId);
        output.WriteLine($"killed after {pollsBeforeKill} polls; B ready {bReady.TotalSeconds:0.0} s after the kill; task finished {recovery.TotalSeconds:0.0} s after the kill; " +
                         $"submissions {_fake.Submissions}, polls {_fake.Polls}, attempts {task.Attempts}");

        Assert.Equal(GenerationTaskStatus.Succeeded, task.Status);
        Assert.Equal(1, _fake.Submissions);
        Assert.Equal(_fake.Jobs.Keys.Single(), task.RemoteJobId);
        Assert.True(task.Attempts >= 2, $"attempts {task.Attempts}");
        Assert.Contains($"start {taskId}", File.ReadAllText(logB));
        Assert.Equal(5 * DreamX.Infrastructure.Generation.DefaultCreditPrices.For(GenerationTaskType.ShotVideo, GenerationQuality.Standard), task.CreditsReserved);
        Assert.Equal(task.CreditsReserved, task.CreditsCharged);
        await using var check = database.CreateContext();
        Assert.Equal(1, await check.CreditLedger.CountAsync(e => e.IdempotencyKey == $"task:{taskId:N}:consume"));
        var shot = await check.Shots.AsNoTracking().FirstAsync(s => s.Id == shotId);
        Assert.NotNull(shot.ClipKey);
        Assert.True(File.Exists(Path.Combine(_folder, shot.ClipKey!)), "the clip is in object storage");
    }

    private async Task<Guid> AddShotWithFrameAsync(EngineUser user)
    {
        var episode = new Episode { ProjectId = user.ProjectId, Number = 1, Title = "Episode 1", State = NodeState.Ready, CurrentVersion = 1 };
        var scene = new Scene { ProjectId = user.ProjectId, EpisodeId = episode.Id, Number = 1, Location = "WARD 7", TimeOfDay = TimeOfDay.Night, State = NodeState.Ready, CurrentVersion = 1 };
        var shot = new Shot
        {
            ProjectId = user.ProjectId, SceneId = scene.Id, Order = 1, State = NodeState.Ready, CurrentVersion = 1, DurationSeconds = 4.2m,
            VisualPrompt = "The nurse turns to the door.", ImageKey = $"projects/{user.ProjectId:D}/images/frame.png",
        };
        scene.Shots = [shot];
        episode.Scenes = [scene];
        await using (var db = database.CreateContext())
        {
            db.Episodes.Add(episode);
            db.Compositions.Add(new Composition { ProjectId = user.ProjectId, EpisodeId = episode.Id });
            await db.SaveChangesAsync();
        }
        var frame = Path.Combine(_folder, "projects", user.ProjectId.ToString("D"), "images", "frame.png");
        Directory.CreateDirectory(Path.GetDirectoryName(frame)!);
        await File.WriteAllBytesAsync(frame, Convert.FromBase64String(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="));
        return shot.Id;
    }

    private async Task<GenerationTask> ReadAsync(Guid taskId)
    {
        await using var db = database.CreateContext();
        return await db.GenerationTasks.AsNoTracking().FirstAsync(t => t.Id == taskId);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the condition did not hold in time");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        await _fake.DisposeAsync();
        await _queueing.StopAsync();
        _queueing.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
