using System.Text;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Projects;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging.Abstractions;

namespace DreamX.Tests.Infrastructure.Projects;

[Collection(DatabaseCollection.Name)]
public sealed class ProjectLibraryTests(PostgresDatabase database) : IAsyncLifetime
{
    private const string Maya = "user-maya";
    private const string Leo = "user-leo";

    private readonly TemporaryFolder _folder = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private LocalFileObjectStorage _storage = null!;
    private ProjectLibrary _library = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        await using (var db = database.CreateContext())
        {
            db.Users.AddRange(
                new ApplicationUser { Id = Maya, UserName = "maya@example.com", Email = "maya@example.com" },
                new ApplicationUser { Id = Leo, UserName = "leo@example.com", Email = "leo@example.com" });
            await db.SaveChangesAsync();
        }
        _storage = new LocalFileObjectStorage(_folder.Path, new MediaUrlSigner(new EphemeralDataProtectionProvider(), _clock));
        _library = new ProjectLibrary(database.ContextFactory, _storage, _clock, NullLogger<ProjectLibrary>.Instance);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_created_project_keeps_its_checkpoint()
    {
        var created = await _library.CreateAsync(Maya, Checkpoint("The Night Shift") with { EpisodeDurationSeconds = 90 });

        var loaded = await _library.GetAsync(Maya, created.Value.Id);

        Assert.True(loaded.IsSuccess);
        Assert.Equal("The Night Shift", loaded.Value.Title);
        Assert.Equal(90, loaded.Value.Checkpoint.EpisodeDurationSeconds);
        Assert.Equal(ProjectStage.Checkpoint, loaded.Value.Stage);
    }

    [Fact]
    public async Task An_invalid_checkpoint_is_refused_with_its_rule_and_nothing_is_saved()
    {
        var created = await _library.CreateAsync(Maya, Checkpoint("Short") with { Idea = "tiny" });

        Assert.Equal("idea.too_short", created.Error);
        Assert.Equal(0, (await _library.ListAsync(Maya, new ProjectQuery())).TotalCount);
    }

    [Fact]
    public async Task A_style_that_does_not_exist_is_refused()
    {
        var created = await _library.CreateAsync(Maya, Checkpoint("Styled") with { VisualStyleId = Guid.NewGuid() });

        Assert.Equal("style.unknown", created.Error);
    }

    [Fact]
    public async Task Another_user_can_neither_see_nor_change_a_project()
    {
        var project = (await _library.CreateAsync(Maya, Checkpoint("Mine"))).Value;

        Assert.Equal(ProjectLibrary.NotFound, (await _library.GetAsync(Leo, project.Id)).Error);
        Assert.Equal(ProjectLibrary.NotFound, (await _library.RenameAsync(Leo, project.Id, "Stolen")).Error);
        Assert.Equal(ProjectLibrary.NotFound, (await _library.DuplicateAsync(Leo, project.Id, "Copied")).Error);
        Assert.Equal(ProjectLibrary.NotFound, (await _library.DeleteAsync(Leo, project.Id)).Error);
        Assert.Empty((await _library.ListAsync(Leo, new ProjectQuery())).Items);

        var untouched = await _library.GetAsync(Maya, project.Id);
        Assert.Equal("Mine", untouched.Value.Title);
    }

    [Fact]
    public async Task The_list_holds_only_the_owners_projects_newest_update_first_in_pages()
    {
        for (var i = 1; i <= 5; i++)
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await _library.CreateAsync(Maya, Checkpoint($"Episode idea {i}"));
        }
        await _library.CreateAsync(Leo, Checkpoint("Leo's"));

