namespace ServiceBot.Retrieval.Fusion;

/// <summary>How ranked lists from several recall methods are merged.</summary>
public enum FusionMode
{
    /// <summary>Reciprocal-rank fusion: sum of 1 / (k + rank); ignores score scales.</summary>
    Rrf = 0,

    /// <summary>Weighted sum of scores min-max normalized per list.</summary>
    Weighted,
}
