using System.Security.Cryptography;
using System.Text;

namespace DreamX.Infrastructure.Providers.Builtin.StoryWriter;

/// <summary>
/// The writer's only source of chance: seeded from a SHA-256 of the inputs (never string.GetHashCode, never the clock),
/// then SplitMix64, so the same inputs give the same story on every machine and every run.
/// </summary>
internal sealed class StoryDice
{
    private ulong _state;

    private StoryDice(ulong seed) => _state = seed;

    public static StoryDice From(params object?[] inputs)
    {
        var text = string.Join('\u001f', inputs.Select(i => Convert.ToString(i, System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new StoryDice(BitConverter.ToUInt64(hash, 0));
    }

    /// <summary>A number in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)(NextUInt64() % (ulong)maxExclusive);

    /// <summary>A number in [min, max] inclusive.</summary>
    public int Between(int min, int max) => min + Next(max - min + 1);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
