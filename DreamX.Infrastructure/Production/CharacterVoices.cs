using DreamX.Domain.Assets;
using DreamX.Domain.Characters;
using DreamX.Domain.Generation.Stages;

namespace DreamX.Infrastructure.Production;

/// <summary>Gives each new character a voice from the library: the project's language and the character's gender.</summary>
public static class CharacterVoices
{
    public static Voice? Pick(IReadOnlyList<Voice> voices, CharacterDraft character)
    {
        var matching = voices.Where(v => v.Gender == character.Gender).ToList();
        var pool = matching.Count > 0 ? matching : voices.ToList();
        if (pool.Count == 0)
            return null;
        // Stable per character, so regenerating the cast does not reshuffle who sounds like whom.
        var hash = character.Key.Aggregate(17u, (h, c) => unchecked(h * 31 + c));
        return pool[(int)(hash % (uint)pool.Count)];
    }
}
