using DreamX.Domain.Notes;
using DreamX.Infrastructure.Providers.Builtin.Illustration;
using SkiaSharp;

namespace DreamX.Infrastructure.Media.Notes;

/// <summary>What is written on one page of a note. <paramref name="Number"/> 0 is the cover.</summary>
public sealed record NotePageText(int Number, int PageCount, string Heading, string Text)
{
    public bool IsCover => Number == 0;
}

/// <summary>One laid-out line of text: where it is drawn and the box its glyphs ink.</summary>
public sealed record LaidLine(string Text, float X, float Baseline, SKRect Box, float Size, bool Bold, bool Centred);

/// <summary>
/// Where everything of a page goes: the text panel, the heading's and the text's lines and the page badge ("2/6").
/// Every box lies inside <see cref="SafeArea"/>.
/// </summary>
public sealed record NotePagePlan(SKRect SafeArea, SKRect Panel, IReadOnlyList<LaidLine> Heading, IReadOnlyList<LaidLine> Body, SKRect? Badge, string? BadgeText)
{
    /// <summary>Every box the layout draws in: the panel, each line of text and the badge.</summary>
    public IEnumerable<SKRect> Boxes => new[] { Panel }.Concat(Heading.Select(l => l.Box)).Concat(Body.Select(l => l.Box))
        .Concat(Badge is { } badge ? [badge] : []);
}

/// <summary>
/// Lays a note page out: the picture fills the 1080×1440 (3:4) page, and the heading and short text go on a panel
/// inside the safe area (clear of the app's own buttons and the edges a feed crops), in a font with CJK glyphs. The
/// heading shrinks before it wraps past its lines; text that still does not fit ends in "…".
/// </summary>
public static class NotePageLayout
{
    public const int Width = NoteRules.PageWidth;
    public const int Height = NoteRules.PageHeight;

    /// <summary>The part of the page text may use: 72 px from the sides, 96 from the top, 160 from the bottom.</summary>
    public static readonly SKRect SafeArea = new(72, 96, Width - 72, Height - 160);

    private const float Padding = 44;

    public static NotePagePlan Plan(NotePageText page)
    {
        // Characters the page font cannot draw (an emoji typed into a heading) are left out rather than drawn as empty boxes.
        page = page with { Heading = Drawable(page.Heading), Text = Drawable(page.Text) };
        var inner = SafeArea.Width - Padding * 2;
        var (headSize, headLines) = page.IsCover
            ? Fit(page.Heading, bold: true, max: 124, min: 76, inner, maxLines: 3)
            : Fit(page.Heading, bold: true, max: 76, min: 54, inner - 20, maxLines: 2);
        var (bodySize, bodyLines) = page.IsCover
            ? Fit(page.Text, bold: false, max: 48, min: 38, inner, maxLines: 2)
            : Fit(page.Text, bold: false, max: 46, min: 36, inner, maxLines: 5);
        var headStep = headSize * 1.22f;
        var bodyStep = bodySize * 1.5f;
        var gap = bodyLines.Count > 0 ? headSize * 0.45f : 0;
        var contentHeight = headLines.Count * headStep + gap + bodyLines.Count * bodyStep;
        var panelHeight = contentHeight + Padding * 2;

        float top;
        if (page.IsCover)
            top = Math.Clamp(Height * 0.40f - panelHeight / 2, SafeArea.Top, SafeArea.Bottom - panelHeight);
        else
            top = SafeArea.Bottom - panelHeight;
        top = Math.Max(top, SafeArea.Top);
        var panel = new SKRect(SafeArea.Left, top, SafeArea.Right, Math.Min(SafeArea.Bottom, top + panelHeight));

        var heading = new List<LaidLine>();
        var y = panel.Top + Padding;
        var headX = page.IsCover ? Width / 2f : panel.Left + Padding + 20;
        foreach (var line in headLines)
        {
            heading.Add(Lay(line, headX, y + headStep * 0.82f, headSize, bold: true, centred: page.IsCover));
            y += headStep;
        }
        y += gap;
        var body = new List<LaidLine>();
        var bodyX = page.IsCover ? Width / 2f : panel.Left + Padding;
        foreach (var line in bodyLines)
        {
            body.Add(Lay(line, bodyX, y + bodyStep * 0.72f, bodySize, bold: false, centred: page.IsCover));
            y += bodyStep;
        }

        SKRect? badge = null;
        string? badgeText = null;
        if (!page.IsCover && page.PageCount > 0)
        {
            badgeText = $"{page.Number}/{page.PageCount}";
            using var font = TextPainter.Font(34, bold: true);
            var width = font.MeasureText(badgeText) + 48;
            badge = new SKRect(SafeArea.Right - width, SafeArea.Top, SafeArea.Right, SafeArea.Top + 60);
        }
        return new NotePagePlan(SafeArea, panel, heading, body, badge, badgeText);
    }

