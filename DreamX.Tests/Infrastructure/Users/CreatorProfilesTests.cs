using System.Text;
using DreamX.Domain.Storage;
using DreamX.Domain.Users;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Storage;
using DreamX.Infrastructure.Users;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Tests.Support;
using Microsoft.AspNetCore.DataProtection;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Users;

[Collection(DatabaseCollection.Name)]
public sealed class CreatorProfilesTests(PostgresDatabase database) : IAsyncLifetime
{
    private const string Maya = "user-maya";

    private readonly TemporaryFolder _folder = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));
    private LocalFileObjectStorage _storage = null!;
    private CreatorProfiles _profiles = null!;

    public async Task InitializeAsync()
    {
        await database.ResetAsync();
        await using (var db = database.CreateContext())
        {
            db.Users.Add(new ApplicationUser { Id = Maya, UserName = "maya@example.com", Email = "maya@example.com" });
            await db.SaveChangesAsync();
        }
        _storage = new LocalFileObjectStorage(_folder.Path, new MediaUrlSigner(new EphemeralDataProtectionProvider(), _clock));
        _profiles = new CreatorProfiles(database.ContextFactory, _storage, _clock);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_user_without_a_profile_gets_one_named_after_the_email()
    {
        var profile = await _profiles.FindAsync(Maya);

        Assert.Equal("maya", profile!.Nickname);
        Assert.Equal("UTC", profile.TimeZoneId);
    }

    [Fact]
    public async Task Nickname_and_time_zone_are_saved()
    {
        await _profiles.FindAsync(Maya);

        var updated = await _profiles.UpdateAsync(Maya, "  Maya Chen ", "Asia/Shanghai");

        Assert.True(updated.IsSuccess);
        var profile = await _profiles.FindAsync(Maya);
        Assert.Equal("Maya Chen", profile!.Nickname);
        Assert.Equal("Asia/Shanghai", profile.TimeZoneId);
    }

    [Theory]
    [InlineData("", "UTC", "nickname.required")]
    [InlineData("A nickname that is far too long to be shown in the bar", "UTC", "nickname.too_long")]
    [InlineData("Maya", "Mars/Olympus_Mons", "timezone.unknown")]
    public async Task Invalid_details_are_refused_with_a_reason(string nickname, string timeZone, string reason)
    {
        await _profiles.FindAsync(Maya);

        var updated = await _profiles.UpdateAsync(Maya, nickname, timeZone);

        Assert.Equal(reason, updated.Error);
        Assert.Equal("maya", (await _profiles.FindAsync(Maya))!.Nickname);
    }

    [Fact]
    public async Task An_avatar_is_cropped_to_a_square_png_and_replaces_the_previous_one()
    {
        await _profiles.FindAsync(Maya);
        var first = await _profiles.ReplaceAvatarAsync(Maya, Picture(640, 480, SKEncodedImageFormat.Jpeg), "image/jpeg");
        _clock.Advance(TimeSpan.FromSeconds(1));

        var second = await _profiles.ReplaceAvatarAsync(Maya, Picture(300, 500, SKEncodedImageFormat.Png), "image/png");

        Assert.True(second.IsSuccess);
        Assert.False(await _storage.ExistsAsync(first.Value, CancellationToken.None));
        await using var stored = await _storage.OpenReadAsync(second.Value, CancellationToken.None);
        using var bitmap = SKBitmap.Decode(stored!.Stream);
        Assert.Equal((AvatarImage.Size, AvatarImage.Size), (bitmap.Width, bitmap.Height));
        Assert.Equal(second.Value.Value, (await _profiles.FindAsync(Maya))!.AvatarKey);
    }

    [Fact]
    public async Task A_file_that_only_claims_to_be_a_picture_is_refused()
    {
        await _profiles.FindAsync(Maya);

        var replaced = await _profiles.ReplaceAvatarAsync(Maya, Encoding.ASCII.GetBytes("#!/bin/sh\necho hello\n"), "image/png");

        Assert.Equal("avatar.unreadable", replaced.Error);
        Assert.Null((await _profiles.FindAsync(Maya))!.AvatarKey);
    }

    [Fact]
    public async Task A_gif_or_an_oversized_picture_is_refused()
    {
        await _profiles.FindAsync(Maya);

        Assert.Equal("avatar.type", (await _profiles.ReplaceAvatarAsync(Maya, Picture(64, 64, SKEncodedImageFormat.Png), "image/gif")).Error);
        Assert.Equal("avatar.too_large", (await _profiles.ReplaceAvatarAsync(Maya, new byte[AvatarImage.MaxBytes + 1], "image/png")).Error);
    }

    [Fact]
    public async Task Removing_the_avatar_deletes_the_stored_picture()
    {
        await _profiles.FindAsync(Maya);
        var key = (await _profiles.ReplaceAvatarAsync(Maya, Picture(64, 64, SKEncodedImageFormat.Png), "image/png")).Value;

        await _profiles.RemoveAvatarAsync(Maya);

        Assert.False(await _storage.ExistsAsync(key, CancellationToken.None));
        Assert.Null((await _profiles.FindAsync(Maya))!.AvatarKey);
    }

    internal static byte[] Picture(int width, int height, SKEncodedImageFormat format)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        surface.Canvas.Clear(new SKColor(0x6C, 0x4C, 0xF1));
        using var paint = new SKPaint { Color = SKColors.Gold };
        surface.Canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    [Fact]
    public async Task A_picture_whose_header_claims_a_huge_size_is_refused_before_decoding()
    {
        var bomb = PngHeader(20_000, 20_000);

        var replaced = await _profiles.ReplaceAvatarAsync(Maya, bomb, "image/png");

        Assert.Equal("avatar.too_many_pixels", replaced.Error);
    }

    [Fact]
    public async Task A_gif_claiming_to_be_a_png_is_refused_without_an_exception()
    {
        // GIF89a, 60000×60000 logical screen, then nothing.
        byte[] gif = [.. "GIF89a"u8.ToArray(), 0x60, 0xEA, 0x60, 0xEA, 0x00, 0x00, 0x00, 0x3B];

        var replaced = await _profiles.ReplaceAvatarAsync(Maya, gif, "image/png");

        Assert.Equal("avatar.unreadable", replaced.Error);
    }

    /// <summary>A valid PNG signature and IHDR chunk for the given size, with one empty IDAT: tiny, claiming a lot.</summary>
    private static byte[] PngHeader(int width, int height)
    {
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour
        WriteChunk(stream, "IHDR", ihdr);
        WriteChunk(stream, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        WriteChunk(stream, "IEND", []);
        return stream.ToArray();
    }

    private static void WriteChunk(Stream stream, string type, byte[] body)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, body.Length);
        stream.Write(length);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. body];
        stream.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, System.IO.Hashing.Crc32.HashToUInt32(typed));
        stream.Write(crc);
    }
}
