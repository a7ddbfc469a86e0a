using DreamX.Domain.Media;

namespace DreamX.Tests.Domain.Media;

public sealed class MediaSnifferTests
{
    [Theory]
    [InlineData("89504E470D0A1A0A0000000D49484452", "image/png")]
    [InlineData("FFD8FFE000104A464946000101000001", "image/jpeg")]
    [InlineData("52494646240000005745425056503820", "image/webp")]
    [InlineData("524946462400000057415645666D7420", "audio/wav")]
    [InlineData("664C614300000022", "audio/flac")]
    [InlineData("4944330400000000", "audio/mpeg")]
    [InlineData("FFFB9064", "audio/mpeg")] // MPEG-1 layer III frame
    [InlineData("FFF15080", "audio/aac")] // ADTS
    [InlineData("000000206674797069736F6D00000200", "video/mp4")]
    [InlineData("00000020667479704D344120", "audio/mp4")]
    public void Formats_are_told_from_their_first_bytes(string hex, string contentType)
    {
        Assert.Equal(contentType, MediaSniffer.Sniff(Convert.FromHexString(hex))?.ContentType);
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\">")]
    [InlineData("{\"error\":\"nope\"}")]
    [InlineData("GIF89a")]
    [InlineData("OggS")]
    [InlineData("")]
    public void Anything_else_is_nothing_the_studio_keeps(string text)
    {
        Assert.Null(MediaSniffer.Sniff(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void A_family_filter_keeps_audio_out_of_images()
    {
        var wav = Convert.FromHexString("524946462400000057415645666D7420");

        Assert.Null(MediaSniffer.Sniff(wav, MediaFamily.Image));
        Assert.NotNull(MediaSniffer.Sniff(wav, MediaFamily.Audio));
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("video/mp4", true)]
    [InlineData("audio/wav; codecs=1", true)]
    [InlineData("text/html", false)]
    [InlineData("image/svg+xml", false)]
    [InlineData("application/json", false)]
    [InlineData(null, false)]
    public void Only_media_types_are_shown_inline(string? contentType, bool inline)
    {
        Assert.Equal(inline, MediaSniffer.IsInline(contentType));
    }
}
