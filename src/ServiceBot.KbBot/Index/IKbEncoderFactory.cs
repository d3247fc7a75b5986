namespace ServiceBot.KbBot.Index;

/// <summary>
/// Provides the vector side of a KB: trains the local embedder on the KB's own paraphrase clusters,
/// or embeds the questions with a remote embedder.
/// </summary>
internal interface IKbEncoderFactory
{
    /// <summary>
    /// Returns the encoder and one unit vector per row, or throws <see cref="KbEncoderUnavailableException"/>
    /// when the embedder cannot serve (the KB then runs BM25-only).
    /// </summary>
    ValueTask<(IQueryEncoder Encoder, float[][] RowVectors)> BuildAsync(string botId, IReadOnlyList<KbRow> rows, CancellationToken cancellationToken);
}
