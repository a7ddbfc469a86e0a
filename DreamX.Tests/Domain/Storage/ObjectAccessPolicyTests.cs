using DreamX.Domain.Storage;

namespace DreamX.Tests.Domain.Storage;

public class ObjectAccessPolicyTests
{
    private const string OwnerId = "owner-1";
    private static readonly ObjectKey ProjectImage = ObjectKey.ForProject(Guid.NewGuid(), ProjectAreas.Images, "shot-1.png");
    private static readonly ObjectKey Avatar = ObjectKey.ForUserAvatar(OwnerId, "me.png");
    private static readonly ObjectKey CatalogueVoice = ObjectKey.ForAsset(AssetKinds.Voices, "narrator.wav");

    [Fact]
    public void Owner_may_read_their_project_media()
    {
        Assert.True(ObjectAccessPolicy.CanRead(ProjectImage, ObjectReader.User(OwnerId), OwnerId));
    }

    [Fact]
    public void Another_user_may_not_read_someone_elses_project_media()
    {
        Assert.False(ObjectAccessPolicy.CanRead(ProjectImage, ObjectReader.User("someone-else"), OwnerId));
    }

    [Fact]
    public void Admin_may_read_any_project_media()
    {
        Assert.True(ObjectAccessPolicy.CanRead(ProjectImage, ObjectReader.Admin("admin-1"), OwnerId));
    }

    [Fact]
    public void Anonymous_visitor_may_not_read_project_media()
    {
        Assert.False(ObjectAccessPolicy.CanRead(ProjectImage, ObjectReader.Anonymous, OwnerId));
    }

    [Fact]
    public void Project_media_with_an_unknown_owner_is_refused()
    {
        Assert.False(ObjectAccessPolicy.CanRead(ProjectImage, ObjectReader.User(OwnerId), projectOwnerId: null));
    }

    [Fact]
    public void Published_project_media_is_readable_by_anyone()
    {
        Assert.True(ObjectAccessPolicy.CanRead(ProjectImage, ObjectReader.Anonymous, OwnerId, isPublished: true));
    }

    [Fact]
    public void Catalogue_assets_are_public()
    {
        Assert.True(ObjectAccessPolicy.CanRead(CatalogueVoice, ObjectReader.Anonymous, projectOwnerId: null));
    }

    [Fact]
    public void Avatars_are_readable_by_any_signed_in_user()
    {
        Assert.True(ObjectAccessPolicy.CanRead(Avatar, ObjectReader.User("someone-else"), projectOwnerId: null));
    }

    [Fact]
    public void Avatars_are_hidden_from_anonymous_visitors()
    {
        Assert.False(ObjectAccessPolicy.CanRead(Avatar, ObjectReader.Anonymous, projectOwnerId: null));
    }

    [Fact]
    public void Keys_outside_the_known_layouts_are_for_admins_only()
    {
        var scratch = ObjectKey.Parse("scratch/upload.bin");

        Assert.False(ObjectAccessPolicy.CanRead(scratch, ObjectReader.User(OwnerId), projectOwnerId: null));
        Assert.True(ObjectAccessPolicy.CanRead(scratch, ObjectReader.Admin("admin-1"), projectOwnerId: null));
    }
}
