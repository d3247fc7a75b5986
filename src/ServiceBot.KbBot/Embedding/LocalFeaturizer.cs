using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// Turns an analyzed question into hashed sparse features: the analyzer's terms (the words BM25 sees),
/// character n-grams inside CJK runs, and character n-grams of Latin words with boundary marks, so that
/// questions sharing no whole word still share features ("退款" and "退钱" share 退; "refunded" and "refund" share "efu").
/// </summary>
/// <remarks>Stateless and thread-safe; writes into the caller's buffer and allocates nothing itself.</remarks>
internal sealed class LocalFeaturizer
{
    private const uint WordSeed = 0x9E3779B9;
    private const uint CjkSeed = 0x85EBCA6B;
    private const uint LatinSeed = 0xC2B2AE35;
    private const char Begin = '\u0002';
    private const char End = '\u0003';

    private readonly int _mask;
    private readonly int _cjkMin;
    private readonly int _cjkMax;
    private readonly int _latinMin;
    private readonly int _latinMax;

    public LocalFeaturizer(EmbedderSettings settings)
    {
        _mask = (1 << settings.HashBits) - 1;
        _cjkMin = settings.CjkMinGram;
        _cjkMax = settings.CjkMaxGram;
        _latinMin = settings.LatinMinGram;
        _latinMax = settings.LatinMaxGram;
    }

    /// <summary>The most features <see cref="Extract"/> can write for <paramref name="utterance"/>.</summary>
    public int MaxFeatures(AnalyzedUtterance utterance) =>
        utterance.Terms.Count + ((utterance.Normalized.Length + 2) * (Math.Max(_cjkMax - _cjkMin, _latinMax - _latinMin) + 1)) + 1;

    /// <summary>Writes the bucket of every feature occurrence (repeats included) and returns how many were written.</summary>
    public int Extract(AnalyzedUtterance utterance, Span<int> buckets)
    {
        var count = 0;
        var terms = utterance.Terms;
        for (var i = 0; i < terms.Count; i++)
        {
            buckets[count++] = Bucket(Hash(WordSeed, terms[i]));
        }

        var text = utterance.Normalized.AsSpan();
        var p = 0;
        while (p < text.Length)
        {
            var start = p;
            if (IsCjk(text[p]))
            {
                while (p < text.Length && IsCjk(text[p]))
                {
                    p++;
                }

                count = CjkGrams(text[start..p], buckets, count);
            }
            else if (char.IsLetterOrDigit(text[p]))
            {
                while (p < text.Length && char.IsLetterOrDigit(text[p]) && !IsCjk(text[p]))
                {
                    p++;
                }

                count = LatinGrams(text[start..p], buckets, count);
            }
            else
            {
                p++;
            }
        }

        return count;
    }

    private static bool IsCjk(char c) => c is (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF');

    private int CjkGrams(ReadOnlySpan<char> run, Span<int> buckets, int count)
    {
        for (var i = 0; i < run.Length; i++)
        {
            var hash = CjkSeed;
            for (var n = 1; n <= _cjkMax && i + n <= run.Length; n++)
            {
                hash = Mix(hash, run[i + n - 1]);
                if (n >= _cjkMin)
                {
                    buckets[count++] = Bucket(Finish(hash, n));
                }
            }
        }

        return count;
    }

    private int LatinGrams(ReadOnlySpan<char> word, Span<int> buckets, int count)
    {
        // The word is read as Begin + word + End, so prefixes and suffixes are features of their own.
        var length = word.Length + 2;
        if (length < _latinMin)
        {
            var hash = LatinSeed;
            for (var k = 0; k < length; k++)
            {
                hash = Mix(hash, At(word, k));
            }

            buckets[count++] = Bucket(Finish(hash, length));
            return count;
        }

        for (var i = 0; i < length; i++)
        {
            var hash = LatinSeed;
            for (var n = 1; n <= _latinMax && i + n <= length; n++)
            {
                hash = Mix(hash, char.ToLowerInvariant(At(word, i + n - 1)));
                if (n >= _latinMin)
                {
                    buckets[count++] = Bucket(Finish(hash, n));
                }
            }
        }

        return count;
    }

    private static char At(ReadOnlySpan<char> word, int k) => k == 0 ? Begin : k == word.Length + 1 ? End : word[k - 1];

    private int Bucket(uint hash) => (int)(hash & (uint)_mask);

    /// <summary>FNV-1a over UTF-16 code units: stable across processes, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint Hash(uint seed, string s)
    {
        var hash = seed;
        foreach (var c in s)
        {
            hash = Mix(hash, c);
        }

        return Finish(hash, s.Length);
    }

    private static uint Mix(uint hash, char c) => (hash ^ c) * 16777619u;

    private static uint Finish(uint hash, int length)
    {
        hash ^= (uint)length * 0x27D4EB2Fu;
        hash ^= hash >> 15;
        hash *= 0x2C1B3C6Du;
        hash ^= hash >> 12;
        return hash;
    }
}
