using DreamX.Domain.Generation.Providers;
using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

/// <summary>How the faces look in a frame: a smile only where the moment allows one.</summary>
internal enum Expression { Smile, Neutral, Grim }

/// <summary>
/// What the built-in illustrator paints for a request, decided before any pixel: each character's look (from their
/// appearance alone, so portrait and shots agree), the faces' expression (from the moment the prompt describes), rain (the
/// setting's or the prompt's weather) and night (the setting's time of day). Tests read it to check the painter.
/// </summary>
internal sealed record FramePlan(IReadOnlyList<CharacterLook> Looks, Expression Expression, bool Rain, bool Night)
{
    private static readonly string[] RainWords = ["rain", "storm", "downpour", "drizzle", "雨", "暴风"];

    private static readonly string[] GrimWords =
    [
        "murder", "body", "corpse", "dead", "death", "blood", "crime scene", "funeral", "grave", "kill", "shocked", "horrified", "terrified",
        "furious", "angry", "desperate", "tearful", "grief", "cold", "fear", "trembling", "threat", "scream", "suspense", "tense", "uneasy",
        "尸", "死", "血", "凶", "命案", "谋杀", "葬礼", "墓", "杀", "震惊", "惊恐", "恐惧", "愤怒", "怒", "绝望", "哽咽", "崩溃", "心碎", "冷笑", "颤抖",
        "悲", "哭", "泪", "紧张", "凝重", "阴冷", "低沉", "决绝", "悬念", "求救", "失踪",
    ];

    private static readonly string[] HappyWords = ["smile", "smiling", "laugh", "happy", "joy", "sweet", "playful", "微笑", "笑", "开心", "甜", "喜", "温柔", "俏皮"];

    public static FramePlan Of(ImageRequest request)
    {
        var looks = (request.Characters ?? []).Select(CharacterLook.Of).ToList();
        var text = (request.Prompt ?? "").ToLowerInvariant();
        var setting = (request.Setting ?? "").ToLowerInvariant();
        var expression = request.Kind == ImageKind.CharacterPortrait ? Expression.Neutral
            : GrimWords.Any(w => WordMatch.Mentions(text, w)) ? Expression.Grim
            : HappyWords.Any(w => WordMatch.Mentions(text, w)) ? Expression.Smile
            : Expression.Neutral;
        var rain = request.Kind != ImageKind.CharacterPortrait && RainWords.Any(w => WordMatch.Mentions(setting, w) || WordMatch.Mentions(text, w));
        return new FramePlan(looks, expression, rain, SettingPainter.IsNight(request.Setting));
    }

    /// <summary>Slanted streaks over the whole frame, and a cooler, darker wash.</summary>
    public static void PaintRain(SKCanvas canvas, int width, int height, StableRandom random)
    {
        using var wash = new SKPaint { Color = new SKColor(0x20, 0x2A, 0x3A, 60) };
        canvas.DrawRect(0, 0, width, height, wash);
        using var streak = new SKPaint { IsAntialias = true, Color = new SKColor(0xDD, 0xE6, 0xF0, 110), StrokeWidth = Math.Max(1f, width / 480f) };
        var count = width * height / 2500;
        for (var i = 0; i < count; i++)
        {
            var x = random.Between(-0.1f, 1.05f) * width;
            var y = random.Between(0f, 1f) * height;
            var length = random.Between(0.02f, 0.05f) * height;
            canvas.DrawLine(x, y, x + length * 0.18f, y + length, streak);
        }
    }
}
