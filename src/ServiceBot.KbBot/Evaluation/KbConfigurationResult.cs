namespace ServiceBot.KbBot.Evaluation;

/// <summary>
/// What one recall/rerank configuration did with the evaluation questions. Rates are NaN when their
/// denominator is empty (no answerable question, no answer given, no negative question).
/// </summary>
public sealed record KbConfigurationResult
{
    /// <summary>bm25, vector, hybrid or hybrid+rerank.</summary>
    public required string Config { get; init; }

    /// <summary>Why the configuration did not run (e.g. no embedder for vector recall); null when it ran.</summary>
    public string? Skipped { get; init; }

    /// <summary>Whether vector recall took part (hybrid+rerank falls back to BM25 recall with the lexical reranker without an embedder).</summary>
    public bool Vectors { get; init; }

    /// <summary>
    /// For hybrid+rerank: "fitted" when the reranker uses weights fitted on the KB's held-out paraphrases
    /// (kb.training.rerank, kept because they ranked them at least as well as the prior), else "prior".
    /// Null for the other configurations.
    /// </summary>
    public string? RerankerWeights { get; init; }

    /// <summary>For hybrid+rerank with fitted weights considered: the held-out Recall@1 of both weight sets.</summary>
    public string? RerankerNote { get; init; }

    public int Queries { get; init; }

    /// <summary>Questions with an FAQ id; the rank metrics are over these.</summary>
    public int Answerable { get; init; }

    /// <summary>Questions without an answer in the KB.</summary>
    public int Negatives { get; init; }

    public double RecallAt1 { get; init; } = double.NaN;

    public double RecallAt3 { get; init; } = double.NaN;

    public double RecallAt5 { get; init; } = double.NaN;

    public double RecallAt10 { get; init; } = double.NaN;

    public double MrrAt10 { get; init; } = double.NaN;

    public double NdcgAt10 { get; init; } = double.NaN;

    /// <summary>The tier outcome at the bot's thresholds, with this configuration's calibrated probability; null when skipped.</summary>
    public KbTierResult? Tiers { get; init; }

    /// <summary>Right answers over all answers given (to answerable and negative questions alike).</summary>
    public double AnswerPrecision => Tiers?.AnswerPrecision ?? double.NaN;

    /// <summary>Right answers over answerable questions.</summary>
    public double AnswerCoverage => Tiers?.AnswerCoverage(Answerable) ?? double.NaN;

    /// <summary>Suggestion offers holding the right entry over all offers (an offer to a negative question never holds it).</summary>
    public double SuggestHitRate => Tiers?.SuggestHitRate ?? double.NaN;

    /// <summary>Answerable questions declined (neither answered nor suggested) over answerable questions.</summary>
    public double MissRate => Tiers?.MissRate(Answerable) ?? double.NaN;

    /// <summary>Negative questions answered over negative questions.</summary>
    public double FalseAnswerRate => Tiers?.FalseAnswerRate ?? double.NaN;

    public double LatencyP50Ms { get; init; } = double.NaN;

    public double LatencyP99Ms { get; init; } = double.NaN;

    /// <summary>Precision and coverage as the answer threshold sweeps over the top candidate's calibrated probability.</summary>
    public IReadOnlyList<KbCurvePoint> Curve { get; init; } = [];

    /// <summary>Per-question latency (analysis, recall, rerank, tiers) in question order, for histograms.</summary>
    public IReadOnlyList<double> LatenciesMs { get; init; } = [];
}
