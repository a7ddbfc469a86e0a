using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Providers.Builtin;
using DreamX.Tests.Support;
using SkiaSharp;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

public sealed class BuiltinIllustratorTests
{
    private static readonly string[] NightCity = ["#0B132B", "#1C2541", "#3A506B", "#5BC0BE", "#F2E9E4"];
    private static readonly string[] WarmDrama = ["#2D1E2F", "#5C3D46", "#B0413E", "#E0A458", "#FCEFE3"];

    private static readonly ImageCharacter LinWan = new("林婉", "a young woman with long black hair in a red dress, earrings", "female", 24);
    private static readonly ImageCharacter ChenMo = new("陈默", "a tall man in a navy suit with glasses", "male", 30);

    private readonly BuiltinIllustrator _illustrator = new();

    [Fact]
    public async Task The_same_request_gives_the_same_bytes()
    {
        var request = Frame(ShotType.Medium, 720, 1280, "雨夜的城市街头", "你终于回来了。");

        var first = await _illustrator.GenerateImageAsync(request, CancellationToken.None);
        var second = await _illustrator.GenerateImageAsync(request, CancellationToken.None);

        Assert.Equal(first.Content, second.Content);
    }

    [Theory]
    [InlineData(720, 1280)]
    [InlineData(1280, 720)]
    [InlineData(512, 512)]
    public async Task The_picture_has_the_requested_size(int width, int height)
    {
        var response = await _illustrator.GenerateImageAsync(Frame(ShotType.Wide, width, height, "forest at dawn", "The road ends here."), CancellationToken.None);

        using var bitmap = SKBitmap.Decode(response.Content);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        Save(response, $"wide-forest-{width}x{height}");
    }

    [Fact]
    public async Task Two_characters_are_drawn_differently()
    {
        var lin = await Portrait(LinWan);
        var chen = await Portrait(ChenMo);

        using var linBitmap = SKBitmap.Decode(lin.Content);
        using var chenBitmap = SKBitmap.Decode(chen.Content);
        var differing = DifferingPixelShare(linBitmap, chenBitmap);
        Assert.True(differing > 0.05, $"only {differing:P1} of the pixels differ");
        Save(lin, "portrait-lin-wan");
        Save(chen, "portrait-chen-mo");
    }

    [Fact]
    public async Task A_character_looks_the_same_in_every_frame_it_is_in()
    {
        var alone = await Portrait(LinWan);
        var again = await Portrait(LinWan with { });

        Assert.Equal(alone.Content, again.Content);
    }

    [Fact]
    public async Task A_chinese_caption_is_drawn_with_cjk_glyphs()
    {
        var withCaption = await _illustrator.GenerateImageAsync(Frame(ShotType.CloseUp, 720, 1280, "深夜的办公室", "我不会再让你离开了。"), CancellationToken.None);
        var withoutCaption = await _illustrator.GenerateImageAsync(Frame(ShotType.CloseUp, 720, 1280, "深夜的办公室", null), CancellationToken.None);

        using var captioned = SKBitmap.Decode(withCaption.Content);
        using var plain = SKBitmap.Decode(withoutCaption.Content);
        // Tofu boxes would be a few hollow rectangles; real glyphs light up many bright pixels in the caption band.
        var brightInBand = BrightPixels(captioned, 0.72f) - BrightPixels(plain, 0.72f);
        Assert.True(brightInBand > 2000, $"only {brightInBand} bright caption pixels");
        Assert.True(SKFontManager.Default.MatchCharacter('中') is not null, "no font with CJK glyphs is installed (fonts-noto-cjk)");
        Save(withCaption, "closeup-office-zh-caption");
    }

    [Fact]
    public async Task Key_art_cover_and_shot_types_render_for_review()
    {
        foreach (var (name, request) in new (string, ImageRequest)[]
        {
            ("keyart-palace", Frame(ShotType.Wide, 1280, 720, "皇宫大殿", "第一集：重生") with { Kind = ImageKind.SceneKeyArt, StylePalette = WarmDrama }),
            ("cover-sea", Frame(ShotType.Wide, 720, 1280, "sea at sunset", "The Last Tide") with { Kind = ImageKind.Cover }),
            ("extreme-closeup-room", Frame(ShotType.ExtremeCloseUp, 720, 1280, "INT. apartment - night", "Don't lie to me.")),
            ("medium-wide-mountain", Frame(ShotType.MediumWide, 1280, 720, "mountain pass", "山路尽头，有人在等他。") with { StylePalette = WarmDrama }),
            ("establishing-city", Frame(ShotType.Establishing, 720, 1280, "city skyline at night", null)),
            ("style-sample", Frame(ShotType.Wide, 720, 1280, "a garden", null) with { Kind = ImageKind.StyleSample, StyleName = "都市夜色" }),
        })
        {
            var response = await _illustrator.GenerateImageAsync(request, CancellationToken.None);
            using var bitmap = SKBitmap.Decode(response.Content);
            Assert.Equal((request.Width, request.Height), (bitmap.Width, bitmap.Height));
            Save(response, name);
        }
    }

    [Fact]
    public async Task A_size_beyond_the_limit_is_refused_with_a_reason()
    {
        var failure = await Assert.ThrowsAsync<ProviderFailure>(() =>
            _illustrator.GenerateImageAsync(Frame(ShotType.Wide, 10_000, 720, "city", null), CancellationToken.None));

        Assert.False(failure.IsTransient);
    }

    private Task<ImageResponse> Portrait(ImageCharacter character) =>
        _illustrator.GenerateImageAsync(
            new ImageRequest($"portrait of {character.Name}", 768, 1024, "都市夜色", NightCity, ImageKind.CharacterPortrait,
                Characters: [character], Caption: "律师 · Lawyer"),
            CancellationToken.None);

    private static ImageRequest Frame(ShotType shot, int width, int height, string setting, string? caption) =>
        new($"{shot} in {setting}", width, height, "都市夜色", NightCity, ImageKind.ShotFrame, shot, [LinWan, ChenMo], setting, caption, Seed: 7);

    private static double DifferingPixelShare(SKBitmap a, SKBitmap b)
    {
        var differing = 0;
        for (var y = 0; y < a.Height; y += 4)
        {
            for (var x = 0; x < a.Width; x += 4)
            {
                if (a.GetPixel(x, y) != b.GetPixel(x, y))
                    differing++;
            }
        }
        return differing / (double)(a.Width / 4 * (a.Height / 4));
    }

    private static int BrightPixels(SKBitmap bitmap, float fromShare)
    {
        var bright = 0;
        for (var y = (int)(bitmap.Height * fromShare); y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                if (pixel.Red > 235 && pixel.Green > 235 && pixel.Blue > 235)
                    bright++;
            }
        }
        return bright;
    }

    private static void Save(ImageResponse response, string name)
    {
        var dir = Path.Combine(TestEnvironment.ArtifactsDirectory, "illustrator");
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, name + ".png"), response.Content);
    }
}
