using DreamX.Domain.Assets;
using DreamX.Infrastructure.Assets;
using DreamX.Tests.Support;

namespace DreamX.Tests.Infrastructure.Assets;

[Collection(DatabaseCollection.Name)]
public sealed class ShowcaseCatalogTests(PostgresDatabase database) : CatalogTestBed(database)
{
    private ShowcaseCatalog Catalog => new(Database.ContextFactory, Media, TimeProvider.System);

    private static ShowcaseDraft Draft(string title, ShowcaseStatus status = ShowcaseStatus.Pending) =>
        new(title, "A short drama.", status);

    [Fact]
    public async Task Only_approved_showcases_reach_the_gallery()
    {
        await Catalog.CreateAsync(Draft("Approved one", ShowcaseStatus.Approved), Png(), null, "admin-1", CancellationToken.None);
        await Catalog.CreateAsync(Draft("Still pending"), null, null, "admin-1", CancellationToken.None);
        await Catalog.CreateAsync(Draft("Turned down", ShowcaseStatus.Rejected), null, null, "admin-1", CancellationToken.None);

        var gallery = await Catalog.ListApprovedAsync(CancellationToken.None);

        Assert.Equal(["Approved one"], gallery.Select(s => s.Title));
    }

    [Fact]
    public async Task Approving_a_showcase_records_who_reviewed_it()
    {
        var created = (await Catalog.CreateAsync(Draft("Night train"), Png(), null, "admin-1", CancellationToken.None)).Value;

        var approved = await Catalog.UpdateAsync(created.Id, Draft("Night train", ShowcaseStatus.Approved), null, null, "admin-2", CancellationToken.None);

        Assert.True(approved.IsSuccess, approved.Error);
        var saved = await Catalog.FindAsync(created.Id, CancellationToken.None);
        Assert.Equal((ShowcaseStatus.Approved, "admin-2"), (saved!.Status, saved.ReviewedBy));
        Assert.NotNull(saved.ReviewedAt);
        Assert.Equal(created.CoverKey, saved.CoverKey);
    }

    [Fact]
    public async Task Deleting_a_showcase_removes_its_cover()
    {
        var created = (await Catalog.CreateAsync(Draft("Night train"), Png(), null, "admin-1", CancellationToken.None)).Value;

        await Catalog.DeleteAsync(created.Id, CancellationToken.None);

        Assert.Null(await Catalog.FindAsync(created.Id, CancellationToken.None));
        Assert.False(await StoredAsync(created.CoverKey));
    }

    [Fact]
    public async Task A_video_that_is_not_mp4_or_webm_is_refused_and_the_cover_is_not_left_behind()
    {
        var created = await Catalog.CreateAsync(Draft("Night train"), Png(), Png("clip.mp4"), "admin-1", CancellationToken.None);

        Assert.Equal(CatalogErrors.FileType, created.Error);
        var files = await Storage.ListAsync("assets/showcases/", CancellationToken.None).ToListAsync();
        Assert.Empty(files);
    }
}
