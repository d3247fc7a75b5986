namespace ServiceBot.Retrieval.Vectors;

/// <summary>
/// Exact nearest-neighbour search by scanning every vector with SIMD dot products: the right index
/// for small sets, and the ground truth for approximate ones.
/// </summary>
/// <remarks>Thread-safe: writers take a lock and publish a new array; readers see one consistent array.</remarks>
public sealed class FlatVectorIndex : IVectorIndex
{
    private readonly Lock _write = new();
    private volatile Store _store = new([], [], 0);

    public FlatVectorIndex(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    public int Count => _store.Live;

    public void Add(int id, ReadOnlySpan<float> vector)
    {
        VectorMath.CheckDimensions(vector, Dimensions, "The vector");
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        lock (_write)
        {
            var s = _store;
            var capacity = Math.Max(s.Present.Length, id + 1);
            var data = s.Data;
            var present = s.Present;
            if (capacity > present.Length)
            {
                var grown = Math.Max(capacity, present.Length * 2);
                Array.Resize(ref data, grown * Dimensions);
                Array.Resize(ref present, grown);
            }
            else
            {
                data = (float[])data.Clone();
                present = (bool[])present.Clone();
            }

            vector.CopyTo(data.AsSpan(id * Dimensions, Dimensions));
            var live = s.Live + (present[id] ? 0 : 1);
            present[id] = true;
            _store = new Store(data, present, live);
        }
    }

    public bool Remove(int id)
    {
        lock (_write)
        {
            var s = _store;
            if (id < 0 || id >= s.Present.Length || !s.Present[id])
            {
                return false;
            }

            var present = (bool[])s.Present.Clone();
            present[id] = false;
            _store = new Store(s.Data, present, s.Live - 1);
            return true;
        }
    }

    /// <summary>Adds many vectors at once (ids 0..n-1 of <paramref name="vectors"/>), without copying per add.</summary>
    public static FlatVectorIndex Create(int dimensions, IReadOnlyList<float[]> vectors)
    {
        var index = new FlatVectorIndex(dimensions);
        var data = new float[vectors.Count * dimensions];
        var present = new bool[vectors.Count];
        for (var i = 0; i < vectors.Count; i++)
        {
            VectorMath.CheckDimensions(vectors[i], dimensions, $"Vector {i}");
            vectors[i].CopyTo(data.AsSpan(i * dimensions, dimensions));
            present[i] = true;
        }

        index._store = new Store(data, present, vectors.Count);
        return index;
    }

    public ScoredItem[] Search(ReadOnlySpan<float> query, int count, Func<int, bool>? exclude = null)
    {
        VectorMath.CheckDimensions(query, Dimensions, "The query vector");
        var s = _store;
        if (count <= 0 || s.Live == 0)
        {
            return [];
        }

        var top = new TopK(count);
        var data = s.Data.AsSpan();
        for (var id = 0; id < s.Present.Length; id++)
        {
            if (!s.Present[id] || (exclude is not null && exclude(id)))
            {
                continue;
            }

            var score = VectorMath.Dot(query, data.Slice(id * Dimensions, Dimensions));
            if (score > top.Threshold)
            {
                top.Add(id, score);
            }
        }

        return top.ToSortedArray();
    }

    /// <summary>The stored vector of <paramref name="id"/>, or an empty span.</summary>
    public ReadOnlySpan<float> Get(int id)
    {
        var s = _store;
        return id >= 0 && id < s.Present.Length && s.Present[id] ? s.Data.AsSpan(id * Dimensions, Dimensions) : [];
    }

    private sealed record Store(float[] Data, bool[] Present, int Live);
}
