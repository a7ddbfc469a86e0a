using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace DreamX.Tests.Api;

/// <summary>An image-text note made, edited and exported over HTTP with the same services and rules as the canvas.</summary>
public sealed class ApiNoteTests(ApiApp app) : IClassFixture<ApiApp>
{
    [Fact]
    public async Task A_note_is_generated_stage_by_stage_edited_and_exported_as_a_zip_of_pages_and_the_post()
    {
        var user = await app.CreateUserAsync();
        var created = await user.Client.PostJsonAsync("/api/v1/projects", new
        {
            type = "RedbookNote",
            title = "Tea at home",
            language = "en-US",
            idea = "Five ways to brew a better cup of green tea at home without special tools.",
            notePageCount = 3,
            noteTone = "expert",
        }, HttpStatusCode.Created);
        Assert.Equal("RedbookNote", created.GetProperty("type").GetString());
        var projectId = created.Id();

        // Before anything is made: an empty outline, no pages, no post; the post and the pages wait for the outline.
        var empty = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/note");
        Assert.Equal(0, empty.GetProperty("pages").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("post").ValueKind);
        var blocked = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/canvas/note-pages/quote");
        Assert.False(string.IsNullOrEmpty(blocked.GetProperty("blocker").GetString()));

        await RunAsync(user, projectId, "note-outline");
        var outlined = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/note");
        Assert.Equal("Ready", outlined.GetProperty("outlineState").GetString());
        var pages = outlined.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal(4, pages.Count);
        Assert.True(pages[0].GetProperty("isCover").GetBoolean());
        Assert.All(pages, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("image").ValueKind));

        // The export says what is missing rather than shipping half a note.
        var early = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/note/export", null, HttpStatusCode.Conflict);
        Assert.Equal("note.export_incomplete", early.GetProperty("code").GetString());

        // A page's words by hand, then every page drawn and the post written.
        var second = pages[1].Id();
        using (var edited = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/note/pages/{second}",
                   new { heading = "Cool the water", text = "80 °C, not boiling: the leaves stay sweet.", imagePrompt = "a glass teapot with steam" }))
            Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        using (var tooLong = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/note/pages/{second}",
                   new { heading = new string('x', 200), text = "", imagePrompt = "tea" }))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
            Assert.Equal("note.heading_too_long", (await tooLong.JsonAsync()).GetProperty("code").GetString());
        }
        await RunAsync(user, projectId, "note-pages");
        await RunAsync(user, projectId, "note-post");

        var made = await user.Client.GetJsonAsync($"/api/v1/projects/{projectId}/note");
        var madePages = made.GetProperty("pages").EnumerateArray().ToList();
        Assert.Equal("Cool the water", madePages[1].GetProperty("heading").GetString());
        Assert.All(madePages, p => Assert.Equal("Ready", p.GetProperty("state").GetString()));
        var cover = madePages[0].GetProperty("image").GetProperty("url").GetString()!;
        using (var picture = await user.Client.GetAsync(cover))
        {
            Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
            Assert.Equal("image/jpeg", picture.Content.Headers.ContentType?.MediaType);
        }
        var post = made.GetProperty("post");
        Assert.InRange(post.GetProperty("title").GetString()!.Length, 1, 20);

        using (var retitled = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/note/post",
                   new { title = "Better green tea", body = "Three small changes, one much better cup.", hashtags = new[] { "#tea", "greentea" } }))
            Assert.Equal(HttpStatusCode.NoContent, retitled.StatusCode);
        using (var overlong = await user.Client.PutAsJsonAsync($"/api/v1/projects/{projectId}/note/post",
                   new { title = new string('t', 21), body = "b", hashtags = Array.Empty<string>() }))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, overlong.StatusCode);

        var link = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/note/export", null, HttpStatusCode.OK);
        using var zip = await user.Client.GetAsync(link.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync(), ZipArchiveMode.Read);
        Assert.Equal(["01.jpg", "02.jpg", "03.jpg", "04.jpg", "post.txt"], archive.Entries.Select(e => e.FullName).Order().ToArray());
        using var reader = new StreamReader(archive.GetEntry("post.txt")!.Open());
        var text = await reader.ReadToEndAsync();
        Assert.Contains("Better green tea", text);
        Assert.Contains("#greentea", text);
    }

    [Fact]
    public async Task The_note_endpoints_refuse_a_drama_and_another_users_note()
    {
        var owner = await app.CreateUserAsync();
        var stranger = await app.CreateUserAsync();
        var drama = (await owner.Client.CreateProjectAsync()).Id();
        var notDrama = await owner.Client.GetAsync($"/api/v1/projects/{drama}/note");
        Assert.Equal(HttpStatusCode.Conflict, notDrama.StatusCode);
        Assert.Equal("note.not_a_note", (await notDrama.JsonAsync()).GetProperty("code").GetString());

        var note = (await owner.Client.PostJsonAsync("/api/v1/projects", new
        {
            type = "RedbookNote", title = "Mine", language = "en-US", idea = "A weekend in a small mountain town, spent well.", notePageCount = 2,
        }, HttpStatusCode.Created)).Id();
        using (var read = await stranger.Client.GetAsync($"/api/v1/projects/{note}/note"))
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using (var edit = await stranger.Client.PutAsJsonAsync($"/api/v1/projects/{note}/note/outline", new { hook = "Hi", lines = new[] { "a", "b" } }))
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        using (var export = await stranger.Client.PostAsync($"/api/v1/projects/{note}/note/export", null))
            Assert.Equal(HttpStatusCode.NotFound, export.StatusCode);
        using (var generate = await stranger.Client.PostAsync($"/api/v1/projects/{note}/canvas/note-outline", null))
            Assert.Equal(HttpStatusCode.NotFound, generate.StatusCode);
    }

    private static async Task RunAsync(ApiTestUser user, Guid projectId, string verb)
    {
        var queued = await user.Client.PostJsonAsync($"/api/v1/projects/{projectId}/canvas/{verb}", null, HttpStatusCode.Accepted);
        foreach (var task in queued.GetProperty("tasks").EnumerateArray())
            Assert.Equal("Succeeded", (await user.Client.WaitForTaskAsync(task.Id())).GetProperty("status").GetString());
    }
}
