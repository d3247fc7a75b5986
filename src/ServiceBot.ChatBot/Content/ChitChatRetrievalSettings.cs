namespace ServiceBot.ChatBot.Content;

/// <summary>How retrieval chit-chat decides (<c>chatbot.retrieval</c>).</summary>
internal sealed class ChitChatRetrievalSettings
{
    /// <summary>Similarity in [0, 1] a corpus question must reach for its reply to be used.</summary>
    public double Threshold { get; set; } = 0.6;

    /// <summary>
    /// A chit-chat reply must beat the best knowledge passage's similarity to the message by this much,
    /// so a business question that merely sounds casual goes to the KB and the model, not to small talk.
    /// </summary>
    public double BusinessMargin { get; set; } = 0.1;

    /// <summary>Corpus questions recalled by BM25 before similarity is computed.</summary>
    public int Candidates { get; set; } = 20;
}
