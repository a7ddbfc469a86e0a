using System.Globalization;
using System.Text;
using DreamX.Domain.Media.Timeline;

namespace DreamX.Infrastructure.Media.Compose;

/// <summary>The spoken lines as styled ASS (burned in by libass) and as SRT (for players and editors).</summary>
public static class EpisodeSubtitles
{
    /// <summary>Installed by fonts-noto-cjk; covers Latin and Chinese.</summary>
    public const string FontName = "Noto Sans CJK SC";

    public static string ToSrt(IReadOnlyList<SubtitleCue> cues)
    {
        var srt = new StringBuilder();
        for (var i = 0; i < cues.Count; i++)
        {
            srt.Append(i + 1).Append('\n')
                .Append(SrtTime(cues[i].StartSeconds)).Append(" --> ").Append(SrtTime(cues[i].EndSeconds)).Append('\n')
                .Append(cues[i].Text.ReplaceLineEndings("\n")).Append("\n\n");
        }

        return srt.ToString();
    }

    /// <summary>Lyrics being sung: unsung words white, sung ones gold (ASS colours are &amp;HAABBGGRR).</summary>
    public const string KaraokeSung = "&H0000C8FF";

    /// <param name="karaoke">
    /// A music video's lyrics: each line shows white and fills with gold from left to right over the time it is sung
    /// (libass <c>\kf</c>), split over its wrapped rows by their length, so the viewer follows where the singer is.
    /// </param>
    public static string ToAss(IReadOnlyList<SubtitleCue> cues, int width, int height, bool karaoke = false)
    {
        var shortSide = Math.Min(width, height);
        var fontSize = (int)Math.Round(shortSide * 0.065);
        var outline = Math.Max(1, (int)Math.Round(fontSize * 0.08));
        var side = (int)Math.Round(width * 0.06);
        var bottom = (int)Math.Round(height * 0.1);
        // A music video's lyric style: the sung part (primary colour) fills over the unsung (secondary) as the line plays.
        var lyricStyle = karaoke
            ? string.Create(CultureInfo.InvariantCulture,
                $"Style: Lyric,{FontName},{fontSize},{KaraokeSung},&H00FFFFFF,&H00141414,&H96000000,1,0,0,0,100,100,0,0,1,{outline},{outline},2,{side},{side},{bottom},1\n")
            : "";
        var ass = new StringBuilder();
        ass.Append(CultureInfo.InvariantCulture, $"""
            [Script Info]
            ScriptType: v4.00+
            PlayResX: {width}
            PlayResY: {height}
            WrapStyle: 0
            ScaledBorderAndShadow: yes

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: Dialogue,{FontName},{fontSize},&H00FFFFFF,&H000000FF,&H00141414,&H96000000,1,0,0,0,100,100,0,0,1,{outline},{outline},2,{side},{side},{bottom},1
            Style: Narration,{FontName},{fontSize},&H00B4F0FF,&H000000FF,&H00141414,&H96000000,0,1,0,0,100,100,0,0,1,{outline},{outline},2,{side},{side},{bottom},1
            {lyricStyle}
            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

            """);
        var charsPerLine = Math.Max(6, (width - 2 * side) / fontSize);
        foreach (var cue in cues)
        {
            if (karaoke)
            {
                ass.Append(CultureInfo.InvariantCulture,
                    $"Dialogue: 0,{AssTime(cue.StartSeconds)},{AssTime(cue.EndSeconds)},Lyric,,0,0,0,,{Karaoke(Wrap(Escape(cue.Text), charsPerLine), cue.EndSeconds - cue.StartSeconds)}\n");
                continue;
            }
            var style = cue.Speaker is null ? "Narration" : "Dialogue";
            // A cue of two lines (dual-language subtitles: the translation over the original) keeps its break.
            var text = string.Join(@"\N", cue.Text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(part => Wrap(Escape(part), charsPerLine)));
            ass.Append(CultureInfo.InvariantCulture,
                $"Dialogue: 0,{AssTime(cue.StartSeconds)},{AssTime(cue.EndSeconds)},{style},{cue.Speaker?.Replace(",", " ")},0,0,0,,{text}\n");
        }

        return ass.ToString();
    }

    /// <summary>
    /// A sung line's karaoke sweep: its wrapped rows (split at <c>\N</c>) each fill over their share of the line's time,
    /// by their length in characters; the shares add up to the line's time in centiseconds.
    /// </summary>
    internal static string Karaoke(string wrapped, double seconds)
    {
        var rows = wrapped.Split(@"\N");
        var total = Math.Max(1, (int)Math.Round(seconds * 100));
        var characters = Math.Max(1, rows.Sum(r => r.Length));
        var given = 0;
        var text = new StringBuilder();
        for (var i = 0; i < rows.Length; i++)
        {
            var share = i == rows.Length - 1 ? total - given : (int)Math.Round((double)total * rows[i].Length / characters);
            given += share;
            text.Append(i == 0 ? "" : @"\N").Append(CultureInfo.InvariantCulture, $"{{\\kf{share}}}").Append(rows[i]);
        }
        return text.ToString();
    }

    /// <summary>libass wraps at spaces only: Chinese (no spaces) is broken every <paramref name="charsPerLine"/> characters.</summary>
    private static string Wrap(string text, int charsPerLine)
    {
        if (text.Contains(' ') || text.Length <= charsPerLine) return text;
        var lines = text.Chunk(charsPerLine).Select(chunk => new string(chunk));
        return string.Join(@"\N", lines);
    }

    private static string Escape(string text) =>
        text.ReplaceLineEndings(" ").Replace("{", "(").Replace("}", ")").Replace("\\", "/").Trim();

    private static string SrtTime(double seconds)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00},{t.Milliseconds:000}");
    }

    private static string AssTime(double seconds)
    {
        var centis = (long)Math.Round(seconds * 100);
        var t = TimeSpan.FromMilliseconds(centis * 10);
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds / 10:00}");
    }
}
