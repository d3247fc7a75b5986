namespace ServiceBot.KbBot.Matching;

/// <summary>Positions of the query–FAQ pair features the reranker weighs.</summary>
internal static class PairFeature
{
    public const int Bias = 0;
    public const int Bm25Norm = 1;
    public const int Bm25RankRecip = 2;
    public const int Bm25Gap = 3;
    public const int VectorSim = 4;
    public const int VectorRankRecip = 5;
    public const int VectorGap = 6;
    public const int CentroidSim = 7;
    public const int CharDice = 8;
    public const int EditSim = 9;
    public const int QueryCoverage = 10;
    public const int RowCoverage = 11;
    public const int LengthRatio = 12;
    public const int NumberAgreement = 13;
    public const int IsStandard = 14;
    public const int KeyTermHit = 15;
    public const int SynonymOverlap = 16;
    public const int RowCount = 17;
    public const int FusedRank = 18;

    public const int Count = 19;

    /// <summary>Features that exist only with vectors; zero in BM25-only mode.</summary>
    public static ReadOnlySpan<int> VectorOnly => [VectorSim, VectorRankRecip, VectorGap, CentroidSim];

    public static readonly string[] Names =
    [
        "bias", "bm25_norm", "bm25_rank_recip", "bm25_gap", "vector_sim", "vector_rank_recip", "vector_gap", "centroid_sim",
        "char_dice", "edit_sim", "query_coverage", "row_coverage", "length_ratio", "number_agreement", "is_standard",
        "key_term_hit", "synonym_overlap", "row_count", "fused_rank_recip",
    ];
}
