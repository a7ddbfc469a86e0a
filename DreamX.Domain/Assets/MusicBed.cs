namespace DreamX.Domain.Assets;

/// <summary>
/// Chooses the library track that scores an episode when nobody picked one. The rule: split each track's mood into
/// words (at spaces, commas, slashes, dots and Chinese punctuation); a word counts when the story's tone or genre
/// contains it (case-insensitive, so a Chinese mood word matches inside Chinese text without word breaks). The
/// active track with the most matching words wins, ties going to the title in ordinal order and then the id; with
/// no match at all (or an empty library) there is no track and the composer makes its generated bed.
/// </summary>
public static class MusicBed
{
    private static readonly char[] Separators = [' ', ',', ';', '/', '|', '·', '.', '、', '，', '；', '。', '\t', '\n'];

    public static MusicTrack? Choose(IEnumerable<MusicTrack> library, string? tone, string? genre)
    {
        var story = $"{tone} {genre}".ToLowerInvariant();
        if (string.IsNullOrWhiteSpace(story))
            return null;

        return library
            .Where(t => t.IsActive)
            .Select(t => (Track: t, Score: MoodWords(t.Mood).Count(story.Contains)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score)
            .ThenBy(c => c.Track.Title, StringComparer.Ordinal)
            .ThenBy(c => c.Track.Id)
            .Select(c => c.Track)
            .FirstOrDefault();
    }

    /// <summary>The distinct words of a mood; single Latin letters are dropped (they would match almost any text).</summary>
    public static IReadOnlyList<string> MoodWords(string? mood) =>
        (mood ?? "").ToLowerInvariant()
            .Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => w.Length > 1 || w.Any(c => c > 0x2E80))
            .Distinct()
            .ToList();
}
