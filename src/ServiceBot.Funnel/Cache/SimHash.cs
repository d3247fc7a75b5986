using System.Numerics;

namespace ServiceBot.Funnel.Cache;

/// <summary>
/// 64-bit SimHash over the character bigrams of a message key: texts that share most bigrams get
/// hashes a few bits apart, so near-duplicate questions ("怎么退货啊" / "怎么退货呀") are found by
/// Hamming distance.
/// </summary>
internal static class SimHash
{
    public static ulong Of(ReadOnlySpan<char> key)
    {
        if (key.Length == 0)
        {
            return 0;
        }

        Span<int> weights = stackalloc int[64];
        if (key.Length == 1)
        {
            Add(weights, Mix(key[0]));
        }

        for (var i = 0; i + 1 < key.Length; i++)
        {
            Add(weights, Mix(((ulong)key[i] << 16) | key[i + 1]));
        }

        ulong hash = 0;
        for (var bit = 0; bit < 64; bit++)
        {
            if (weights[bit] > 0)
            {
                hash |= 1UL << bit;
            }
        }

        return hash;
    }

    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);

    private static void Add(Span<int> weights, ulong feature)
    {
        for (var bit = 0; bit < 64; bit++)
        {
            weights[bit] += ((feature >> bit) & 1) == 1 ? 1 : -1;
        }
    }

    // SplitMix64 finalizer: spreads a bigram's 32 bits over all 64.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
