using ServiceBot.KbBot.Matching;

namespace ServiceBot.KbBot.Ranking;

/// <summary>
/// The fitted reranker of one KB (a hybrid model, and a lexical one for BM25-only mode) and one
/// calibration per match configuration. Immutable.
/// </summary>
internal sealed class RankerModel
{
    public RankerModel(LinearScorer hybrid, LinearScorer lexical, IReadOnlyDictionary<MatchMode, Calibrator> calibrators, IReadOnlyDictionary<MatchMode, Calibrator> lexicalCalibrators)
    {
        Hybrid = hybrid;
        Lexical = lexical;
        Calibrators = calibrators;
        LexicalCalibrators = lexicalCalibrators;
    }

    public LinearScorer Hybrid { get; }

    public LinearScorer Lexical { get; }

    /// <summary>Calibration per configuration when vectors are in use.</summary>
    public IReadOnlyDictionary<MatchMode, Calibrator> Calibrators { get; }

    /// <summary>Calibration per configuration in BM25-only mode.</summary>
    public IReadOnlyDictionary<MatchMode, Calibrator> LexicalCalibrators { get; }

    /// <summary>
    /// The model used before a KB has enough paraphrases to fit its own: weights that favour lexical
    /// and character overlap, and a calibration that maps a near-verbatim match to a high probability.
    /// Fitted once on a held-out sample and kept as a starting point, not tuned per bot.
    /// </summary>
    public static RankerModel Prior { get; } = CreatePrior();

    public Calibrator CalibratorFor(MatchMode mode, bool vectors)
    {
        var table = vectors ? Calibrators : LexicalCalibrators;
        return table.TryGetValue(mode, out var c) ? c : PriorCalibrator(mode);
    }

    private static Calibrator PriorCalibrator(MatchMode mode) => mode switch
    {
        MatchMode.Bm25 => new Calibrator(6, 0, -4),
        MatchMode.Vector => new Calibrator(10, 0, -7),
        MatchMode.Hybrid => new Calibrator(4, 1, -3),
        _ => new Calibrator(1, 1, -1),
    };

    private static RankerModel CreatePrior()
    {
        var w = new float[PairFeature.Count];
        w[PairFeature.Bias] = -6;
        w[PairFeature.Bm25Norm] = 2.5f;
        w[PairFeature.Bm25RankRecip] = 1;
        w[PairFeature.CharDice] = 3;
        w[PairFeature.EditSim] = 1.5f;
        w[PairFeature.QueryCoverage] = 1.5f;
        w[PairFeature.RowCoverage] = 1;
        w[PairFeature.KeyTermHit] = 0.5f;
        var lexical = new LinearScorer((float[])w.Clone());
        w[PairFeature.VectorSim] = 3;
        w[PairFeature.CentroidSim] = 1;
        w[PairFeature.VectorRankRecip] = 0.5f;
        var empty = new Dictionary<MatchMode, Calibrator>();
        return new RankerModel(new LinearScorer(w), lexical, empty, empty);
    }
}
