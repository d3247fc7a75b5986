namespace ServiceBot.Text.Segmentation;

/// <summary>
/// Words added at run time on top of the immutable base dictionary, with all their prefixes as keys
/// (jieba's <c>add_word</c>). An explicit entry overrides the base frequency of the same key; a prefix
/// entry only keeps the dictionary walk going. Mutated only while a new segmenter state is being
/// built, read-only once published.
/// </summary>
internal sealed class UserWordOverlay
{
    private readonly Dictionary<string, Entry> _entries;
    private readonly Dictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ulong[] _firstChars;

    public UserWordOverlay()
        : this(new Dictionary<string, Entry>(StringComparer.Ordinal), new ulong[(char.MaxValue + 1) / 64], 0)
    {
    }

    private UserWordOverlay(Dictionary<string, Entry> entries, ulong[] firstChars, int maxLength)
    {
        _entries = entries;
        _lookup = entries.GetAlternateLookup<ReadOnlySpan<char>>();
        _firstChars = firstChars;
        MaxLength = maxLength;
    }

    /// <summary>Length of the longest key.</summary>
    public int MaxLength { get; private set; }

    /// <summary>Number of explicit words.</summary>
    public int WordCount { get; private set; }

    public bool IsEmpty => _entries.Count == 0;

    public IEnumerable<KeyValuePair<string, Entry>> Words
    {
        get
        {
            foreach (var pair in _entries)
            {
                if (pair.Value.IsExplicit)
                {
                    yield return pair;
                }
            }
        }
    }

    public UserWordOverlay Clone()
    {
        var copy = new UserWordOverlay(new Dictionary<string, Entry>(_entries, StringComparer.Ordinal), (ulong[])_firstChars.Clone(), MaxLength)
        {
            WordCount = WordCount,
        };
        return copy;
    }

    /// <summary>True when some key starts with <paramref name="c"/>; the walk skips the overlay otherwise.</summary>
    public bool MayStartWith(char c) => (_firstChars[c >> 6] & (1UL << (c & 63))) != 0;

    public bool TryGet(ReadOnlySpan<char> key, out Entry entry) => _lookup.TryGetValue(key, out entry);

    /// <summary>Sets the word's frequency (overriding the base dictionary) and adds its prefixes as keys.</summary>
    public void SetWord(string word, long frequency, string? tag)
    {
        if (!_entries.TryGetValue(word, out var existing) || !existing.IsExplicit)
        {
            WordCount++;
        }

        _entries[word] = new Entry(frequency, frequency > 0 ? Math.Log(frequency) : double.NegativeInfinity, IsExplicit: true, tag ?? (existing.IsExplicit ? existing.Tag : null));
        for (var i = 1; i < word.Length; i++)
        {
            _entries.TryAdd(word[..i], default);
        }

        _firstChars[word[0] >> 6] |= 1UL << (word[0] & 63);
        MaxLength = Math.Max(MaxLength, word.Length);
    }

    /// <summary>An overlay key: an explicit word (frequency may be 0 for a removed word) or only a prefix.</summary>
    /// <param name="Frequency">The word's frequency; meaningful when <paramref name="IsExplicit"/>.</param>
    /// <param name="Weight"><c>log(Frequency)</c>, negative infinity when the frequency is 0.</param>
    /// <param name="IsExplicit">True for words set by <see cref="SetWord"/>, false for their prefixes.</param>
    /// <param name="Tag">The part-of-speech tag given with the word, if any.</param>
    internal readonly record struct Entry(long Frequency, double Weight, bool IsExplicit, string? Tag);
}
