using System.Text;

namespace DreamX.Infrastructure.Providers.Builtin.Illustration;

/// <summary>
/// A hash that is the same on every run and machine (string.GetHashCode is randomised per process), so that the
/// same character or request always draws the same picture.
/// </summary>
internal static class StableHash
{
    public static uint Of(string text)
    {
        const uint offset = 2166136261, prime = 16777619;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= prime;
        }
        return hash;
    }
}

/// <summary>A tiny deterministic random sequence (xorshift32) seeded from a stable hash.</summary>
internal sealed class StableRandom(uint seed)
{
    private uint _state = seed == 0 ? 0x9E3779B9u : seed;

    public uint NextUInt()
    {
        _state ^= _state << 13;
        _state ^= _state >> 17;
        _state ^= _state << 5;
        return _state;
    }

    /// <summary>A number in [0, 1).</summary>
    public float NextFloat() => (NextUInt() & 0xFFFFFF) / (float)0x1000000;

    public float Between(float min, float max) => min + (max - min) * NextFloat();

    public int Next(int exclusiveMax) => (int)(NextUInt() % (uint)exclusiveMax);

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];
}
