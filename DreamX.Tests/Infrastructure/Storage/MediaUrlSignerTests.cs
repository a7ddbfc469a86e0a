using DreamX.Domain.Storage;
using DreamX.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace DreamX.Tests.Infrastructure.Storage;

public class MediaUrlSignerTests
{
    private static readonly ObjectKey Key = ObjectKey.ForProject(Guid.NewGuid(), ProjectAreas.Clips, "shot-2.mp4");

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
    private readonly MediaUrlSigner _signer;

    public MediaUrlSignerTests()
    {
        _signer = new MediaUrlSigner(new EphemeralDataProtectionProvider(), _time);
    }

    [Fact]
    public void Url_points_at_the_media_route_with_the_key_in_the_path()
    {
        var url = _signer.CreateUrl(Key, TimeSpan.FromMinutes(10));

        Assert.StartsWith($"/media/{Key.Value}?t=", url);
    }

    [Fact]
    public void A_fresh_link_is_valid_for_its_key()
    {
        var (key, token) = Split(_signer.CreateUrl(Key, TimeSpan.FromMinutes(10), "shot 2.mp4"));

        var grant = _signer.Validate(key, token);

        Assert.True(grant.IsSuccess, grant.Error);
        Assert.Equal(Key, grant.Value.Key);
        Assert.Equal("shot 2.mp4", grant.Value.DownloadFileName);
        Assert.Equal(_time.GetUtcNow().AddMinutes(10), grant.Value.ExpiresAt);
    }

    [Fact]
    public void A_link_is_refused_for_another_key()
    {
        var (_, token) = Split(_signer.CreateUrl(Key, TimeSpan.FromMinutes(10)));
        var otherKey = ObjectKey.ForProject(Guid.NewGuid(), ProjectAreas.Clips, "shot-2.mp4");

        var grant = _signer.Validate(otherKey.Value, token);

        Assert.False(grant.IsSuccess);
        Assert.Contains("another object", grant.Error);
    }

    [Fact]
    public void A_tampered_token_is_refused()
    {
        var (key, token) = Split(_signer.CreateUrl(Key, TimeSpan.FromMinutes(10)));
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        var grant = _signer.Validate(key, tampered);

        Assert.False(grant.IsSuccess);
        Assert.Contains("signature is not valid", grant.Error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 at all!")]
    public void A_missing_or_garbled_token_is_refused(string? token)
    {
        Assert.False(_signer.Validate(Key.Value, token).IsSuccess);
    }

    [Fact]
    public void A_token_from_another_signing_key_is_refused()
    {
        var stranger = new MediaUrlSigner(new EphemeralDataProtectionProvider(), _time);
        var (key, token) = Split(stranger.CreateUrl(Key, TimeSpan.FromMinutes(10)));

        Assert.False(_signer.Validate(key, token).IsSuccess);
    }

    [Fact]
    public void A_link_is_valid_until_just_before_it_expires()
    {
        var (key, token) = Split(_signer.CreateUrl(Key, TimeSpan.FromMinutes(10)));

        _time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        Assert.True(_signer.Validate(key, token).IsSuccess);
    }

    [Fact]
    public void An_expired_link_is_refused()
    {
        var (key, token) = Split(_signer.CreateUrl(Key, TimeSpan.FromMinutes(10)));

        _time.Advance(TimeSpan.FromMinutes(10));
        var grant = _signer.Validate(key, token);

        Assert.False(grant.IsSuccess);
        Assert.Contains("expired", grant.Error);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("assets\\voices\\a.wav")]
    public void A_crafted_path_is_refused_even_with_a_valid_token(string craftedKey)
    {
        var (_, token) = Split(_signer.CreateUrl(Key, TimeSpan.FromMinutes(10)));

        Assert.False(_signer.Validate(craftedKey, token).IsSuccess);
    }

    private static (string Key, string Token) Split(string url)
    {
        var question = url.IndexOf('?');
        var key = url[MediaUrlSigner.RoutePrefix.Length..question];
        var token = QueryHelpers.ParseQuery(url[question..])[MediaUrlSigner.TokenParameter].ToString();
        return (key, token);
    }
}