    /// <summary>The finished page as a JPEG: the picture (cropped to fill 3:4) with the text laid over it.</summary>
    public static byte[] Render(byte[] picture, NotePageText page, IReadOnlyList<string> palette)
    {
        var plan = Plan(page);
        var accent = palette.Count > 2 && SKColor.TryParse(palette[2], out var a) ? a : new SKColor(0xFF, 0x24, 0x42);
        var deep = palette.Count > 0 && SKColor.TryParse(palette[0], out var d) ? d : new SKColor(0x1E, 0x2A, 0x44);

        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(deep);
        DrawPicture(canvas, picture);

        if (page.IsCover)
        {
            using var shade = new SKPaint { Color = new SKColor(0, 0, 0, 150), IsAntialias = true };
            canvas.DrawRoundRect(plan.Panel, 36, 36, shade);
            using var stripe = new SKPaint { Color = accent, IsAntialias = true };
            canvas.DrawRoundRect(new SKRect(plan.Panel.MidX - 90, plan.Panel.Top + 14, plan.Panel.MidX + 90, plan.Panel.Top + 24), 5, 5, stripe);
            DrawLines(canvas, plan.Heading, SKColors.White);
            DrawLines(canvas, plan.Body, new SKColor(0xF4, 0xED, 0xE4));
        }
        else
        {
            using var card = new SKPaint { Color = new SKColor(255, 255, 255, 238), IsAntialias = true };
            canvas.DrawRoundRect(plan.Panel, 32, 32, card);
            if (plan.Heading.Count > 0)
            {
                using var bar = new SKPaint { Color = accent, IsAntialias = true };
                var first = plan.Heading[0].Box;
                var last = plan.Heading[^1].Box;
                canvas.DrawRoundRect(new SKRect(plan.Panel.Left + Padding, first.Top + 6, plan.Panel.Left + Padding + 8, last.Bottom - 6), 4, 4, bar);
            }
            DrawLines(canvas, plan.Heading, StylePalette.Mix(deep, SKColors.Black, 0.35f));
            DrawLines(canvas, plan.Body, new SKColor(0x33, 0x33, 0x33));
        }

        if (plan.Badge is { } badge && plan.BadgeText is { } text)
        {
            using var pill = new SKPaint { Color = new SKColor(0, 0, 0, 140), IsAntialias = true };
            canvas.DrawRoundRect(badge, 30, 30, pill);
            using var font = TextPainter.Font(34, bold: true);
            using var white = new SKPaint { Color = SKColors.White, IsAntialias = true };
            canvas.DrawText(text, badge.MidX, badge.MidY + 12, SKTextAlign.Center, font, white);
        }

        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>Whether the page's font has a glyph for every character of <paramref name="text"/> (no empty boxes).</summary>
    public static bool HasGlyphs(string text, bool bold = false)
    {
        using var font = TextPainter.Font(40, bold);
        var glyphs = font.GetGlyphs(text.Replace(" ", "", StringComparison.Ordinal));
        return glyphs.Length > 0 && glyphs.All(g => g != 0);
    }

    /// <summary>The text without the characters (text elements) the page font has no glyph for.</summary>
    public static string Drawable(string text)
    {
        using var font = TextPainter.Font(40);
        var kept = new System.Text.StringBuilder();
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (char.IsWhiteSpace(element[0]) || char.IsControl(element[0]) || font.GetGlyphs(element).All(g => g != 0))
                kept.Append(element);
        }
        return System.Text.RegularExpressions.Regex.Replace(kept.ToString(), " {2,}", " ").Trim();
    }

    private static void DrawPicture(SKCanvas canvas, byte[] picture)
    {
        using var bitmap = SKBitmap.Decode(picture);
        if (bitmap is null || bitmap.Width == 0 || bitmap.Height == 0)
            return;
        // Cover-fit: the picture fills the page, its overflow cropped evenly.
        var scale = Math.Max((float)Width / bitmap.Width, (float)Height / bitmap.Height);
        var w = bitmap.Width * scale;
        var h = bitmap.Height * scale;
        var dest = new SKRect((Width - w) / 2, (Height - h) / 2, (Width + w) / 2, (Height + h) / 2);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, dest, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    }

    private static void DrawLines(SKCanvas canvas, IReadOnlyList<LaidLine> lines, SKColor colour)
    {
        using var paint = new SKPaint { Color = colour, IsAntialias = true };
        foreach (var line in lines)
        {
            using var font = TextPainter.Font(line.Size, line.Bold);
            canvas.DrawText(line.Text, line.X, line.Baseline, line.Centred ? SKTextAlign.Center : SKTextAlign.Left, font, paint);
        }
    }

    private static LaidLine Lay(string text, float x, float baseline, float size, bool bold, bool centred)
    {
        using var font = TextPainter.Font(size, bold);
        // The box the glyphs actually ink (not the font's line metrics, which reach far above CJK glyphs).
        var advance = font.MeasureText(text, out var ink);
        var origin = centred ? x - advance / 2 : x;
        return new LaidLine(text, x, baseline, new SKRect(origin + ink.Left, baseline + ink.Top, origin + ink.Right, baseline + ink.Bottom), size, bold, centred);
    }

    /// <summary>The largest size from <paramref name="max"/> down to <paramref name="min"/> at which the text fits its lines.</summary>
    private static (float Size, IReadOnlyList<string> Lines) Fit(string text, bool bold, float max, float min, float width, int maxLines)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            return (max, []);
        for (var size = max; ; size -= 4)
        {
            using var font = TextPainter.Font(size, bold);
            var lines = TextPainter.Wrap(trimmed, font, width, maxLines + 1);
            if (lines.Count <= maxLines || size - 4 < min)
            {
                var kept = lines.Count <= maxLines ? lines : TextPainter.Wrap(trimmed, font, width, maxLines);
                return (size, kept.Select(l => Narrow(l, font, width)).ToList());
            }
        }
    }

    /// <summary>A line wider than the panel (one unbreakable word) is cut to fit and ends in "…".</summary>
    private static string Narrow(string line, SKFont font, float width)
    {
        if (font.MeasureText(line) <= width)
            return line;
        var text = line;
        while (text.Length > 1 && font.MeasureText(text + "…") > width)
            text = text[..^1];
        return text.TrimEnd() + "…";
    }
}
