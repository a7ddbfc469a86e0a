using DreamX.Domain.Assets;
using DreamX.Domain.Generation.Providers;
using DreamX.Domain.Generation.Stages;
using DreamX.Domain.Media.Timeline;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Providers.Builtin;

namespace DreamX.Tests.Infrastructure.Providers.Builtin;

/// <summary>
/// A written episode voiced by the built-in espeak-ng voices as production voices it (each character gets a voice from the
/// seeded library by gender, narration the language's first voice), then timed as the composer times it: the planned
/// length against the length once every line's real audio is in.
/// </summary>
internal static class VoicedEpisode
{
    public sealed record Timing(double PlannedSeconds, double VoicedSeconds, int Lines)
    {
        public double ErrorPercent(double target) => Math.Abs(VoicedSeconds - target) / target * 100;
    }

    public static async Task<Timing> TimeAsync(StoryRun run, int episode, ISpeechProvider speech, CancellationToken ct = default)
    {
        var language = run.Checkpoint.Language;
        var voices = AssetCatalogSeed.DefaultVoices.Where(v => v.Language == language).Select(ToVoice).ToList();
        var castVoices = run.Cast.Characters.ToDictionary(c => c.Key, c => CharacterVoices.Pick(voices, c));
        var narrator = voices.OrderBy(v => v.Name, StringComparer.Ordinal).FirstOrDefault();

        var shots = new List<TimelineShot>();
        var number = 0;
        var lines = 0;
        foreach (var list in run.ShotLists.Where(s => s.EpisodeNumber == episode).OrderBy(s => s.SceneNumber))
        {
            foreach (var shot in list.Shots)
            {
                SpokenAudio? audio = null;
                if (shot.SpokenLine is { } line && !string.IsNullOrWhiteSpace(line.Text))
                {
                    var character = line.CharacterKey is null ? null : run.Cast.Characters.FirstOrDefault(c => c.Key == line.CharacterKey);
                    var voice = (line.CharacterKey is { } key ? castVoices.GetValueOrDefault(key) : null) ?? narrator;
                    var request = new SpeechRequest(line.Text, language,
                        voice is null ? line.CharacterKey ?? "narrator" : voice.EngineVariant is { Length: > 0 } v ? $"{voice.EngineVoice}+{v}" : voice.EngineVoice,
                        voice?.Pitch ?? 50, voice?.WordsPerMinute ?? 160, (character?.Gender ?? voice?.Gender)?.ToString().ToLowerInvariant());
                    var spoken = await speech.SynthesizeAsync(request, ct);
                    audio = new SpokenAudio("line.wav", spoken.Duration.TotalSeconds, line.Text);
                    lines++;
                }
                shots.Add(new TimelineShot(++number, list.SceneNumber, (double)shot.DurationSeconds, "still.png", null, shot.CameraMove, audio, shot.Transition));
            }
        }
        var planned = EpisodeTimeline.Build(shots.Select(s => s with { Audio = null }).ToList()).Value.DurationSeconds;
        var voiced = EpisodeTimeline.Build(shots).Value.DurationSeconds;
        return new Timing(planned, voiced, lines);
    }

    private static Voice ToVoice(VoiceDraft draft)
    {
        var voice = new Voice();
        draft.ApplyTo(voice);
        return voice;
    }
}
