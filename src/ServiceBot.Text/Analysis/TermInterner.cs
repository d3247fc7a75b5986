using System.Collections.Concurrent;

namespace ServiceBot.Text.Analysis;

/// <summary>
/// Shares one string instance per distinct token text, so that analyzing a turn or indexing a
/// knowledge base does not allocate a new string for every occurrence of a common word. Bounded:
/// once full, new words are allocated as usual. Thread-safe.
/// </summary>
internal sealed class TermInterner
{
    private readonly ConcurrentDictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly int _capacity;
    private int _count;

    public TermInterner(int capacity)
    {
        _capacity = capacity;
        _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => Volatile.Read(ref _count);

    public string Intern(ReadOnlySpan<char> text)
    {
        if (_lookup.TryGetValue(text, out var pooled))
        {
            return pooled;
        }

        var created = text.ToString();
        return Add(created);
    }

    public string Intern(string text) => _pool.TryGetValue(text, out var pooled) ? pooled : Add(text);

    private string Add(string text)
    {
        if (Volatile.Read(ref _count) >= _capacity)
        {
            return text;
        }

        var pooled = _pool.GetOrAdd(text, text);
        if (ReferenceEquals(pooled, text))
        {
            Interlocked.Increment(ref _count);
        }

        return pooled;
    }
}