        var first = await _library.ListAsync(Maya, new ProjectQuery(PageSize: 2));
        var last = await _library.ListAsync(Maya, new ProjectQuery(Page: 3, PageSize: 2));
        var oldestFirst = await _library.ListAsync(Maya, new ProjectQuery(PageSize: 2, NewestFirst: false));

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(3, first.PageCount);
        Assert.Equal(["Episode idea 5", "Episode idea 4"], first.Items.Select(p => p.Title));
        Assert.Equal(["Episode idea 1"], last.Items.Select(p => p.Title));
        Assert.Equal(["Episode idea 1", "Episode idea 2"], oldestFirst.Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Renaming_moves_the_project_to_the_top_of_the_list()
    {
        var older = (await _library.CreateAsync(Maya, Checkpoint("Older"))).Value;
        _clock.Advance(TimeSpan.FromMinutes(5));
        await _library.CreateAsync(Maya, Checkpoint("Newer"));
        _clock.Advance(TimeSpan.FromMinutes(5));

        await _library.RenameAsync(Maya, older.Id, "Older, renamed");

        var list = await _library.ListAsync(Maya, new ProjectQuery());
        Assert.Equal("Older, renamed", list.Items[0].Title);
    }

    [Fact]
    public async Task Search_matches_title_or_idea_without_treating_wildcards_as_wildcards()
    {
        await _library.CreateAsync(Maya, Checkpoint("Moonlight Bakery"));
        await _library.CreateAsync(Maya, Checkpoint("Harbour") with { Idea = "A ferry captain finds a letter from 1999 in a bottle." });
        await _library.CreateAsync(Maya, Checkpoint("100% Revenge"));

        Assert.Equal(["Moonlight Bakery"], (await _library.ListAsync(Maya, new ProjectQuery("moonLIGHT"))).Items.Select(p => p.Title));
        Assert.Equal(["Harbour"], (await _library.ListAsync(Maya, new ProjectQuery("ferry captain"))).Items.Select(p => p.Title));
        Assert.Equal(["100% Revenge"], (await _library.ListAsync(Maya, new ProjectQuery("0%"))).Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Renaming_to_an_empty_title_is_refused()
    {
        var project = (await _library.CreateAsync(Maya, Checkpoint("Keep me"))).Value;

        var renamed = await _library.RenameAsync(Maya, project.Id, "   ");

        Assert.Equal("title.required", renamed.Error);
        Assert.Equal("Keep me", (await _library.GetAsync(Maya, project.Id)).Value.Title);
    }

    [Fact]
    public async Task A_duplicate_copies_the_checkpoint_under_a_new_id()
    {
        var original = (await _library.CreateAsync(Maya, Checkpoint("Original") with { Type = ProjectType.MultiEpisodes, EpisodeCount = 4 })).Value;

        var copy = await _library.DuplicateAsync(Maya, original.Id, "Original (copy)");

        var loaded = (await _library.GetAsync(Maya, copy.Value.Id)).Value;
        Assert.NotEqual(original.Id, loaded.Id);
        Assert.Equal(ProjectType.MultiEpisodes, loaded.Type);
        Assert.Equal(4, loaded.Checkpoint.EpisodeCount);
        Assert.Equal(original.Checkpoint.Idea, loaded.Checkpoint.Idea);
        Assert.Equal(2, (await _library.ListAsync(Maya, new ProjectQuery())).TotalCount);
    }

    [Fact]
    public async Task Deleting_removes_the_project_and_its_media_only()
    {
        var doomed = (await _library.CreateAsync(Maya, Checkpoint("Doomed"))).Value;
        var kept = (await _library.CreateAsync(Maya, Checkpoint("Kept"))).Value;
        var doomedImage = ObjectKey.ForProject(doomed.Id, ProjectAreas.Images, "shot-1.png");
        var keptImage = ObjectKey.ForProject(kept.Id, ProjectAreas.Images, "shot-1.png");
        await _storage.PutAsync(doomedImage, new MemoryStream(Encoding.ASCII.GetBytes("png")), "image/png", CancellationToken.None);
        await _storage.PutAsync(keptImage, new MemoryStream(Encoding.ASCII.GetBytes("png")), "image/png", CancellationToken.None);

        var deleted = await _library.DeleteAsync(Maya, doomed.Id);

        Assert.True(deleted.IsSuccess);
        Assert.Equal(ProjectLibrary.NotFound, (await _library.GetAsync(Maya, doomed.Id)).Error);
        Assert.False(await _storage.ExistsAsync(doomedImage, CancellationToken.None));
        Assert.True(await _storage.ExistsAsync(keptImage, CancellationToken.None));
    }

    private static CheckpointInput Checkpoint(string title) => new()
    {
        Title = title,
        Language = "en-US",
        Idea = "A night-shift nurse discovers that her quiet patient is the heir everyone is looking for.",
    };
}
