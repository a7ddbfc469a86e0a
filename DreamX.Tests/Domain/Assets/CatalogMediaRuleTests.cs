using DreamX.Domain.Assets;

namespace DreamX.Tests.Domain.Assets;

public sealed class CatalogMediaRuleTests
{
    private static MediaUpload File(params byte[] head)
    {
        var bytes = new byte[64];
        head.CopyTo(bytes, 0);
        return new MediaUpload("file", bytes);
    }

    [Theory]
    [InlineData(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, "image/webp")]
    public void Images_are_recognised_by_their_first_bytes(byte[] head, string contentType)
    {
        Assert.Equal(contentType, CatalogMediaRule.Image.Check(File(head)).Value.ContentType);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3' }, "audio/mpeg")]
    [InlineData(new byte[] { (byte)'O', (byte)'g', (byte)'g', (byte)'S' }, "audio/ogg")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, "audio/wav")]
    public void Audio_is_recognised_by_its_first_bytes(byte[] head, string contentType)
    {
        Assert.Equal(contentType, CatalogMediaRule.Audio.Check(File(head)).Value.ContentType);
    }

    [Fact]
    public void A_webm_video_is_accepted_and_a_png_is_not()
    {
        Assert.Equal("video/webm", CatalogMediaRule.Video.Check(File(0x1A, 0x45, 0xDF, 0xA3)).Value.ContentType);
        Assert.Equal(CatalogErrors.FileType, CatalogMediaRule.Video.Check(File(0x89, (byte)'P', (byte)'N', (byte)'G')).Error);
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_as_too_large()
    {
        var tooLarge = new MediaUpload("big.png", new byte[CatalogMediaRule.Image.MaxBytes + 1]);

        Assert.Equal(CatalogErrors.FileTooLarge, CatalogMediaRule.Image.Check(tooLarge).Error);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal(CatalogErrors.FileEmpty, CatalogMediaRule.Image.Check(new MediaUpload("empty.png", Array.Empty<byte>())).Error);
    }
}
