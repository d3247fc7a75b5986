namespace ServiceBot.Retrieval;

/// <summary>Keeps the <c>k</c> best items seen so far in a min-heap; one per query, not thread-safe.</summary>
internal struct TopK
{
    private readonly ScoredItem[] _heap;
    private int _count;

    public TopK(int k) => _heap = new ScoredItem[Math.Max(1, k)];

    public readonly int Count => _count;

    /// <summary>The worst score kept, or negative infinity while the heap is not full.</summary>
    public readonly float Threshold => _count < _heap.Length ? float.NegativeInfinity : _heap[0].Score;

    public void Add(int id, float score)
    {
        if (_count < _heap.Length)
        {
            _heap[_count] = new ScoredItem(id, score);
            SiftUp(_count++);
        }
        else if (score > _heap[0].Score || (score == _heap[0].Score && id < _heap[0].Id))
        {
            _heap[0] = new ScoredItem(id, score);
            SiftDown(0);
        }
    }

    /// <summary>The kept items, best first (ties by ascending id, so results are deterministic).</summary>
    public readonly ScoredItem[] ToSortedArray()
    {
        var result = _heap.AsSpan(0, _count).ToArray();
        Array.Sort(result, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
        return result;
    }

    private static bool Worse(in ScoredItem a, in ScoredItem b) => a.Score < b.Score || (a.Score == b.Score && a.Id > b.Id);

    private readonly void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Worse(_heap[i], _heap[parent]))
            {
                break;
            }

            (_heap[i], _heap[parent]) = (_heap[parent], _heap[i]);
            i = parent;
        }
    }

    private readonly void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                break;
            }

            var worst = left + 1 < _count && Worse(_heap[left + 1], _heap[left]) ? left + 1 : left;
            if (!Worse(_heap[worst], _heap[i]))
            {
                break;
            }

            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }
}
