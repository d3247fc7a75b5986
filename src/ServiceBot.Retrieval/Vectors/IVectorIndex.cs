namespace ServiceBot.Retrieval.Vectors;

/// <summary>
/// Nearest-neighbour search over unit-length vectors by inner product (cosine similarity).
/// </summary>
/// <remarks>
/// Searches are thread-safe and may run while one writer adds or removes items. Ids are chosen by
/// the caller, dense from 0 preferred. Vectors must have <see cref="Dimensions"/> components and unit
/// length; a wrong length throws <see cref="ArgumentException"/>.
/// </remarks>
public interface IVectorIndex
{
    int Dimensions { get; }

    /// <summary>Items currently searchable (removed ones excluded).</summary>
    int Count { get; }

    /// <summary>Adds (or replaces) the vector of <paramref name="id"/>.</summary>
    void Add(int id, ReadOnlySpan<float> vector);

    /// <summary>Removes an item; false when it was not there.</summary>
    bool Remove(int id);

    /// <summary>The <paramref name="count"/> most similar items, best first; skips ids for which <paramref name="exclude"/> is true.</summary>
    ScoredItem[] Search(ReadOnlySpan<float> query, int count, Func<int, bool>? exclude = null);
}
