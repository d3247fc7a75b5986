namespace ServiceBot.KbBot.Ranking;

/// <summary>What fitting the reranker and the calibration saw, reported in the trace and by <c>eval kb</c>.</summary>
/// <param name="HeldOut">Held-out paraphrases used.</param>
/// <param name="RankerQueries">Held-out questions the reranker was trained on.</param>
/// <param name="CalibrationQueries">Held-out questions the calibration was fitted on (unanswerable ones included).</param>
/// <param name="HeldOutRecallAt1">Recall@1 of the trained reranker on the calibration questions that have an answer.</param>
/// <param name="UsedPrior">True when the KB had too few paraphrases and the built-in prior model is used.</param>
/// <param name="ElapsedMs">Time spent fitting.</param>
internal sealed record TrainingReport(int HeldOut, int RankerQueries, int CalibrationQueries, double HeldOutRecallAt1, bool UsedPrior, double ElapsedMs)
{
    /// <summary>Which weights the hybrid reranker kept; null when they were not fitted (no vectors, or kb.training.rerank off).</summary>
    public WeightsChoice? Hybrid { get; init; }

    /// <summary>Which weights the lexical (BM25-only) reranker kept; null when they were not fitted.</summary>
    public WeightsChoice? Lexical { get; init; }
}
