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

    /// <summary>
    /// As <see cref="BuildAsync(string, IReadOnlyList{KbRow}, CancellationToken)"/>, with the bot's embedder settings and a
    /// folder for files; a factory that needs neither (a remote embedder) keeps this default.
    /// </summary>
    ValueTask<(IQueryEncoder Encoder, float[][] RowVectors)> BuildAsync(KbEncoderRequest request, CancellationToken cancellationToken) =>
        BuildAsync(request.BotId, request.Rows, cancellationToken);
}
