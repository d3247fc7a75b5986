using ServiceBot.Abstractions.Cache;

namespace ServiceBot.Funnel.Cache;

/// <summary>
/// A snapshot of one bot's cache keys for near-duplicate lookup, built from
/// <see cref="IAnswerCache.ListAsync"/> and replaced whole when it is older than the configured
/// refresh. A candidate must pass a SimHash pre-filter, then reach the Dice similarity of the
/// character-bigram sets, and must not differ from the message in digits or negations ("能退款" is
/// not "不能退款"). Immutable, so lookups need no lock.
/// </summary>
internal sealed class NearDuplicateIndex
{
    private readonly ulong[] _hashes;
    private readonly string[] _keys;
    private readonly uint[][] _bigrams;

    public NearDuplicateIndex(IReadOnlyList<CachedAnswer> entries, DateTimeOffset builtAt)
    {
        _hashes = new ulong[entries.Count];
        _keys = new string[entries.Count];
        _bigrams = new uint[entries.Count][];
        for (var i = 0; i < entries.Count; i++)
        {
            _keys[i] = entries[i].Key;
            _hashes[i] = SimHash.Of(entries[i].Key);
            _bigrams[i] = Bigrams(entries[i].Key);
        }

        BuiltAt = builtAt;
    }

    public DateTimeOffset BuiltAt { get; }

    public int Count => _keys.Length;

    /// <summary>The most similar key that passes all checks, with its similarity, or null.</summary>
    public (string Key, double Similarity)? Nearest(string key, CacheSettings settings)
    {
        var hash = SimHash.Of(key);
        var bigrams = Bigrams(key);
        var best = -1;
        var bestSimilarity = settings.MinSimilarity;
        for (var i = 0; i < _hashes.Length; i++)
        {
            if (SimHash.Distance(hash, _hashes[i]) > settings.MaxDistance || Math.Abs(_keys[i].Length - key.Length) * 3 > Math.Max(_keys[i].Length, key.Length))
            {
                continue;
            }

            var similarity = Dice(bigrams, _bigrams[i]);
            if (similarity >= bestSimilarity && !DiffersInMeaning(key, _keys[i], settings.DistinguishingChars))
            {
                best = i;
                bestSimilarity = similarity;
            }
        }

        return best < 0 ? null : (_keys[best], Math.Round(bestSimilarity, 3));
    }

    private static uint[] Bigrams(string key)
    {
        if (key.Length < 2)
        {
            return key.Length == 0 ? [] : [key[0]];
        }

        var set = new uint[key.Length - 1];
        for (var i = 0; i + 1 < key.Length; i++)
        {
            set[i] = ((uint)key[i] << 16) | key[i + 1];
        }

        Array.Sort(set);
        var unique = 1;
        for (var i = 1; i < set.Length; i++)
        {
            if (set[i] != set[unique - 1])
            {
                set[unique++] = set[i];
            }
        }

        return set[..unique];
    }

    private static double Dice(uint[] a, uint[] b)
    {
        if (a.Length + b.Length == 0)
        {
            return 0;
        }

        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return 2.0 * shared / (a.Length + b.Length);
    }

    private static bool DiffersInMeaning(string a, string b, string distinguishing)
    {
        foreach (var c in a)
        {
            if ((char.IsDigit(c) || distinguishing.Contains(c, StringComparison.Ordinal)) && Occurrences(a, c) != Occurrences(b, c))
            {
                return true;
            }
        }

        foreach (var c in b)
        {
            if ((char.IsDigit(c) || distinguishing.Contains(c, StringComparison.Ordinal)) && Occurrences(a, c) != Occurrences(b, c))
            {
                return true;
            }
        }

        return false;
    }

    private static int Occurrences(string text, char c)
    {
        var n = 0;
        foreach (var x in text)
        {
            if (x == c)
            {
                n++;
            }
        }

        return n;
    }
}
