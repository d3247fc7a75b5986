namespace ServiceBot.KbBot.Reranking;

/// <summary>Scores (question, FAQ question) pairs jointly, for reordering the local reranker's best candidates.</summary>
/// <remarks>Thread-safe.</remarks>
internal interface IKbCrossEncoder
{
    /// <summary>How many of the best local candidates are worth sending.</summary>
    int TopN { get; }

    /// <summary>One relevance probability in [0, 1] per document, in the documents' order.</summary>
    /// <exception cref="KbCrossEncoderUnavailableException">The server failed, was too slow, or answered something unusable; the message is the short reason for the trace.</exception>
    ValueTask<double[]> ScoreAsync(string query, IReadOnlyList<string> documents, CancellationToken cancellationToken);
}
