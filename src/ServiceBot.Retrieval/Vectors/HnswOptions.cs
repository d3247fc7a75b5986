namespace ServiceBot.Retrieval.Vectors;

/// <summary>HNSW graph parameters.</summary>
public sealed record HnswOptions
{
    /// <summary>Links per node on upper layers (twice that on layer 0).</summary>
    public int M { get; init; } = 16;

    /// <summary>Candidate list size while inserting; higher builds slower and searches better.</summary>
    public int EfConstruction { get; init; } = 200;

    /// <summary>Candidate list size while searching (at least the number of results asked for).</summary>
    public int EfSearch { get; init; } = 64;

    /// <summary>Seed of the level generator, so builds are reproducible.</summary>
    public int Seed { get; init; } = 100;

    public static HnswOptions Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values outside their range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(M, 2, nameof(M));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfConstruction, 1, nameof(EfConstruction));
        ArgumentOutOfRangeException.ThrowIfLessThan(EfSearch, 1, nameof(EfSearch));
    }
}
