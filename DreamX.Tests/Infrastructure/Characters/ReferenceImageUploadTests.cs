using DreamX.Infrastructure.Characters;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Characters;

/// <summary>What a creator may add to a character's reference sheet, checked from the bytes.</summary>
public sealed class ReferenceImageUploadTests
{
    [Fact]
    public void A_real_picture_is_kept_as_a_jpeg_no_longer_than_the_stored_side()
    {
        var upload = ReferenceTestPictures.Solid(3000, 1500, SKColors.SteelBlue);

        var kept = ReferenceImageUpload.Normalize(upload);

        Assert.True(kept.IsSuccess, kept.Error);
        using var codec = SKCodec.Create(SKData.CreateCopy(kept.Value));
        Assert.Equal(SKEncodedImageFormat.Jpeg, codec.EncodedFormat);
        Assert.Equal((ReferenceImageUpload.StoredLongSide, ReferenceImageUpload.StoredLongSide / 2), (codec.Info.Width, codec.Info.Height));
    }

    [Fact]
    public void Text_dressed_as_a_picture_is_refused()
    {
        var refused = ReferenceImageUpload.Normalize("<svg xmlns='http://www.w3.org/2000/svg'></svg>"u8.ToArray());

        Assert.Equal(ReferenceImageUpload.NotAnImage, refused.Error);
    }

    [Fact]
    public void A_truncated_picture_is_refused_as_corrupt()
    {
        var whole = ReferenceTestPictures.Solid(600, 600, SKColors.IndianRed);

        var refused = ReferenceImageUpload.Normalize(whole[..(whole.Length / 2)]);

        Assert.Equal(ReferenceImageUpload.Corrupt, refused.Error);
    }

    [Fact]
    public void A_thumbnail_is_refused_as_too_small_for_a_model()
    {
        var refused = ReferenceImageUpload.Normalize(ReferenceTestPictures.Solid(200, 400, SKColors.Olive));

        Assert.Equal(ReferenceImageUpload.TooSmall, refused.Error);
    }

    [Fact]
    public void An_empty_or_oversized_file_is_refused_before_it_is_decoded()
    {
        Assert.Equal(ReferenceImageUpload.Empty, ReferenceImageUpload.Normalize([]).Error);
        Assert.Equal(ReferenceImageUpload.TooLarge, ReferenceImageUpload.Normalize(new byte[ReferenceImageUpload.MaxBytes + 1]).Error);
    }

    [Fact]
    public void A_picture_whose_header_claims_too_many_pixels_is_refused_without_decoding_it()
    {
        var png = ReferenceTestPictures.Solid(300, 300, SKColors.Teal);
        // IHDR starts at byte 8 (length 4, type 4); width and height follow, then the chunk's CRC over type + data.
        WriteBigEndian(png, 16, 20000);
        WriteBigEndian(png, 20, 20000);
        WriteBigEndian(png, 29, Crc32(png.AsSpan(12, 17)));

        var refused = ReferenceImageUpload.Normalize(png);

        Assert.Equal(ReferenceImageUpload.TooManyPixels, refused.Error);
    }

    private static void WriteBigEndian(byte[] bytes, int offset, uint value)
    {
        bytes[offset] = (byte)(value >> 24);
        bytes[offset + 1] = (byte)(value >> 16);
        bytes[offset + 2] = (byte)(value >> 8);
        bytes[offset + 3] = (byte)value;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
