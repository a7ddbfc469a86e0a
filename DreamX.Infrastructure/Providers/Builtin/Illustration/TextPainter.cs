using System.Globalization;
using System.Text;
using SkiaSharp;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

/// <summary>Text on frames with a font that has CJK glyphs; wraps Chinese per character and Latin per word.</summary>
internal static class TextPainter
{
    private static readonly Lazy<SKTypeface> Regular = new(() => Find(SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> Bold = new(() => Find(SKFontStyle.Bold));

    public static SKFont Font(float size, bool bold = false) => new(bold ? Bold.Value : Regular.Value, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private static SKTypeface Find(SKFontStyle style) =>
        SKFontManager.Default.MatchFamily("Noto Sans CJK SC", style)
        ?? SKFontManager.Default.MatchCharacter("Noto Sans CJK SC", style, ["zh-CN"], '中')
        ?? SKTypeface.Default;

    /// <summary>Lines that fit <paramref name="maxWidth"/>, at most <paramref name="maxLines"/> (the last one ends in "…" when cut).</summary>
    public static IReadOnlyList<string> Wrap(string text, SKFont font, float maxWidth, int maxLines)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var token in Tokens(text.ReplaceLineEndings(" ").Trim()))
        {
            var candidate = line.ToString() + token;
            if (line.Length > 0 && font.MeasureText(candidate) > maxWidth)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
                if (lines.Count == maxLines)
                    break;
                line.Append(token.TrimStart());
            }
            else
            {
                line.Append(token);
            }
        }
        if (lines.Count < maxLines && line.Length > 0)
            lines.Add(line.ToString().TrimEnd());
        else if (lines.Count == maxLines && line.Length > 0)
            lines[^1] = Ellipsize(lines[^1], font, maxWidth);
        return lines;
    }

    public static void DrawCentred(SKCanvas canvas, string text, float centreX, float baseline, SKFont font, SKColor colour, bool shadow = true)
    {
        if (shadow)
        {
            using var shade = new SKPaint { IsAntialias = true, Color = new SKColor(0, 0, 0, 150), MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, font.Size * 0.08f) };
            canvas.DrawText(text, centreX, baseline + font.Size * 0.06f, SKTextAlign.Center, font, shade);
        }
        using var paint = new SKPaint { IsAntialias = true, Color = colour };
        canvas.DrawText(text, centreX, baseline, SKTextAlign.Center, font, paint);
    }

    private static string Ellipsize(string line, SKFont font, float maxWidth)
    {
        var text = line;
        while (text.Length > 1 && font.MeasureText(text + "…") > maxWidth)
            text = text[..^1];
        return text.TrimEnd() + "…";
    }

    /// <summary>Each CJK character is its own token (it may break anywhere); Latin words keep their following space.</summary>
    private static IEnumerable<string> Tokens(string text)
    {
        var word = new StringBuilder();
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = (string)elements.Current;
            if (IsWide(element[0]))
            {
                if (word.Length > 0)
                {
                    yield return word.ToString();
                    word.Clear();
                }
                yield return element;
            }
            else
            {
                word.Append(element);
                if (element == " ")
                {
                    yield return word.ToString();
                    word.Clear();
                }
            }
        }
        if (word.Length > 0)
            yield return word.ToString();
    }

    private static bool IsWide(char c) =>
        c is >= '\u2E80' and <= '\u9FFF' or >= '\uAC00' and <= '\uD7AF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF' or >= '\u3000' and <= '\u303F';
}
