using System.Globalization;
using System.Text.RegularExpressions;
using DreamX.Domain.Canvas;
using DreamX.Domain.Credits;
using DreamX.Domain.Generation;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.MusicVideos;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Generation;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Media.Compose;
using DreamX.Infrastructure.Media.Music;
using DreamX.Infrastructure.MusicVideos;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Production.Steps;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Infrastructure.Media.Music;
using DreamX.Tests.Support;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>
/// The whole studio (engine, Quartz, PostgreSQL, s3rver-free storage, built-in providers, ffmpeg) making a music video
/// from a click track of known tempo: story bible → song map → beat-cut shots → pictures → compose, checked with
/// ffprobe and ffmpeg's own meters against the beats the track was made with.
/// </summary>
public sealed partial class MusicVideoPipelineTests(StudioApp app, ITestOutputHelper output) : IClassFixture<StudioApp>, IAsyncLifetime
{
    private const double Bpm = 120;
    private const double First = 0.5;
    private readonly StudioApp _app = app;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dreamx-mv-pipeline-");
    private string _userId = "";

    public async Task InitializeAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserAccounts>()
            .RegisterAsync($"singer-{Guid.NewGuid():N}@example.com", "make-a-video-1", "Singer");
        _userId = user.Value.Id;
        await scope.ServiceProvider.GetRequiredService<ICreditLedger>()
            .PostAsync(_userId, CreditEntryKind.Purchased, 2000, $"grant-{_userId}", "test credits");
    }

    public Task DisposeAsync()
    {
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_excerpt_becomes_a_music_video_cut_on_its_beats_with_its_lyrics_at_minus_14_lufs()
    {
        // 120 BPM clicks from 0.5 s over 40 s; a loud chord from 16.5 s to 32.5 s (the chorus). The video covers 4-36 s.
        var (samples, clicks) = SongAnalyzerTests.ClickTrack(Bpm, 40, First, loudFrom: 16.5, loudTo: 32.5);
        const double from = 4, to = 36;
        var project = await CreateAsync(samples, "[00:05.00]天台的风\n[00:09.00]霓虹在闪\n[00:18.50]我在跳舞\n[00:38.00]excerpt is over", from, to);
        var beats = clicks.Where(b => b >= from && b < to).Select(b => b - from).ToList();

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
            // The song map needs the visual concept; a drama's script, shot lists and voices do not apply to a music video.
            Assert.Equal(ProductionRequests.NeedsBible, (await production.GenerateAsync(_userId, project.Id, ProductionStep.SongMap)).Error);
            Assert.Equal(ProductionRequests.NotForMusicVideos, (await production.GenerateAsync(_userId, project.Id, ProductionStep.Scripts)).Error);
            Assert.Equal(ProductionRequests.NotForMusicVideos, (await production.GenerateAsync(_userId, project.Id, ProductionStep.ShotAudio)).Error);
            // "Improve my idea" writes a drama's brief (protagonist, conflict): a song's mood is not one.
            Assert.Equal(ProductionRequests.NotForMusicVideos, (await production.GenerateAsync(_userId, project.Id, ProductionStep.ImproveIdea)).Error);
        }

        await RunAsync(project.Id, ProductionStep.StoryBible);
        await RunAsync(project.Id, ProductionStep.SongMap);

        SongMap map;
        await using (var db = CreateContext())
            map = await db.SongMaps.AsNoTracking().SingleAsync(m => m.ProjectId == project.Id);
        output.WriteLine($"tempo {map.Tempo}, {map.DurationSeconds} s: " + string.Join(" | ", map.Sections.Select(s => $"{s.Number} {s.Kind} {s.Energy} {s.Start:0.00}-{s.End:0.00} [{string.Join("/", s.Lyrics.Select(l => $"{l.Start:0.00} {l.Text}"))}]")));
        Assert.Equal(NodeState.Ready, map.State);
        Assert.InRange(map.Tempo, 118.5, 121.5);
        Assert.Equal(to - from, map.DurationSeconds, 2);
        Assert.Equal(0, map.Sections[0].Start);
        Assert.Equal(to - from, map.Sections[^1].End, 1);
        Assert.All(map.Sections.Zip(map.Sections.Skip(1)), pair => Assert.Equal(pair.First.End, pair.Second.Start));
        // LRC lines keep their times (from the excerpt's start); the one after the excerpt is left out.
        var lyrics = map.Lyrics();
        Assert.Equal(["天台的风", "霓虹在闪", "我在跳舞"], lyrics.Select(l => l.Text).ToArray());
        Assert.Equal([1.0, 5.0, 14.5], lyrics.Select(l => Math.Round(l.Start, 2)).ToArray());
        var chorus = Assert.Single(map.Sections, s => s.Energy == SongEnergy.High);

        // The creator edits the map: a broken line is refused naming its section and line, a good edit is kept.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var edits = scope.ServiceProvider.GetRequiredService<SongMapEdits>();
            var outside = map.Sections.Select(s => new SongMapSectionEdit(s.Number, s.Look,
                s.Number == chorus.Number ? [.. s.Lyrics, new SongMapLyric(s.End + 1, s.End + 3, "too late")] : s.Lyrics)).ToList();
            var (refused, error) = await edits.EditWithErrorAsync(_userId, project.Id, outside);
            Assert.Equal(SongMapRules.LyricOutside, refused.Error);
            Assert.Equal(chorus.Number, error!.Arguments[0]);
            var edited = map.Sections.Select(s => new SongMapSectionEdit(s.Number,
                s.Number == chorus.Number ? "副歌：霓虹下的天台，人群在跳舞，彩色灯光" : s.Look,
                s.Lyrics.Select(l => l.Text == "我在跳舞" ? l with { Text = "我们一起跳舞" } : l).ToList())).ToList();
            var saved = await edits.EditAsync(_userId, project.Id, edited);
            Assert.True(saved.IsSuccess, saved.Error);
        }
        await using (var db = CreateContext())
        {
            var scenes = await db.Scenes.AsNoTracking().Where(s => s.ProjectId == project.Id).OrderBy(s => s.Number).ToListAsync();
            Assert.Equal(map.Sections.Select(s => s.Number), scenes.Select(s => s.Number));
            Assert.Equal("副歌：霓虹下的天台，人群在跳舞，彩色灯光", scenes.Single(s => s.Number == chorus.Number).ActionLines.Single());
        }

        await RunAsync(project.Id, ProductionStep.MusicVideoShots);
        await RunAsync(project.Id, ProductionStep.ShotImages);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var quote = await scope.ServiceProvider.GetRequiredService<StageProduction>().QuoteAsync(_userId, project.Id, ProductionStep.ComposeFinal);
            Assert.Null(quote.Value.Blocker);
            Assert.Equal(DefaultCreditPrices.For(GenerationTaskType.ComposeFinal, GenerationQuality.Standard), quote.Value.Credits);
        }
        await RunAsync(project.Id, ProductionStep.ComposeFinal, seconds: 300);

        // The project page's board lists the music video's own steps (no script, voices or scene designs), its work done.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var board = StepStatus.Of((await scope.ServiceProvider.GetRequiredService<StageProduction>().LoadAsync(_userId, project.Id))!);
            Assert.Equal(
                [ProductionStep.StoryBible, ProductionStep.Characters, ProductionStep.Portraits, ProductionStep.SongMap, ProductionStep.MusicVideoShots,
                 ProductionStep.ShotImages, ProductionStep.ComposePreview, ProductionStep.ComposeFinal],
                board.Select(s => s.Step));
            Assert.All(board.Where(s => s.Step is ProductionStep.StoryBible or ProductionStep.SongMap or ProductionStep.MusicVideoShots
                    or ProductionStep.ShotImages or ProductionStep.ComposeFinal),
                s => Assert.Equal((NodeState.Ready, s.Total), (s.State, s.Done)));
        }

        await using var check = CreateContext();
        var shots = await check.Shots.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync();
        var sceneNumbers = await check.Scenes.AsNoTracking().Where(s => s.ProjectId == project.Id).ToDictionaryAsync(s => s.Id, s => s.Number);
        Assert.All(shots, s => Assert.Null(s.SpokenLine));
        Assert.All(shots, s => Assert.NotNull(s.ImageKey));
        // Faster cuts in the loud section.
        var loudShots = shots.Where(s => sceneNumbers[s.SceneId] == chorus.Number).ToList();
        var quietShots = shots.Where(s => sceneNumbers[s.SceneId] != chorus.Number).ToList();
        Assert.True(loudShots.Average(s => s.DurationSeconds) < quietShots.Average(s => s.DurationSeconds),
            $"chorus shots {loudShots.Average(s => s.DurationSeconds):0.00} s, others {quietShots.Average(s => s.DurationSeconds):0.00} s");

        // The compose's plan: every shot starts on a beat of the track (the section's first on the section's start).
        var task = await check.GenerationTasks.AsNoTracking().SingleAsync(t => t.ProjectId == project.Id && t.Type == GenerationTaskType.ComposeFinal);
        var input = StageJson.Deserialize<ComposeInput>(task.InputJson!).Value;
        var planned = input.MusicVideo!.Timing.Select(t => t.Start).Skip(1).ToList();
        Assert.Equal(shots.Count, input.MusicVideo.Timing.Count);
        Assert.All(planned, start => Assert.True(beats.Min(b => Math.Abs(b - start)) < 0.03, $"a shot starts at {start:0.000} s, off the beat"));

        var render = await check.CompositionRenders.AsNoTracking()
            .Where(r => check.Compositions.Any(c => c.Id == r.CompositionId && c.ProjectId == project.Id)).SingleAsync();
        var video = await DownloadAsync(render.VideoKey, "mv.mp4");
        var probe = await FFMpegCore.FFProbe.AnalyseAsync(video);
        output.WriteLine($"{shots.Count} shots, {probe.Duration.TotalSeconds:0.000} s, {render.Width}x{render.Height}");
        Assert.InRange(probe.Duration.TotalSeconds, to - from - 0.1, to - from + 0.1);
        Assert.Single(probe.AudioStreams);
        Assert.Equal(to - from, (double)render.DurationSeconds, 1);

        // Every cut ffmpeg sees in the picture is on a beat (within 40 ms, one frame) and where the plan put a shot's start.
        var cuts = await SceneCutsAsync(video);
        output.WriteLine("cuts: " + string.Join(", ", cuts.Select(c => c.ToString("0.000", CultureInfo.InvariantCulture))));
        output.WriteLine("planned: " + string.Join(", ", planned.Select(c => c.ToString("0.000", CultureInfo.InvariantCulture))));
        Assert.Equal(planned.Count, cuts.Count);
        foreach (var cut in cuts)
        {
            var beat = beats.MinBy(b => Math.Abs(b - cut));
            Assert.True(Math.Abs(beat - cut) <= 0.040, $"cut at {cut:0.000} s is {Math.Abs(beat - cut) * 1000:0} ms from the nearest beat {beat:0.000} s");
            Assert.True(planned.Min(p => Math.Abs(p - cut)) <= 0.040, $"cut at {cut:0.000} s is no planned shot start");
        }

        var loudness = await IntegratedLoudnessAsync(video);
        output.WriteLine($"integrated loudness {loudness} LUFS");
        Assert.InRange(loudness, MusicVideoComposer.TargetLufs - 1, MusicVideoComposer.TargetLufs + 1);

        var srt = await File.ReadAllTextAsync(await DownloadAsync(render.SubtitlesKey!, "mv.srt"));
        Assert.Contains("00:00:01,000 --> ", srt);
        Assert.Contains("我们一起跳舞", srt);
        Assert.DoesNotContain("excerpt is over", srt);
        Assert.Equal(3, Regex.Matches(srt, "-->").Count);

        // Priced like every stage: the bible, the map, a shot list per section, a picture per shot and the final.
        var charged = await check.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == project.Id).SumAsync(t => t.CreditsCharged);
        var expected = DefaultCreditPrices.For(GenerationTaskType.StoryBible, GenerationQuality.Standard)
                       + DefaultCreditPrices.For(GenerationTaskType.SongMap, GenerationQuality.Standard)
                       + map.Sections.Count * DefaultCreditPrices.For(GenerationTaskType.MusicVideoShots, GenerationQuality.Standard)
                       + shots.Count * DefaultCreditPrices.For(GenerationTaskType.ShotImage, GenerationQuality.Standard)
                       + DefaultCreditPrices.For(GenerationTaskType.ComposeFinal, GenerationQuality.Standard);
        Assert.Equal(expected, charged);
        Assert.Equal(ProjectStage.Compose, (await check.Projects.AsNoTracking().SingleAsync(p => p.Id == project.Id)).Stage);
    }

    [Fact]
    public async Task Music_video_stages_are_refused_to_a_drama_and_the_performer_is_in_the_close_shots()
    {
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var drama = await scope.ServiceProvider.GetRequiredService<ProjectLibrary>().CreateAsync(_userId, new CheckpointInput
            {
                Title = "Drama " + Guid.NewGuid().ToString("N")[..6], Language = "en-US",
                Idea = "Two rival bakers are forced to share one tiny kitchen for a televised contest.",
            });
            var production = scope.ServiceProvider.GetRequiredService<StageProduction>();
            Assert.Equal(ProductionRequests.NotAMusicVideo, (await production.GenerateAsync(_userId, drama.Value.Id, ProductionStep.SongMap)).Error);
            Assert.Equal(ProductionRequests.NotAMusicVideo, (await production.GenerateAsync(_userId, drama.Value.Id, ProductionStep.MusicVideoShots)).Error);
        }

        var (samples, _) = SongAnalyzerTests.ClickTrack(Bpm, 24, First);
        var project = await CreateAsync(samples, "first line\nsecond line\nthird line", null, null);
        await using (var scope = _app.Services.CreateAsyncScope())
            Assert.Equal(ProductionRequests.NeedsSongMap,
                (await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_userId, project.Id, ProductionStep.MusicVideoShots)).Error);
        await RunAsync(project.Id, ProductionStep.StoryBible);
        await RunAsync(project.Id, ProductionStep.Characters);
        await RunAsync(project.Id, ProductionStep.SongMap);
        await RunAsync(project.Id, ProductionStep.MusicVideoShots);

        await using var db = CreateContext();
        var lead = await db.Characters.AsNoTracking().Where(c => c.ProjectId == project.Id).OrderBy(c => c.SortOrder).FirstAsync();
        var shots = await db.Shots.AsNoTracking().Where(s => s.ProjectId == project.Id).ToListAsync();
        Assert.NotEmpty(shots);
        Assert.All(shots, s => Assert.Equal(
            s.ShotType is DreamX.Domain.Scripts.ShotType.CloseUp or DreamX.Domain.Scripts.ShotType.MediumCloseUp or DreamX.Domain.Scripts.ShotType.Medium ? [lead.Key] : Array.Empty<string>(),
            s.CharacterKeys));
        // Plain lyrics are spread over the sung sections, every line placed once, in order.
        var map = await db.SongMaps.AsNoTracking().SingleAsync(m => m.ProjectId == project.Id);
        Assert.Equal(["first line", "second line", "third line"], map.Lyrics().Select(l => l.Text).ToArray());
        Assert.Equal(24, map.DurationSeconds, 1);
    }

    private Task<Project> CreateAsync(float[] samples, string lyrics, double? from, double? to) =>
        CreateRooftopAsync(_app.Services, _userId, samples, lyrics, from, to);

    /// <summary>A music video of <paramref name="userId"/> from a WAV of these samples (the "Rooftop" idea, in Chinese), as the checkpoint makes it.</summary>
    internal static async Task<Project> CreateRooftopAsync(IServiceProvider services, string userId, float[] samples, string lyrics, double? from = null, double? to = null)
    {
        await using var scope = services.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<SongIntake>();
        var received = await intake.ReceiveAsync(new MemoryStream(SongAnalyzerTests.Wav(samples)), "rooftop.wav", CancellationToken.None);
        Assert.True(received.IsSuccess, received.Error);
        using var song = received.Value;
        var created = await intake.CreateProjectAsync(userId, new CheckpointInput
        {
            Type = ProjectType.MusicMv, Title = "Rooftop " + Guid.NewGuid().ToString("N")[..6], Language = "zh-CN",
            Idea = "夏夜的城市天台，霓虹和晚风，一个人跳舞", Lyrics = lyrics, ExcerptStartSeconds = from, ExcerptEndSeconds = to,
        }, song, CancellationToken.None);
        Assert.True(created.IsSuccess, created.Error);
        return created.Value;
    }

    private async Task<string> DownloadAsync(string key, string name)
    {
        var storage = _app.Services.GetRequiredService<IObjectStorage>();
        await using var stored = await storage.OpenReadAsync(ObjectKey.Parse(key), CancellationToken.None);
        Assert.NotNull(stored);
        var path = Path.Combine(_folder.FullName, name);
        await using var file = File.Create(path);
        await stored.Stream.CopyToAsync(file);
        return path;
    }

    /// <summary>Where ffmpeg's scene detection sees a new picture (seconds).</summary>
    private async Task<List<double>> SceneCutsAsync(string video)
    {
        var run = await FfmpegProcess.RunAsync(["-i", video, "-vf", "select='gt(scene,0.2)',showinfo", "-an", "-f", "null", "-"], _folder.FullName, CancellationToken.None);
        Assert.True(run.IsSuccess, run.Error);
        return PtsTime().Matches(run.Value).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
    }

    /// <summary>The integrated loudness of the file's audio by ffmpeg's EBU R128 meter.</summary>
    private async Task<double> IntegratedLoudnessAsync(string video)
    {
        var run = await FfmpegProcess.RunAsync(["-i", video, "-vn", "-af", "ebur128", "-f", "null", "-"], _folder.FullName, CancellationToken.None);
        Assert.True(run.IsSuccess, run.Error);
        var summary = run.Value[run.Value.LastIndexOf("Summary:", StringComparison.Ordinal)..];
        return double.Parse(Integrated().Match(summary).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private async Task RunAsync(Guid projectId, ProductionStep step, Guid? nodeId = null, int seconds = 120)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var queued = await scope.ServiceProvider.GetRequiredService<StageProduction>().GenerateAsync(_userId, projectId, step, nodeId);
        Assert.True(queued.IsSuccess, $"{step}: {queued.Error}");
        await _app.Database.WaitSucceededAsync(queued.Value.Select(t => t.Id).ToList(), step.ToString(), seconds);
    }

    private DreamXDbContext CreateContext() => _app.Database.CreateContext();

    [GeneratedRegex(@"pts_time:\s*([0-9.]+)")]
    private static partial Regex PtsTime();

    [GeneratedRegex(@"I:\s*(-?[0-9.]+) LUFS")]
    private static partial Regex Integrated();
}
