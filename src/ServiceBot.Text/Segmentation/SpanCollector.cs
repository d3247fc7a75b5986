using System.Buffers;

namespace ServiceBot.Text.Segmentation;

/// <summary>Collects word spans into pooled arrays; composite words (full mode only) are kept aside.</summary>
/// <remarks>Not thread-safe; dispose to return the arrays to the pool.</remarks>
internal struct SpanCollector : ITokenSink, IDisposable
{
    private int[] _starts;
    private int[] _lengths;
    private List<(int Index, string Text)>? _composites;

    public SpanCollector(int capacityHint)
    {
        var capacity = Math.Clamp(capacityHint, 16, 1 << 20);
        _starts = ArrayPool<int>.Shared.Rent(capacity);
        _lengths = ArrayPool<int>.Shared.Rent(capacity);
        Count = 0;
        SkipEmpty = true;
    }

    public int Count { get; private set; }

    /// <summary>When true (the default) the empty words of full mode are dropped.</summary>
    public bool SkipEmpty { get; set; }

    public readonly (int Start, int Length) this[int index] => (_starts[index], _lengths[index]);

    /// <summary>The text of word <paramref name="index"/> when it is a composite, else null.</summary>
    public readonly string? CompositeAt(int index)
    {
        if (_composites is null)
        {
            return null;
        }

        foreach (var (i, text) in _composites)
        {
            if (i == index)
            {
                return text;
            }
        }

        return null;
    }

    public void Add(int start, int length)
    {
        if (length == 0 && SkipEmpty)
        {
            return;
        }

        if (Count == _starts.Length)
        {
            Grow();
        }

        _starts[Count] = start;
        _lengths[Count] = length;
        Count++;
    }

    public void AddComposite(string text, int start)
    {
        (_composites ??= []).Add((Count, text));
        Add(start, text.Length);
    }

    public void Clear()
    {
        Count = 0;
        _composites?.Clear();
    }

    public void Dispose()
    {
        if (_starts.Length > 0)
        {
            ArrayPool<int>.Shared.Return(_starts);
            ArrayPool<int>.Shared.Return(_lengths);
            _starts = [];
            _lengths = [];
        }
    }

    private void Grow()
    {
        var starts = ArrayPool<int>.Shared.Rent(_starts.Length * 2);
        var lengths = ArrayPool<int>.Shared.Rent(_starts.Length * 2);
        _starts.AsSpan(0, Count).CopyTo(starts);
        _lengths.AsSpan(0, Count).CopyTo(lengths);
        ArrayPool<int>.Shared.Return(_starts);
        ArrayPool<int>.Shared.Return(_lengths);
        _starts = starts;
        _lengths = lengths;
    }
}
