using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DreamX.Tests.Infrastructure.Storage;

public sealed class MediaUrlsTests : IDisposable
{
    private const string OwnerId = "owner-1";
    private static readonly Guid ProjectId = Guid.NewGuid();
    private static readonly ObjectKey ProjectClip = ObjectKey.ForProject(ProjectId, ProjectAreas.Clips, "shot-1.mp4");

    private readonly TemporaryFolder _folder = new();
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly MediaUrlSigner _signer;
    private readonly InMemoryProjectOwnerLookup _owners = new();
    private readonly MediaUrls _urls;

    public MediaUrlsTests()
    {
        _signer = new MediaUrlSigner(new EphemeralDataProtectionProvider(), _time);
        _owners.Add(ProjectId, OwnerId);
        var options = Options.Create(new ObjectStorageOptions { ReadUrlLifetime = TimeSpan.FromMinutes(3) });
        _urls = new MediaUrls(new LocalFileObjectStorage(_folder.Path, _signer), _owners, options);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Owner_gets_a_signed_link_to_their_project_media()
    {
        var url = await _urls.GetReadUrlAsync(ProjectClip, ObjectReader.User(OwnerId), CancellationToken.None);

        Assert.True(url.IsSuccess, url.Error);
        Assert.True(_signer.Validate(ProjectClip.Value, TokenOf(url.Value)).IsSuccess);
    }

    [Fact]
    public async Task Link_lifetime_comes_from_the_options()
    {
        var url = await _urls.GetReadUrlAsync(ProjectClip, ObjectReader.User(OwnerId), CancellationToken.None);

        var grant = _signer.Validate(ProjectClip.Value, TokenOf(url.Value!));

        Assert.Equal(_time.GetUtcNow().AddMinutes(3), grant.Value!.ExpiresAt);
    }

    [Fact]
    public async Task A_batch_asks_who_owns_a_project_once_for_all_its_links_and_the_next_batch_asks_again()
    {
        var keys = Enumerable.Range(1, 50).Select(i => ObjectKey.ForProject(ProjectId, ProjectAreas.Images, $"shot-{i}.png")).ToList();
        var batch = _urls.ForBatch();

        foreach (var key in keys)
            Assert.True((await batch.GetReadUrlAsync(key, ObjectReader.User(OwnerId), CancellationToken.None)).IsSuccess);
        // A stranger is still refused within the batch, and a member let in: one membership question each.
        Assert.False((await batch.GetReadUrlAsync(keys[0], ObjectReader.User("stranger"), CancellationToken.None)).IsSuccess);
        Assert.False((await batch.GetReadUrlAsync(keys[1], ObjectReader.User("stranger"), CancellationToken.None)).IsSuccess);
        Assert.Equal(2, _owners.Questions);

        // Invited after that batch: the next one sees it.
        _owners.AddMember(ProjectId, "stranger");
        Assert.False((await batch.GetReadUrlAsync(keys[2], ObjectReader.User("stranger"), CancellationToken.None)).IsSuccess);
        Assert.True((await _urls.ForBatch().GetReadUrlAsync(keys[2], ObjectReader.User("stranger"), CancellationToken.None)).IsSuccess);
    }

    [Fact]
    public async Task Another_user_is_refused_with_a_reason()
    {
        var url = await _urls.GetReadUrlAsync(ProjectClip, ObjectReader.User("someone-else"), CancellationToken.None);

        Assert.False(url.IsSuccess);
        Assert.Equal("You do not have access to this media.", url.Error);
    }

    [Fact]
    public async Task Anonymous_visitor_is_asked_to_sign_in()
    {
        var url = await _urls.GetReadUrlAsync(ProjectClip, ObjectReader.Anonymous, CancellationToken.None);

        Assert.False(url.IsSuccess);
        Assert.Equal("Sign in to see this media.", url.Error);
    }

    [Fact]
    public async Task Admin_gets_a_link_to_any_project_media()
    {
        var url = await _urls.GetReadUrlAsync(ProjectClip, ObjectReader.Admin("admin-1"), CancellationToken.None);

        Assert.True(url.IsSuccess, url.Error);
    }

    [Fact]
    public async Task Media_of_an_unknown_project_is_refused()
    {
        var orphan = ObjectKey.ForProject(Guid.NewGuid(), ProjectAreas.Images, "a.png");

        var url = await _urls.GetReadUrlAsync(orphan, ObjectReader.Admin("admin-1"), CancellationToken.None);

        Assert.False(url.IsSuccess);
        Assert.Equal("This project does not exist.", url.Error);
    }

    [Fact]
    public async Task Catalogue_assets_are_linked_for_anyone()
    {
        var url = await _urls.GetReadUrlAsync(ObjectKey.ForAsset(AssetKinds.Music, "theme.mp3"), ObjectReader.Anonymous, CancellationToken.None);

        Assert.True(url.IsSuccess, url.Error);
    }

    [Fact]
    public async Task Download_link_carries_the_file_name()
    {
        var url = await _urls.GetDownloadUrlAsync(ProjectClip, ObjectReader.User(OwnerId), "My drama.mp4", CancellationToken.None);

        var grant = _signer.Validate(ProjectClip.Value, TokenOf(url.Value!));

        Assert.Equal("My drama.mp4", grant.Value!.DownloadFileName);
    }

    private static string TokenOf(string url)
        => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url[url.IndexOf('?')..])[MediaUrlSigner.TokenParameter].ToString();
}
