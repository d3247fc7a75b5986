using ServiceBot.Abstractions.Knowledge;

namespace ServiceBot.KbBot.Matching;

/// <summary>An FAQ entry weighed for a query: its features, ranking score and calibrated probability.</summary>
internal sealed class KbCandidate
{
    public KbCandidate(int entry, FaqEntry faq, float[] features, int bestRow)
    {
        Entry = entry;
        Faq = faq;
        Features = features;
        BestRow = bestRow;
    }

    public int Entry { get; }

    public FaqEntry Faq { get; }

    public float[] Features { get; }

    /// <summary>The question row that matched best (shown in the trace).</summary>
    public int BestRow { get; }

    /// <summary>True when the query is, verbatim, one of this entry's questions and of no other entry's.</summary>
    public bool IsExactQuestion { get; set; }

    /// <summary>Raw BM25 score of the best row.</summary>
    public float Bm25 { get; set; }

    /// <summary>Fused recall score (RRF or weighted).</summary>
    public float Fused { get; set; }

    /// <summary>The configuration's ranking score (reranker output for <see cref="MatchMode.HybridRerank"/>).</summary>
    public double Score { get; set; }

    /// <summary>Softmax share of <see cref="Score"/> among the candidates.</summary>
    public double Share { get; set; }

    /// <summary>Calibrated probability that this entry answers the query.</summary>
    public double Probability { get; set; }
}
