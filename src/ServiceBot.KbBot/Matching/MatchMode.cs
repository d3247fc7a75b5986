namespace ServiceBot.KbBot.Matching;

/// <summary>Recall and rerank configurations, as <c>eval kb --config</c> names them.</summary>
internal enum MatchMode
{
    /// <summary>BM25 over questions only, ranked by normalized BM25 score.</summary>
    Bm25 = 0,

    /// <summary>Vector recall only, ranked by cosine similarity.</summary>
    Vector,

    /// <summary>BM25 and vector recall fused (RRF or weighted), no rerank.</summary>
    Hybrid,

    /// <summary>Hybrid recall reranked by the learned reranker (BM25 recall with the lexical reranker when vectors are off).</summary>
    HybridRerank,
}
