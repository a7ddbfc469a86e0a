using System.Text;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Projects;

[Collection(DatabaseCollection.Name)]
public sealed class ProjectLibraryTests(PostgresDatabase database) : ProjectLibraryTest(database)
{
    [Fact]
    public async Task A_created_project_keeps_its_checkpoint()
    {
        var created = await Library.CreateAsync(Maya, Checkpoint("The Night Shift") with { EpisodeDurationSeconds = 90 });

        var loaded = await Library.GetAsync(Maya, created.Value.Id);

        Assert.True(loaded.IsSuccess);
        Assert.Equal("The Night Shift", loaded.Value.Title);
        Assert.Equal(90, loaded.Value.Checkpoint.EpisodeDurationSeconds);
        Assert.Equal(ProjectStage.Checkpoint, loaded.Value.Stage);
    }

    [Fact]
    public async Task An_invalid_checkpoint_is_refused_with_its_rule_and_nothing_is_saved()
    {
        var created = await Library.CreateAsync(Maya, Checkpoint("Short") with { Idea = "tiny" });

        Assert.Equal("idea.too_short", created.Error);
        Assert.Equal(0, (await Library.ListAsync(Maya, new ProjectQuery())).TotalCount);
    }

    [Fact]
    public async Task A_style_that_does_not_exist_is_refused()
    {
        var created = await Library.CreateAsync(Maya, Checkpoint("Styled") with { VisualStyleId = Guid.NewGuid() });

        Assert.Equal("style.unknown", created.Error);
    }

    [Fact]
    public async Task Another_user_can_neither_see_nor_change_a_project()
    {
        var project = (await Library.CreateAsync(Maya, Checkpoint("Mine"))).Value;

        Assert.Equal(ProjectLibrary.NotFound, (await Library.GetAsync(Leo, project.Id)).Error);
        Assert.Equal(ProjectLibrary.NotFound, (await Library.RenameAsync(Leo, project.Id, "Stolen")).Error);
        Assert.Equal(ProjectLibrary.NotFound, (await Library.DuplicateAsync(Leo, project.Id, "Copied")).Error);
        Assert.Equal(ProjectLibrary.NotFound, (await Library.DeleteAsync(Leo, project.Id)).Error);
        Assert.Empty((await Library.ListAsync(Leo, new ProjectQuery())).Items);

        var untouched = await Library.GetAsync(Maya, project.Id);
        Assert.Equal("Mine", untouched.Value.Title);
    }

    [Fact]
    public async Task The_list_holds_only_the_owners_projects_newest_update_first_in_pages()
    {
        for (var i = 1; i <= 5; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await Library.CreateAsync(Maya, Checkpoint($"Episode idea {i}"));
        }
        await Library.CreateAsync(Leo, Checkpoint("Leo's"));

        var first = await Library.ListAsync(Maya, new ProjectQuery(PageSize: 2));
        var last = await Library.ListAsync(Maya, new ProjectQuery(Page: 3, PageSize: 2));
        var oldestFirst = await Library.ListAsync(Maya, new ProjectQuery(PageSize: 2, NewestFirst: false));

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(3, first.PageCount);
        Assert.Equal(["Episode idea 5", "Episode idea 4"], first.Items.Select(p => p.Title));
        Assert.Equal(["Episode idea 1"], last.Items.Select(p => p.Title));
        Assert.Equal(["Episode idea 1", "Episode idea 2"], oldestFirst.Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Renaming_moves_the_project_to_the_top_of_the_list()
    {
        var older = (await Library.CreateAsync(Maya, Checkpoint("Older"))).Value;
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Library.CreateAsync(Maya, Checkpoint("Newer"));
        Clock.Advance(TimeSpan.FromMinutes(5));

        await Library.RenameAsync(Maya, older.Id, "Older, renamed");

        var list = await Library.ListAsync(Maya, new ProjectQuery());
        Assert.Equal("Older, renamed", list.Items[0].Title);
    }

    [Fact]
    public async Task Search_matches_title_or_idea_without_treating_wildcards_as_wildcards()
    {
        await Library.CreateAsync(Maya, Checkpoint("Moonlight Bakery"));
        await Library.CreateAsync(Maya, Checkpoint("Harbour") with { Idea = "A ferry captain finds a letter from 1999 in a bottle." });
        await Library.CreateAsync(Maya, Checkpoint("100% Revenge"));

        Assert.Equal(["Moonlight Bakery"], (await Library.ListAsync(Maya, new ProjectQuery("moonLIGHT"))).Items.Select(p => p.Title));
        Assert.Equal(["Harbour"], (await Library.ListAsync(Maya, new ProjectQuery("ferry captain"))).Items.Select(p => p.Title));
        Assert.Equal(["100% Revenge"], (await Library.ListAsync(Maya, new ProjectQuery("0%"))).Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Renaming_to_an_empty_title_is_refused()
    {
        var project = (await Library.CreateAsync(Maya, Checkpoint("Keep me"))).Value;

        var renamed = await Library.RenameAsync(Maya, project.Id, "   ");

        Assert.Equal("title.required", renamed.Error);
        Assert.Equal("Keep me", (await Library.GetAsync(Maya, project.Id)).Value.Title);
    }

    [Fact]
    public async Task A_duplicate_copies_the_checkpoint_under_a_new_id()
    {
        var original = (await Library.CreateAsync(Maya, Checkpoint("Original") with { Type = ProjectType.MultiEpisodes, EpisodeCount = 3 })).Value;

        var copy = await Library.DuplicateAsync(Maya, original.Id, "Original (copy)");

        var loaded = (await Library.GetAsync(Maya, copy.Value.Id)).Value;
        Assert.NotEqual(original.Id, loaded.Id);
        Assert.Equal(ProjectType.MultiEpisodes, loaded.Type);
        Assert.Equal(3, loaded.Checkpoint.EpisodeCount);
        Assert.Equal(original.Checkpoint.Idea, loaded.Checkpoint.Idea);
        Assert.Equal(2, (await Library.ListAsync(Maya, new ProjectQuery())).TotalCount);
    }

    [Fact]
    public async Task Deleting_removes_the_project_and_its_media_only()
    {
        var doomed = (await Library.CreateAsync(Maya, Checkpoint("Doomed"))).Value;
        var kept = (await Library.CreateAsync(Maya, Checkpoint("Kept"))).Value;
        var doomedImage = ObjectKey.ForProject(doomed.Id, ProjectAreas.Images, "shot-1.png");
        var keptImage = ObjectKey.ForProject(kept.Id, ProjectAreas.Images, "shot-1.png");
        await Storage.PutAsync(doomedImage, new MemoryStream(Encoding.ASCII.GetBytes("png")), "image/png", CancellationToken.None);
        await Storage.PutAsync(keptImage, new MemoryStream(Encoding.ASCII.GetBytes("png")), "image/png", CancellationToken.None);

        var deleted = await Library.DeleteAsync(Maya, doomed.Id);

        Assert.True(deleted.IsSuccess);
        Assert.Equal(ProjectLibrary.NotFound, (await Library.GetAsync(Maya, doomed.Id)).Error);
        Assert.False(await Storage.ExistsAsync(doomedImage, CancellationToken.None));
        Assert.True(await Storage.ExistsAsync(keptImage, CancellationToken.None));
    }

    private static CheckpointInput Checkpoint(string title) => new()
    {
        Title = title,
        Language = "en-US",
        Idea = "A night-shift nurse discovers that her quiet patient is the heir everyone is looking for.",
    };
}
