using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DreamX.Tests.Infrastructure.Media.Music;

namespace DreamX.Tests.Api;

/// <summary>A music video made over HTTP: created from an uploaded song, its song map read and edited, its shots cut on the beat.</summary>
public sealed class ApiMusicVideoTests(ApiApp app) : IClassFixture<ApiApp>
{
    private static MultipartFormDataContent Form(object checkpoint, byte[]? song, string fileName = "rooftop.wav")
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(checkpoint), Encoding.UTF8, "application/json"), "checkpoint" },
        };
        if (song is not null)
        {
            var file = new ByteArrayContent(song);
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(file, "song", fileName);
        }
        return form;
    }

    private static byte[] ClickTrack(double seconds) => SongAnalyzerTests.Wav(SongAnalyzerTests.ClickTrack(120, seconds, 0.5, loudFrom: 8.5, loudTo: 16.5).Samples);

    [Fact]
    public async Task A_music_video_is_created_from_an_uploaded_song_and_its_song_map_is_made_read_edited_and_cut_on_the_beat()
    {
        var user = await app.CreateUserAsync();

        // The plain project endpoint cannot take a song: it says so on the song field instead of making a drama.
        using (var plain = await user.Client.PostAsJsonAsync("/api/v1/projects", new
               {
                   type = "MusicMv", title = "Rooftop", language = "zh-CN", idea = "夏夜的城市天台，霓虹和晚风，一个人跳舞",
               }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
            Assert.True((await plain.JsonAsync()).GetProperty("errors").TryGetProperty("song", out _));
        }

        // A text file named .wav is refused from its bytes, with the reason, and no project is made.
        using (var notAudio = await user.Client.PostAsync("/api/v1/projects/music-video",
                   Form(new { title = "Rooftop", idea = "夏夜的城市天台，霓虹和晚风，一个人跳舞" }, Encoding.UTF8.GetBytes("these are not sounds at all"))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notAudio.StatusCode);
            var song = (await notAudio.JsonAsync()).GetProperty("errors").GetProperty("song")[0].GetString();
            Assert.Contains("MP3", song);
        }

        using var createdResponse = await user.Client.PostAsync("/api/v1/projects/music-video", Form(new
        {
            title = "Rooftop", language = "zh-CN", idea = "夏夜的城市天台，霓虹和晚风，一个人跳舞",
            lyrics = "[00:01.00]天台的风\n[00:09.00]霓虹在闪", aspectRatio = "Landscape16x9",
        }, ClickTrack(24)));
        Assert.Equal(HttpStatusCode.Created, createdResponse.StatusCode);
        var created = await createdResponse.JsonAsync();
        Assert.Equal("MusicMv", created.GetProperty("type").GetString());
        var projectId = created.Id();

        var empty = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/song-map");
        Assert.Equal("Empty", empty.GetProperty("state").GetString());
        Assert.Equal("rooftop.wav", empty.GetProperty("songName").GetString());
        Assert.Equal(0, empty.GetProperty("sections").GetArrayLength());
        var blocked = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/canvas/song-map/quote");
        Assert.Equal("production.needs_bible", blocked.GetProperty("blocker").GetString());

        await RunAsync(user, projectId, "story-bible");
        await RunAsync(user, projectId, "song-map");
        var map = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/song-map");
        Assert.Equal("Ready", map.GetProperty("state").GetString());
        Assert.InRange(map.GetProperty("tempo").GetDouble(), 118.5, 121.5);
        var sections = map.GetProperty("sections").EnumerateArray().ToList();
        Assert.True(sections.Count >= 2, $"{sections.Count} sections");
        Assert.Contains(sections, s => s.GetProperty("energy").GetString() == "High");
        Assert.All(sections, s => Assert.NotEqual(JsonValueKind.Null, s.GetProperty("sceneId").ValueKind));
        var lyrics = sections.SelectMany(s => s.GetProperty("lyrics").EnumerateArray()).Select(l => l.GetProperty("text").GetString()).ToList();
        Assert.Equal(["天台的风", "霓虹在闪"], lyrics);

        // An edit that breaks a rule is refused naming the section and line; a good one is kept.
        var first = sections[0];
        object Section(JsonElement s, string? look = null, object[]? lines = null) => new
        {
            number = s.GetProperty("number").GetInt32(),
            look = look ?? s.GetProperty("look").GetString(),
            lyrics = lines ?? s.GetProperty("lyrics").EnumerateArray()
                .Select(l => (object)new { start = l.GetProperty("start").GetDouble(), end = l.GetProperty("end").GetDouble(), text = l.GetProperty("text").GetString() })
                .ToArray(),
        };
        using (var broken = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/song-map", new
               {
                   sections = sections.Select(s => s.GetProperty("number").GetInt32() == first.GetProperty("number").GetInt32()
                       ? Section(s, lines: [new { start = 2.0, end = 1.0, text = "backwards" }])
                       : Section(s)).ToArray(),
               }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
            var message = (await broken.JsonAsync()).GetProperty("errors").GetProperty("lyrics")[0].GetString();
            Assert.Contains("1", message);
        }
        using (var edited = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/song-map", new
               {
                   sections = sections.Select(s => s.GetProperty("number").GetInt32() == first.GetProperty("number").GetInt32()
                       ? Section(s, look: "开场：空无一人的天台，远处的霓虹慢慢亮起")
                       : Section(s)).ToArray(),
               }))
            Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        var after = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/song-map");
        Assert.Equal("开场：空无一人的天台，远处的霓虹慢慢亮起", after.GetProperty("sections")[0].GetProperty("look").GetString());

        await RunAsync(user, projectId, "mv-shots");
        var project = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}");
        var shots = project.GetProperty("episodes")[0].GetProperty("scenes").EnumerateArray()
            .SelectMany(s => s.GetProperty("shots").EnumerateArray()).ToList();
        Assert.NotEmpty(shots);
        // No voices for a music video.
        using (var voices = await user.Client.PostAsync($"/api/v1/projects/{projectId}/canvas/shot-audio", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, voices.StatusCode);
            Assert.Equal("production.not_for_music_videos", (await voices.JsonAsync()).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task The_song_map_endpoints_refuse_a_drama_and_another_users_video()
    {
        var owner = await app.CreateUserAsync();
        var stranger = await app.CreateUserAsync();
        var drama = (await owner.Client.CreateProjectAsync()).Id();
        using (var notVideo = await owner.Client.GetAsync($"/api/v1/projects/{drama}/song-map"))
        {
            Assert.Equal(HttpStatusCode.Conflict, notVideo.StatusCode);
            Assert.Equal("music_video.not_a_music_video", (await notVideo.JsonAsync()).GetProperty("code").GetString());
        }

        using var createdResponse = await owner.Client.PostAsync("/api/v1/projects/music-video",
            Form(new { title = "Mine", language = "en-US", idea = "A night drive through a rainy city, neon on the windscreen." }, ClickTrack(20)));
        Assert.Equal(HttpStatusCode.Created, createdResponse.StatusCode);
        var video = (await createdResponse.JsonAsync()).Id();
        using (var read = await stranger.Client.GetAsync($"/api/v1/projects/{video}/song-map"))
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using (var edit = await stranger.Client.PutAsJsonAsync($"/api/v1/projects/{video}/song-map", new { sections = Array.Empty<object>() }))
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        using (var generate = await stranger.Client.PostAsync($"/api/v1/projects/{video}/canvas/song-map", null))
            Assert.Equal(HttpStatusCode.NotFound, generate.StatusCode);
    }

    private static async Task RunAsync(ApiTestUser user, Guid projectId, string verb)
    {
        var queued = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/{verb}", null, HttpStatusCode.Accepted);
        foreach (var task in queued.GetProperty("tasks").EnumerateArray())
            Assert.Equal("Succeeded", (await user.Client.WaitForTaskAsync(task.Id())).GetProperty("status").GetString());
    }
}
