using System.Net;
using System.Net.Http.Json;
using DreamX.Tests.Support;

namespace DreamX.Tests.Api;

/// <summary>
/// The README's curl session, step by step over HTTP with a token: an idea to generate-drama, polling the run and its
/// tasks, then the signed link to the MP4, downloaded and checked with ffprobe. Built-in providers; a 15 s episode.
/// </summary>
public sealed class ApiReadmeSessionTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task The_readme_session_takes_an_idea_to_a_downloaded_mp4()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(TestEnvironment.RepositoryRoot, "README.md"));
        foreach (var step in new[] { "/api/v1/projects/generate-drama", "/api/v1/projects/$PROJECT/drama", "/api/v1/tasks/", ".downloadsUrl", "curl -fsSL -o episode.mp4" })
            Assert.Contains(step, readme);

        var user = await app.CreateUserAsync();

        // 1. The idea in, every stage queued in order.
        using var started = await user.Client.PostAsJsonAsync("/api/v1/projects/generate-drama", new
        {
            type = "SingleEpisode", title = "The Lighthouse Keeper", language = "en-US", episodeCount = 1, episodeDurationSeconds = 15,
            aspectRatio = "Portrait9x16",
            idea = "A lighthouse keeper finds a letter from her missing brother inside a bottle on the night of a storm.",
        });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = await started.JsonAsync();
        var projectId = run.GetProperty("projectId").GetGuid();
        var stages = run.GetProperty("stages").EnumerateArray().Select(s => s.GetProperty("stage").GetString()).ToList();
        Assert.Equal(["story-bible", "characters", "portraits", "script", "scene-design", "segment-design", "shot-images", "shot-audio", "compose"], stages);
        var firstTask = run.GetProperty("stages")[0].GetProperty("tasks")[0].Id();

        // 2. Poll a task, then the run until the episode is done.
        var task = await user.Client.WaitForTaskAsync(firstTask);
        Assert.Equal("Succeeded", task.GetProperty("status").GetString());
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(12);
        while (true)
        {
            run = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/drama");
            var status = run.GetProperty("status").GetString();
            if (status == "Succeeded")
                break;
            Assert.True(status == "Running", $"the run stopped: {run.GetProperty("error")} {run}");
            Assert.True(DateTime.UtcNow < deadline, $"the run is still going: {run}");
            await Task.Delay(1000);
        }
        Assert.All(run.GetProperty("stages").EnumerateArray(), s => Assert.Contains(s.GetProperty("state").GetString(), new[] { "Succeeded", "Skipped" }));
        // Each stage's tasks were queued only after the stage before it had succeeded.
        var finished = run.GetProperty("stages").EnumerateArray()
            .Select(s => s.GetProperty("tasks").EnumerateArray().ToList()).Where(t => t.Count > 0).ToList();
        for (var i = 1; i < finished.Count; i++)
        {
            var previousDone = finished[i - 1].Max(t => t.GetProperty("finishedAt").GetDateTimeOffset());
            Assert.True(finished[i].Min(t => t.GetProperty("createdAt").GetDateTimeOffset()) >= previousDone.AddSeconds(-1));
        }

        // 3. The signed link, followed without the token, gives the MP4.
        var downloads = await user.Client.GetJsonAsync(run.GetProperty("downloadsUrl").GetString()!);
        var videoUrl = downloads.GetProperty("video").GetProperty("url").GetString()!;
        Assert.NotNull(downloads.GetProperty("subtitles").GetProperty("url").GetString());
        using var anonymous = app.CreateClient();
        var bytes = await anonymous.GetByteArrayAsync(new Uri(videoUrl).PathAndQuery);
        var file = Path.Combine(TestEnvironment.ArtifactsDirectory, "api-readme-episode.mp4");
        await File.WriteAllBytesAsync(file, bytes);
        var probe = await FFMpegCore.FFProbe.AnalyseAsync(file);
        Assert.Equal("h264", probe.PrimaryVideoStream?.CodecName);
        Assert.NotNull(probe.PrimaryAudioStream);
        Assert.InRange(probe.Duration.TotalSeconds, 5, 60);
        // The Jianying/CapCut draft of the same render: a ZIP whose draft rebuilds a timeline as long as the MP4.
        var draftFile = Path.Combine(TestEnvironment.ArtifactsDirectory, "api-readme-episode.jianying.zip");
        await File.WriteAllBytesAsync(draftFile,
            await anonymous.GetByteArrayAsync(new Uri(downloads.GetProperty("jianyingDraft").GetProperty("url").GetString()!).PathAndQuery));
        var draft = DreamX.Tests.Infrastructure.Media.Compose.DraftReader.Read(DreamX.Tests.Infrastructure.Media.Compose.DraftReader.Open(draftFile));
        Assert.InRange(draft.DurationUs / 1e6, probe.Duration.TotalSeconds - 0.15, probe.Duration.TotalSeconds + 0.15);
        Assert.NotEmpty(draft.Shots);

        // 4. One shot made to move (built-in camera move without a video provider): quoted, generated, its clip downloaded.
        var graph = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}");
        var shotId = graph.GetProperty("episodes")[0].GetProperty("scenes")[0].GetProperty("shots")[0].Id();
        var quote = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/shots/{shotId}/video/quote");
        Assert.Equal(1, quote.GetProperty("taskCount").GetInt32());
        using var moving = await user.Client.PostAsync($"/api/v1/projects/{projectId}/shots/{shotId}/video", null);
        Assert.Equal(HttpStatusCode.Accepted, moving.StatusCode);
        var videoTask = await user.Client.WaitForTaskAsync((await moving.JsonAsync()).GetProperty("tasks")[0].Id());
        Assert.Equal("Succeeded", videoTask.GetProperty("status").GetString());
        Assert.Equal("ShotVideo", videoTask.GetProperty("type").GetString());
        var shotLinks = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/shots/{shotId}/downloads");
        var clip = await anonymous.GetByteArrayAsync(new Uri(shotLinks.GetProperty("clip").GetProperty("url").GetString()!).PathAndQuery);
        var clipFile = Path.Combine(TestEnvironment.ArtifactsDirectory, "api-readme-shot-clip.mp4");
        await File.WriteAllBytesAsync(clipFile, clip);
        Assert.NotNull((await FFMpegCore.FFProbe.AnalyseAsync(clipFile)).PrimaryVideoStream);
    }
}
