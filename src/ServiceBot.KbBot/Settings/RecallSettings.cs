using ServiceBot.Retrieval.Fusion;

namespace ServiceBot.KbBot.Settings;

/// <summary>Which recall methods run and how their lists are fused.</summary>
internal sealed class RecallSettings
{
    public Bm25Settings Bm25 { get; set; } = new();

    /// <summary>Vector recall with the bot's embedder; off means BM25 only.</summary>
    public bool Vector { get; set; } = true;

    /// <summary>The local embedder's features and training (unused when an HTTP embedder is configured).</summary>
    public EmbedderSettings Embedder { get; set; } = new();

    /// <summary>Question rows each method recalls.</summary>
    public int Rows { get; set; } = 60;

    /// <summary>FAQ entries passed to the reranker.</summary>
    public int Candidates { get; set; } = 20;

    public FusionMode Fusion { get; set; } = FusionMode.Rrf;

    /// <summary>The k of reciprocal-rank fusion.</summary>
    public int RrfK { get; set; } = 60;

    /// <summary>Weight of BM25 in weighted fusion; vector gets 1 minus this.</summary>
    public double LexicalWeight { get; set; } = 0.5;

    /// <summary>Weight of synonym-expanded query terms relative to the customer's own words.</summary>
    public float SynonymWeight { get; set; } = 0.5f;
}
