namespace ServiceBot.Retrieval.Lexical;

/// <summary>Okapi BM25 parameters.</summary>
/// <remarks>
/// Short FAQ questions differ little in length, so <see cref="B"/> matters less than for documents;
/// the defaults are the usual Okapi values and are overridable per bot in <c>bot.yaml</c>.
/// </remarks>
public sealed record Bm25Parameters
{
    /// <summary>Term-frequency saturation; 0 makes BM25 a weighted boolean match.</summary>
    public float K1 { get; init; } = 1.2f;

    /// <summary>Length normalization in [0, 1]; 0 ignores document length.</summary>
    public float B { get; init; } = 0.75f;

    /// <summary>The usual Okapi values.</summary>
    public static Bm25Parameters Default { get; } = new();

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when a parameter is outside its range.</summary>
    public void Validate()
    {
        if (!(K1 >= 0) || float.IsInfinity(K1))
        {
            throw new ArgumentOutOfRangeException(nameof(K1), K1, "BM25 k1 must be a finite number >= 0.");
        }

        if (!(B >= 0 && B <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(B), B, "BM25 b must be between 0 and 1.");
        }
    }
}
