using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

internal enum SettingKind { Open, City, Room, Forest, Sea, Palace, Mountain }

/// <summary>
/// The backdrop of a frame: a sky gradient from the style palette and a silhouette chosen by the setting's words
/// (city, room, forest, sea, palace, mountain, in English or Chinese), by day or by night.
/// </summary>
internal static class SettingPainter
{
    private static readonly (SettingKind Kind, string[] Words)[] Keywords =
    [
        (SettingKind.Palace, ["palace", "court", "castle", "temple", "throne", "mansion", "宫", "殿", "府", "庙", "寺", "皇"]),
        (SettingKind.Room, ["int.", "interior", "room", "office", "home", "house", "apartment", "bedroom", "kitchen", "hall", "hospital", "classroom",
            "restaurant", "cafe", "café", "bar", "室", "房", "办公", "家", "厅", "医院", "教室", "餐", "咖啡", "酒吧", "公司", "内景"]),
        (SettingKind.Sea, ["sea", "beach", "ocean", "river", "lake", "harbor", "harbour", "shore", "海", "河", "湖", "江", "港", "岸"]),
        (SettingKind.Forest, ["forest", "wood", "tree", "park", "garden", "jungle", "森林", "树", "林", "公园", "花园"]),
        (SettingKind.Mountain, ["mountain", "hill", "cliff", "valley", "山", "峰", "谷"]),
        (SettingKind.City, ["city", "street", "downtown", "skyline", "road", "town", "城", "街", "都市", "马路", "市"]),
    ];

    private static readonly string[] NightWords = ["night", "midnight", "evening", "moon", "dark", "夜", "晚", "月"];

    public static SettingKind KindOf(string? setting)
    {
        var text = (setting ?? "").ToLowerInvariant();
        foreach (var (kind, words) in Keywords)
        {
            if (words.Any(word => WordMatch.Mentions(text, word)))
                return kind;
        }
        return SettingKind.Open;
    }

    public static bool IsNight(string? setting)
    {
        var text = (setting ?? "").ToLowerInvariant();
        return NightWords.Any(word => WordMatch.Mentions(text, word));
    }

    public static void Paint(SKCanvas canvas, int width, int height, float horizon, StylePalette palette, string? setting, StableRandom random)
    {
        var kind = KindOf(setting);
        var night = IsNight(setting);
        var horizonY = height * horizon;
        if (kind == SettingKind.Room)
        {
            PaintRoom(canvas, width, height, horizonY, palette, night, random);
            return;
        }

        PaintSky(canvas, width, horizonY, palette, night, random);
        switch (kind)
        {
            case SettingKind.City: PaintCity(canvas, width, horizonY, palette, night, random); break;
            case SettingKind.Forest: PaintForest(canvas, width, horizonY, palette, random); break;
            case SettingKind.Palace: PaintPalace(canvas, width, horizonY, palette, random); break;
            case SettingKind.Mountain: PaintMountains(canvas, width, horizonY, palette, random, 0.45f); break;
            case SettingKind.Open: PaintMountains(canvas, width, horizonY, palette, random, 0.18f); break;
        }
        if (kind == SettingKind.Sea)
            PaintSea(canvas, width, height, horizonY, palette, random);
        else
            PaintGround(canvas, width, height, horizonY, palette);
    }

