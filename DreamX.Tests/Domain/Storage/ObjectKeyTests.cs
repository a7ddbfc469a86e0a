using DreamX.Domain.Storage;

namespace DreamX.Tests.Domain.Storage;

public class ObjectKeyTests
{
    private static readonly Guid ProjectId = Guid.Parse("6f1c2a9e-4b7d-4c1e-9a55-0d3f2b8e7c10");

    [Fact]
    public void Project_key_follows_the_project_layout()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Images, "shot-1.png");

        Assert.Equal("projects/6f1c2a9e-4b7d-4c1e-9a55-0d3f2b8e7c10/images/shot-1.png", key.Value);
        Assert.Equal(ObjectKeyScope.Project, key.Scope);
        Assert.Equal(ProjectId, key.ProjectId);
        Assert.Equal("shot-1.png", key.FileName);
    }

    [Fact]
    public void Project_file_name_may_hold_sub_folders()
    {
        var key = ObjectKey.ForProject(ProjectId, ProjectAreas.Renders, "episode-1/final.mp4");

        Assert.Equal($"projects/{ProjectId}/renders/episode-1/final.mp4", key.Value);
        Assert.Equal("final.mp4", key.FileName);
    }

    [Fact]
    public void Avatar_key_follows_the_user_layout()
    {
        var key = ObjectKey.ForUserAvatar("user-42", "avatar.webp");

        Assert.Equal("users/user-42/avatar/avatar.webp", key.Value);
        Assert.Equal(ObjectKeyScope.UserAvatar, key.Scope);
        Assert.Equal("user-42", key.AvatarUserId);
        Assert.Null(key.ProjectId);
    }

    [Fact]
    public void Asset_key_follows_the_catalogue_layout()
    {
        var key = ObjectKey.ForAsset(AssetKinds.Voices, "narrator-en.wav");

        Assert.Equal("assets/voices/narrator-en.wav", key.Value);
        Assert.Equal(ObjectKeyScope.Asset, key.Scope);
    }

    [Fact]
    public void Parsing_a_built_key_gives_an_equal_key()
    {
        var built = ObjectKey.ForProject(ProjectId, ProjectAreas.Audio, "line-3.wav");

        Assert.True(ObjectKey.TryParse(built.Value, out var parsed));
        Assert.Equal(built, parsed);
        Assert.Equal(ProjectId, parsed.ProjectId);
    }

    [Fact]
    public void Keys_outside_the_reserved_roots_are_other()
    {
        Assert.True(ObjectKey.TryParse("scratch/upload-1.bin", out var key));
        Assert.Equal(ObjectKeyScope.Other, key.Scope);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/projects/a.png")]
    [InlineData("assets//voices/a.wav")]
    [InlineData("assets/voices/")]
    [InlineData("assets/../secrets.txt")]
    [InlineData("../../etc/passwd")]
    [InlineData("assets/voices/./a.wav")]
    [InlineData("assets/voices/.meta.json")]
    [InlineData("assets\\voices\\a.wav")]
    [InlineData("assets/voices/a b.wav")]
    [InlineData("assets/voices/%2e%2e")]
    [InlineData("assets/voices/旁白.wav")]
    [InlineData("assets/voices/a.wav?x=1")]
    public void Unsafe_keys_are_refused(string value)
    {
        Assert.False(ObjectKey.TryParse(value, out _));
    }

    [Fact]
    public void Keys_longer_than_the_limit_are_refused()
    {
        var value = "assets/music/" + new string('a', ObjectKey.MaxLength);

        Assert.False(ObjectKey.TryParse(value, out _, out var reason));
        Assert.Contains("longer", reason);
    }

    [Theory]
    [InlineData("projects/not-a-guid/images/a.png")]
    [InlineData("projects/00000000-0000-0000-0000-000000000000/images/a.png")]
    [InlineData("projects/6F1C2A9E-4B7D-4C1E-9A55-0D3F2B8E7C10/images/a.png")]
    [InlineData("projects/6f1c2a9e-4b7d-4c1e-9a55-0d3f2b8e7c10/a.png")]
    [InlineData("users/user-42/a.png")]
    [InlineData("users/user-42/portrait/a.png")]
    [InlineData("assets/a.png")]
    public void Reserved_roots_must_follow_their_layout(string value)
    {
        Assert.False(ObjectKey.TryParse(value, out _));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData(".hidden")]
    public void Factories_refuse_unsafe_segments(string area)
    {
        Assert.ThrowsAny<ArgumentException>(() => ObjectKey.ForProject(ProjectId, area, "a.png"));
    }

    [Fact]
    public void Factories_refuse_an_unsafe_file_name()
    {
        Assert.Throws<FormatException>(() => ObjectKey.ForAsset(AssetKinds.Styles, "../a.png"));
    }

    [Fact]
    public void Factories_refuse_an_empty_project_id()
    {
        Assert.Throws<ArgumentException>(() => ObjectKey.ForProject(Guid.Empty, ProjectAreas.Images, "a.png"));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("projects/", true)]
    [InlineData("assets/voi", true)]
    [InlineData("/assets", false)]
    [InlineData("assets/../", false)]
    [InlineData("assets//", false)]
    public void Listing_prefixes_are_checked_like_keys(string prefix, bool valid)
    {
        Assert.Equal(valid, ObjectKey.IsValidPrefix(prefix));
    }
}
