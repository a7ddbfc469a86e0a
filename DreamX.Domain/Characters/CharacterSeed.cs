namespace DreamX.Domain.Characters;

/// <summary>A character's fixed seed: the same key always gives the same seed (FNV-1a, non-negative).</summary>
public static class CharacterSeed
{
    public static int FromKey(string key) =>
        (int)(key.Aggregate(2166136261u, (h, c) => unchecked((h ^ c) * 16777619u)) & 0x7FFFFFFF);
}