    private static void PaintSky(SKCanvas canvas, int width, float horizonY, StylePalette palette, bool night, StableRandom random)
    {
        var top = night ? StylePalette.Mix(palette.SkyTop, SKColors.Black, 0.5f) : palette.SkyTop;
        var bottom = night ? StylePalette.Mix(palette.SkyBottom, palette.SkyTop, 0.6f) : palette.SkyBottom;
        using var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, horizonY), [top, bottom], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, 0, width, horizonY + 2, sky);

        var orbX = width * random.Between(0.2f, 0.8f);
        var orbY = horizonY * random.Between(0.22f, 0.42f);
        var orbRadius = Math.Min(width, horizonY) * 0.07f;
        if (night)
        {
            using var star = new SKPaint { IsAntialias = true, Color = palette.Light.WithAlpha(200) };
            for (var i = 0; i < 60; i++)
                canvas.DrawCircle(random.Between(0, width), random.Between(0, horizonY * 0.8f), random.Between(0.6f, 2.2f) * width / 720f, star);
        }
        using var glow = new SKPaint
        {
            IsAntialias = true,
            Shader = SKShader.CreateRadialGradient(new SKPoint(orbX, orbY), orbRadius * 4,
                [(night ? palette.Light : palette.Accent).WithAlpha(90), SKColors.Transparent], SKShaderTileMode.Clamp),
        };
        canvas.DrawCircle(orbX, orbY, orbRadius * 4, glow);
        using var orb = new SKPaint { IsAntialias = true, Color = night ? palette.Light : StylePalette.Mix(palette.Accent, palette.Light, 0.45f) };
        canvas.DrawCircle(orbX, orbY, orbRadius, orb);
    }

    private static void PaintGround(SKCanvas canvas, int width, int height, float horizonY, StylePalette palette)
    {
        using var ground = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, horizonY), new SKPoint(0, height), [palette.Ground.Near, palette.Ground.Far], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, horizonY, width, height - horizonY, ground);
    }

    private static void PaintCity(SKCanvas canvas, int width, float horizonY, StylePalette palette, bool night, StableRandom random)
    {
        foreach (var (depth, tint) in new[] { (0.62f, 0.45f), (0.42f, 0f) })
        {
            using var building = new SKPaint { IsAntialias = true, Color = StylePalette.Mix(palette.Silhouette, palette.SkyBottom, tint) };
            using var window = new SKPaint { Color = palette.Light.WithAlpha((byte)(night ? 210 : 90)) };
            var x = -random.Between(0, width * 0.05f);
            while (x < width)
            {
                var w = width * random.Between(0.07f, 0.16f);
                var h = horizonY * depth * random.Between(0.45f, 1f);
                canvas.DrawRect(x, horizonY - h, w - width * 0.006f, h + 1, building);
                var cell = Math.Max(4f, w / 6);
                for (var wy = horizonY - h + cell; wy < horizonY - cell; wy += cell * 1.6f)
                {
                    for (var wx = x + cell * 0.6f; wx < x + w - cell * 1.2f; wx += cell * 1.4f)
                    {
                        if (random.NextFloat() < 0.45f)
                            canvas.DrawRect(wx, wy, cell * 0.6f, cell * 0.8f, window);
                    }
                }
                x += w;
            }
        }
    }

    private static void PaintForest(SKCanvas canvas, int width, float horizonY, StylePalette palette, StableRandom random)
    {
        PaintMountains(canvas, width, horizonY, palette, random, 0.22f);
        foreach (var (size, tint) in new[] { (0.18f, 0.5f), (0.3f, 0.15f) })
        {
            using var tree = new SKPaint { IsAntialias = true, Color = StylePalette.Mix(StylePalette.Mix(palette.Silhouette, new SKColor(0x2E, 0x5A, 0x3C), 0.35f), palette.SkyBottom, tint) };
            var x = -random.Between(0, width * 0.05f);
            while (x < width * 1.05f)
            {
                var h = horizonY * size * random.Between(0.7f, 1.3f);
                var w = h * 0.45f;
                using var path = new SKPath();
                for (var tier = 0; tier < 3; tier++)
                {
                    var tierTop = horizonY - h + tier * h * 0.22f;
                    var tierWidth = w * (0.55f + tier * 0.25f);
                    path.MoveTo(x, tierTop);
                    path.LineTo(x + tierWidth / 2, tierTop + h * 0.42f);
                    path.LineTo(x - tierWidth / 2, tierTop + h * 0.42f);
                    path.Close();
                }
                path.AddRect(new SKRect(x - w * 0.06f, horizonY - h * 0.2f, x + w * 0.06f, horizonY + 2));
                canvas.DrawPath(path, tree);
                x += w * random.Between(0.55f, 0.9f);
            }
        }
    }

    private static void PaintMountains(SKCanvas canvas, int width, float horizonY, StylePalette palette, StableRandom random, float heightShare)
    {
        foreach (var (scale, tint) in new[] { (1f, 0.6f), (0.7f, 0.3f) })
        {
            using var mountain = new SKPaint { IsAntialias = true, Color = StylePalette.Mix(palette.Silhouette, palette.SkyBottom, tint) };
            using var path = new SKPath();
            path.MoveTo(0, horizonY + 2);
            var x = 0f;
            while (x < width)
            {
                var peakWidth = width * random.Between(0.25f, 0.5f);
                var peak = horizonY - horizonY * heightShare * scale * random.Between(0.5f, 1f);
                path.QuadTo(x + peakWidth * 0.5f, peak, x + peakWidth, horizonY - horizonY * heightShare * scale * 0.2f);
                x += peakWidth;
            }
            path.LineTo(width, horizonY + 2);
            path.Close();
            canvas.DrawPath(path, mountain);
        }
    }

    private static void PaintPalace(SKCanvas canvas, int width, float horizonY, StylePalette palette, StableRandom random)
    {
        PaintMountains(canvas, width, horizonY, palette, random, 0.2f);
        var hallWidth = width * 0.86f;
        var left = (width - hallWidth) / 2;
        var baseTop = horizonY - horizonY * 0.08f;
        var roofBottom = horizonY - horizonY * 0.3f;
        var roofTop = horizonY - horizonY * 0.46f;
        using var stone = new SKPaint { IsAntialias = true, Color = StylePalette.Mix(palette.Light, palette.Silhouette, 0.55f) };
        using var column = new SKPaint { IsAntialias = true, Color = StylePalette.Mix(new SKColor(0x9E, 0x2A, 0x2B), palette.Silhouette, 0.25f) };
        using var roof = new SKPaint { IsAntialias = true, Color = StylePalette.Mix(palette.Silhouette, SKColors.Black, 0.2f) };
        using var gold = new SKPaint { IsAntialias = true, Color = StylePalette.Mix(palette.Accent, new SKColor(0xD4, 0xA5, 0x3A), 0.5f) };

        canvas.DrawRect(left - width * 0.03f, baseTop, hallWidth + width * 0.06f, horizonY - baseTop + 2, stone);
        canvas.DrawRect(left + hallWidth * 0.06f, roofBottom, hallWidth * 0.88f, baseTop - roofBottom, StylePalette.Lightness(palette.SkyBottom) > 50 ? roof : column);
        for (var i = 0; i <= 6; i++)
        {
            var x = left + hallWidth * (0.08f + i * 0.14f);
            canvas.DrawRect(x - hallWidth * 0.015f, roofBottom, hallWidth * 0.03f, baseTop - roofBottom, column);
        }
        using var eaves = new SKPath();
        eaves.MoveTo(left - width * 0.06f, roofBottom - horizonY * 0.05f);
        eaves.QuadTo(left + hallWidth * 0.1f, roofBottom, left + hallWidth * 0.25f, roofTop + (roofBottom - roofTop) * 0.35f);
        eaves.LineTo(left + hallWidth * 0.75f, roofTop + (roofBottom - roofTop) * 0.35f);
        eaves.QuadTo(left + hallWidth * 0.9f, roofBottom, left + hallWidth + width * 0.06f, roofBottom - horizonY * 0.05f);
        eaves.LineTo(left + hallWidth * 0.9f, roofBottom + horizonY * 0.015f);
        eaves.LineTo(left + hallWidth * 0.1f, roofBottom + horizonY * 0.015f);
        eaves.Close();
        canvas.DrawPath(eaves, roof);
        canvas.DrawRect(left + hallWidth * 0.3f, roofTop, hallWidth * 0.4f, (roofBottom - roofTop) * 0.38f, roof);
        canvas.DrawRect(left + hallWidth * 0.28f, roofTop - horizonY * 0.01f, hallWidth * 0.44f, horizonY * 0.012f, gold);
    }

    private static void PaintSea(SKCanvas canvas, int width, int height, float horizonY, StylePalette palette, StableRandom random)
    {
        var waterTop = StylePalette.Mix(palette.SkyBottom, palette.Silhouette, 0.35f);
        var waterBottom = StylePalette.Mix(palette.Silhouette, SKColors.Black, 0.3f);
        using var water = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, horizonY), new SKPoint(0, height), [waterTop, waterBottom], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, horizonY, width, height - horizonY, water);
        using var wave = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = palette.Light.WithAlpha(80), StrokeWidth = Math.Max(1.5f, width / 360f), StrokeCap = SKStrokeCap.Round };
        for (var row = 1; row < 10; row++)
        {
            var y = horizonY + (height - horizonY) * (row / 10f) * (row / 10f);
            var length = width * 0.05f * (1 + row * 0.5f);
            for (var x = random.Between(0, length); x < width; x += length * random.Between(1.8f, 3.2f))
                canvas.DrawLine(x, y, x + length, y, wave);
        }
        using var sand = new SKPaint { IsAntialias = true, Color = StylePalette.Mix(StylePalette.Mix(palette.Light, palette.Accent, 0.3f), palette.Ground.Near, 0.45f) };
        using var shore = new SKPath();
        shore.MoveTo(0, height);
        shore.LineTo(0, height - (height - horizonY) * 0.3f);
        shore.QuadTo(width * 0.5f, height - (height - horizonY) * 0.42f, width, height - (height - horizonY) * 0.18f);
        shore.LineTo(width, height);
        shore.Close();
        canvas.DrawPath(shore, sand);
    }

    private static void PaintRoom(SKCanvas canvas, int width, int height, float horizonY, StylePalette palette, bool night, StableRandom random)
    {
        var wallTop = StylePalette.Mix(palette.SkyBottom, palette.Silhouette, 0.45f);
        var wallBottom = StylePalette.Mix(palette.SkyBottom, palette.Light, 0.25f);
        using var wall = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, horizonY), [wallTop, wallBottom], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, 0, width, horizonY, wall);

        // A window onto the sky (night or day), framed.
        var windowRect = SKRect.Create(width * random.Between(0.08f, 0.5f), horizonY * 0.18f, width * 0.38f, horizonY * 0.5f);
        using var outside = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, windowRect.Top), new SKPoint(0, windowRect.Bottom),
                night ? [StylePalette.Mix(palette.SkyTop, SKColors.Black, 0.5f), palette.SkyTop] : [palette.SkyBottom, palette.Light], SKShaderTileMode.Clamp),
        };
        using var frame = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = StylePalette.Mix(palette.Silhouette, palette.Light, 0.2f), StrokeWidth = width * 0.012f };
        canvas.DrawRect(windowRect, outside);
        canvas.DrawRect(windowRect, frame);
        canvas.DrawLine(windowRect.MidX, windowRect.Top, windowRect.MidX, windowRect.Bottom, frame);
        canvas.DrawLine(windowRect.Left, windowRect.MidY, windowRect.Right, windowRect.MidY, frame);

        // A picture on the wall and a warm lamp give the room a scale.
        var pictureX = windowRect.Right + width * 0.08f < width * 0.85f ? windowRect.Right + width * 0.08f : width * 0.04f;
        using var picture = new SKPaint { IsAntialias = true, Color = palette.Accent.WithAlpha(200) };
        canvas.DrawRect(SKRect.Create(pictureX, horizonY * 0.28f, width * 0.12f, horizonY * 0.16f), picture);
        canvas.DrawRect(SKRect.Create(pictureX, horizonY * 0.28f, width * 0.12f, horizonY * 0.16f), frame);
        var lampX = width * (windowRect.MidX > width / 2f ? 0.15f : 0.85f);
        using var lampGlow = new SKPaint
        {
            Shader = SKShader.CreateRadialGradient(new SKPoint(lampX, horizonY * 0.55f), width * 0.3f,
                [new SKColor(0xFF, 0xD9, 0x8E, (byte)(night ? 120 : 60)), SKColors.Transparent], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, width, horizonY, lampGlow);

        var floorNear = StylePalette.Mix(palette.Ground.Near, new SKColor(0x6B, 0x4A, 0x33), 0.35f);
        using var floor = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, horizonY), new SKPoint(0, height), [floorNear, palette.Ground.Far], SKShaderTileMode.Clamp) };
        canvas.DrawRect(0, horizonY, width, height - horizonY, floor);
        using var boards = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = new SKColor(0, 0, 0, 45), StrokeWidth = Math.Max(1, width / 500f) };
        for (var i = -6; i <= 6; i++)
            canvas.DrawLine(width / 2f + i * width * 0.06f, horizonY, width / 2f + i * width * 0.3f, height, boards);
        using var skirting = new SKPaint { Color = StylePalette.Mix(palette.Silhouette, SKColors.Black, 0.2f) };
        canvas.DrawRect(0, horizonY - height * 0.006f, width, height * 0.012f, skirting);
    }
}
