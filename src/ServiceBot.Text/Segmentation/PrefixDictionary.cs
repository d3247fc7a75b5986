using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ServiceBot.Text.Segmentation;

/// <summary>
/// jieba's prefix dictionary (<c>FREQ</c>) as an immutable double-array trie: every word and every
/// prefix of a word is a key; words have a frequency, prefixes 0. Safe to share between threads.
/// </summary>
internal sealed class PrefixDictionary
{
    /// <summary>Check value of an unused cell.</summary>
    public const int FreeCheck = -1;

    /// <summary>Check value of the root cell, which is nobody's child.</summary>
    public const int RootCheck = -2;

    private readonly TrieUnit[] _units;
    private readonly ushort[] _codes;
    private readonly Dictionary<int, long> _inexactFrequencies;

    public PrefixDictionary(
        TrieUnit[] units,
        ushort[] codes,
        int maxCode,
        long total,
        int wordCount,
        int maxWordLength,
        IReadOnlyList<KeyValuePair<string, long>> nonHanWords,
        Dictionary<int, long>? inexactFrequencies = null)
    {
        _units = units;
        _codes = codes;
        MaxCode = maxCode;
        Total = total;
        WordCount = wordCount;
        MaxWordLength = maxWordLength;
        NonHanWords = nonHanWords;
        _inexactFrequencies = inexactFrequencies ?? [];
        Validate();
    }

    /// <summary>Sum of all frequencies in the dictionary file (duplicates counted each time, as jieba does).</summary>
    public long Total { get; }

    public int WordCount { get; }

    public int MaxWordLength { get; }

    public int MaxCode { get; }

    /// <summary>Words with characters outside <c>\u4E00-\u9FD5</c> (e.g. <c>U盘</c>, <c>AT&amp;T</c>), for case-folded aliases.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> NonHanWords { get; }

    public int UnitCount => _units.Length;

    internal TrieUnit[] Units => _units;

    internal ushort[] Codes => _codes;

    /// <summary>Frequencies that <c>exp(log(freq))</c> does not give back exactly (none in jieba's dictionary).</summary>
    internal IReadOnlyDictionary<int, long> InexactFrequencies => _inexactFrequencies;

    /// <summary>Approximate memory held by the trie, in bytes.</summary>
    public long MemoryBytes => ((long)_units.Length * Unsafe.SizeOf<TrieUnit>()) + (_codes.Length * sizeof(ushort));

    /// <summary>Builds the trie from (word, frequency) pairs; a later duplicate replaces an earlier one.</summary>
    public static PrefixDictionary Build(IReadOnlyDictionary<string, long> words, long total)
    {
        var sorted = new string[words.Count];
        var i = 0;
        foreach (var word in words.Keys)
        {
            sorted[i++] = word;
        }

        Array.Sort(sorted, StringComparer.Ordinal);
        var weights = new double[sorted.Length];
        var nonHan = new List<KeyValuePair<string, long>>();
        var maxLength = 0;
        for (i = 0; i < sorted.Length; i++)
        {
            var word = sorted[i];
            var freq = words[word];
            weights[i] = freq > 0 ? Math.Log(freq) : double.NegativeInfinity;
            maxLength = Math.Max(maxLength, word.Length);
            foreach (var c in word)
            {
                if (!CharClasses.IsHan(c))
                {
                    nonHan.Add(new(word, freq));
                    break;
                }
            }
        }

        var (units, codes, maxCode) = DoubleArrayBuilder.Build(sorted, weights);
        var dictionary = new PrefixDictionary(units, codes, maxCode, total, sorted.Length, maxLength, nonHan);
        foreach (var (word, freq) in words)
        {
            if (freq > 0 && FrequencyOf(Math.Log(freq)) != freq)
            {
                dictionary._inexactFrequencies[dictionary.FindNode(word)] = freq;
            }
        }

        return dictionary;
    }

    /// <summary>The node of <paramref name="key"/>, or -1 when it is not a key (neither a word nor a prefix of one).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int FindNode(ReadOnlySpan<char> key)
    {
        if (key.IsEmpty)
        {
            return -1;
        }

        ref var units = ref MemoryMarshal.GetArrayDataReference(_units);
        ref var codes = ref MemoryMarshal.GetArrayDataReference(_codes);
        var state = 0;
        foreach (var c in key)
        {
            int code = Unsafe.Add(ref codes, c);
            if (code == 0)
            {
                return -1;
            }

            var next = Unsafe.Add(ref units, state).Base + code;
            if (Unsafe.Add(ref units, next).Check != state)
            {
                return -1;
            }

            state = next;
        }

        return state;
    }

    /// <summary><c>FREQ.get(key, missing)</c>: the key's frequency (0 for a prefix), or <paramref name="missing"/> when absent.</summary>
    public long GetFrequency(ReadOnlySpan<char> key, long missing)
    {
        var node = FindNode(key);
        return node < 0 ? missing : FrequencyOfNode(node);
    }

    /// <summary>The word's log frequency, or negative infinity when the key is absent or only a prefix.</summary>
    public double GetWeight(ReadOnlySpan<char> key)
    {
        var node = FindNode(key);
        return node < 0 ? double.NegativeInfinity : _units[node].Weight;
    }

    internal long FrequencyOfNode(int node)
    {
        var weight = _units[node].Weight;
        if (double.IsNegativeInfinity(weight))
        {
            return 0;
        }

        return _inexactFrequencies.Count > 0 && _inexactFrequencies.TryGetValue(node, out var exact) ? exact : FrequencyOf(weight);
    }

    private static long FrequencyOf(double weight) => (long)Math.Round(Math.Exp(weight));

    /// <summary>
    /// Checks the invariants the unchecked walks rely on: every <c>Base + code</c> stays inside the
    /// array and every check points at a real cell. A cache file that breaks them is rejected.
    /// </summary>
    private void Validate()
    {
        if (_codes.Length != char.MaxValue + 1 || _units.Length == 0 || _units[0].Check != RootCheck)
        {
            throw new InvalidDataException("The prefix dictionary is malformed (code table or root).");
        }

        foreach (var code in _codes)
        {
            if (code > MaxCode)
            {
                throw new InvalidDataException("The prefix dictionary is malformed (character code out of range).");
            }
        }

        var length = _units.Length;
        foreach (ref readonly var unit in _units.AsSpan())
        {
            if (unit.Base < 0 || (long)unit.Base + MaxCode >= length || unit.Check < RootCheck || unit.Check >= length)
            {
                throw new InvalidDataException("The prefix dictionary is malformed (cell out of range).");
            }
        }
    }
}
