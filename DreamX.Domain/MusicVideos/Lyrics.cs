using System.Globalization;
using System.Text.RegularExpressions;
using DreamX.Domain.Common;

namespace DreamX.Domain.MusicVideos;

/// <summary>One line of a song's lyrics; <see cref="Start"/> is its time in the song (seconds) when the lyrics had one (LRC).</summary>
public sealed record LyricLine(double? Start, string Text);

/// <summary>A song's lyrics as the creator gave them: plain lines, or LRC lines with their times.</summary>
public sealed record Lyrics(IReadOnlyList<LyricLine> Lines, bool IsTimed)
{
    public static Lyrics None { get; } = new([], false);

    public bool IsEmpty => Lines.Count == 0;
}

/// <summary>Why lyrics were refused: a code (the key of its message) and the 1-based line it is about (0: the whole text).</summary>
public sealed record LyricsError(string Code, int Line, string Excerpt)
{
    public const string TooLong = "lyrics.too_long";
    public const string TooManyLines = "lyrics.too_many_lines";
    public const string LineTooLong = "lyrics.line_too_long";
    public const string NoTime = "lyrics.no_time";
    public const string BadTime = "lyrics.bad_time";
    public const string BadOffset = "lyrics.bad_offset";

    /// <summary>As a validation error for the form and the API: the line number and the line itself are its arguments.</summary>
    public ValidationError ToValidationError(string field) => new(field, Code, Line, Excerpt);
}

/// <summary>
/// Reads lyrics: when any line starts with an LRC time tag (<c>[mm:ss.xx]</c>) the whole text is LRC and every line
/// with words must carry a time (or be an ID tag such as <c>[ar:…]</c>); otherwise the lines are plain text. Broken
/// input is refused with the number of the line at fault, never guessed at.
/// </summary>
public static partial class LyricsParser
{
    public const int MaxLength = 20_000;
    public const int MaxLines = 400;
    public const int LineMaxLength = 200;

    public static Result<Lyrics> Parse(string? text) => TryParse(text, out var lyrics, out var error)
        ? lyrics
        : Result<Lyrics>.Failure(error!.Code);

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> names the code and the line.</summary>
    public static bool TryParse(string? text, out Lyrics lyrics, out LyricsError? error)
    {
        lyrics = Lyrics.None;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (text.Length > MaxLength)
        {
            error = new(LyricsError.TooLong, 0, "");
            return false;
        }

        var rows = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var timed = rows.Any(r => TimeTag().IsMatch(r.TrimStart('\uFEFF', ' ', '\t')));
        var lines = new List<LyricLine>();
        var offsetSeconds = 0.0;
        for (var i = 0; i < rows.Length; i++)
        {
            var number = i + 1;
            var row = rows[i].Trim().TrimStart('\uFEFF');
            if (row.Length == 0)
                continue;

            if (!timed)
            {
                if (NoteRulesLength(row) > LineMaxLength)
                {
                    error = new(LyricsError.LineTooLong, number, Excerpt(row));
                    return false;
                }
                lines.Add(new(null, row));
                continue;
            }

            // ID tags ([ar:…], [ti:…], [offset:…] and any other lettered tag) carry no line.
            if (IdTag().Match(row) is { Success: true } id)
            {
                if (id.Groups["name"].Value.Equals("offset", StringComparison.OrdinalIgnoreCase))
                {
                    if (!int.TryParse(id.Groups["value"].Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
                    {
                        error = new(LyricsError.BadOffset, number, Excerpt(row));
                        return false;
                    }
                    // LRC: a positive offset shows the lines sooner.
                    offsetSeconds = -ms / 1000.0;
                }
                continue;
            }

            var times = new List<double>();
            var rest = row;
            while (rest.StartsWith('['))
            {
                var match = TimeTag().Match(rest);
                if (!match.Success)
                {
                    var close = rest.IndexOf(']', StringComparison.Ordinal);
                    error = new(close > 0 && LooksLikeTime(rest[1..close]) ? LyricsError.BadTime : LyricsError.NoTime, number, Excerpt(row));
                    return false;
                }
                if (ReadTime(match) is not { } seconds)
                {
                    error = new(LyricsError.BadTime, number, Excerpt(row));
                    return false;
                }
                times.Add(seconds);
                rest = rest[match.Length..].TrimStart();
            }
            if (times.Count == 0)
            {
                error = new(LyricsError.NoTime, number, Excerpt(row));
                return false;
            }

            // Enhanced LRC's word times (<mm:ss.xx>) are dropped: the line's time is what the video uses.
            var words = WordTag().Replace(rest, "").Trim();
            if (NoteRulesLength(words) > LineMaxLength)
            {
                error = new(LyricsError.LineTooLong, number, Excerpt(row));
                return false;
            }
            // A time with no words is a pause: it ends the line before it, so it is kept with empty text.
            foreach (var time in times)
                lines.Add(new(time, words));
        }

        if (lines.Count > MaxLines)
        {
            error = new(LyricsError.TooManyLines, 0, "");
            return false;
        }

        if (timed)
        {
            lines = lines
                .Select(l => l with { Start = Math.Max(0, l.Start!.Value + offsetSeconds) })
                .OrderBy(l => l.Start)
                .ToList();
            // Leading pauses mean nothing; trailing ones end the last line.
            while (lines.Count > 0 && lines[0].Text.Length == 0)
                lines.RemoveAt(0);
        }

        lyrics = new(lines, timed);
        return true;
    }

    private static double? ReadTime(Match match)
    {
        var minutes = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var seconds = int.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture);
        if (seconds >= 60)
            return null;
        var fraction = match.Groups["f"].Success
            ? double.Parse("0." + match.Groups["f"].Value, CultureInfo.InvariantCulture)
            : 0;
        return minutes * 60 + seconds + fraction;
    }

    private static bool LooksLikeTime(string inside) => inside.Length > 0 && char.IsDigit(inside[0]);

    private static int NoteRulesLength(string text) => new StringInfo(text).LengthInTextElements;

    private static string Excerpt(string row) => row.Length <= 60 ? row : row[..60] + "…";

    [GeneratedRegex(@"^\[(?<m>\d{1,3}):(?<s>\d{1,2})(?:[.:](?<f>\d{1,3}))?\]")]
    private static partial Regex TimeTag();

    [GeneratedRegex(@"^\[(?<name>[A-Za-z#]+):(?<value>[^\]]*)\]$")]
    private static partial Regex IdTag();

    [GeneratedRegex(@"<\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?>")]
    private static partial Regex WordTag();
}
