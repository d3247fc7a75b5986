namespace ServiceBot.TestLlm;

/// <summary>
/// Deterministic stand-in embeddings: every character and character bigram of the text (letters and
/// digits, lower-cased) is hashed to a signed bucket; the sum is scaled to unit length. Paraphrases
/// that share characters land close together, unrelated texts near orthogonal.
/// </summary>
internal static class NgramEmbedder
{
    public static float[] Embed(string text, int dimensions)
    {
        var vector = new float[dimensions];
        var chars = text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            Add(vector, Hash(chars.AsSpan(i, 1)));
            if (i + 1 < chars.Length)
            {
                Add(vector, Hash(chars.AsSpan(i, 2)));
            }
        }

        var norm = Math.Sqrt(vector.Sum(x => (double)x * x));
        if (norm == 0)
        {
            // An empty text still gets a valid unit vector, as a real model would give one.
            vector[0] = 1;
            return vector;
        }

        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = (float)(vector[i] / norm);
        }

        return vector;
    }

    /// <summary>The share of the query's character bigrams found in the document (letters and digits only).</summary>
    public static double BigramShare(string query, string document)
    {
        var q = Compact(query);
        var d = Compact(document);
        var bigrams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < d.Length; i++)
        {
            bigrams.Add(d.Substring(i, 2));
        }

        int total = 0, found = 0;
        for (var i = 0; i + 1 < q.Length; i++)
        {
            total++;
            found += bigrams.Contains(q.Substring(i, 2)) ? 1 : 0;
        }

        return total == 0 ? 0 : (double)found / total;
    }

    private static string Compact(string text) => new([.. text.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    private static void Add(float[] vector, uint hash)
    {
        var bucket = (int)(hash % (uint)vector.Length);
        vector[bucket] += (hash & 0x8000_0000u) == 0 ? 1 : -1;
    }

    // FNV-1a: stable across processes, unlike string.GetHashCode.
    private static uint Hash(ReadOnlySpan<char> gram)
    {
        var hash = 2166136261u;
        foreach (var c in gram)
        {
            hash = (hash ^ (c & 0xFFu)) * 16777619u;
            hash = (hash ^ (uint)(c >> 8)) * 16777619u;
        }

        return hash;
    }
}
