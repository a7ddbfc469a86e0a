using DreamX.Domain.Common;
using DreamX.Domain.Scripts;
using DreamX.Infrastructure.Production.Steps;

namespace DreamX.Infrastructure.Production;

/// <summary>A compose request in a language version: the same pictures and clips, the version's lines, voices and subtitles.</summary>
public static class LanguageVersion
{
    /// <summary>
    /// The request with every spoken shot's line, audio and subtitle taken from <paramref name="translation"/>; with
    /// dual subtitles a cue shows the translated line over the original. A version missing a spoken shot's line (a shot
    /// added after it was translated) or a line's voice is refused with the reason, never composed half in one language.
    /// </summary>
    public static Result<ComposeInput> Apply(ComposeInput input, EpisodeTranslation translation)
    {
        var lines = translation.Lines.ToDictionary(l => l.ShotId);
        var shots = new List<ComposeShot>(input.Shots.Count);
        foreach (var shot in input.Shots)
        {
            if (string.IsNullOrWhiteSpace(shot.Text))
            {
                shots.Add(shot);
                continue;
            }
            if (!lines.TryGetValue(shot.ShotId, out var line))
                return Result.Failure<ComposeInput>(ProductionRequests.TranslationIncomplete);
            if (line.AudioKey is null)
                return Result.Failure<ComposeInput>(ProductionRequests.TranslationNotVoiced);
            var subtitle = translation.DualSubtitles ? $"{line.Text}\n{line.Original}" : line.Text;
            shots.Add(shot with { AudioKey = line.AudioKey, AudioSeconds = line.AudioSeconds, Text = subtitle });
        }
        return input with { Shots = shots, Language = translation.Language };
    }
}
