namespace ServiceBot.Abstractions.Knowledge;

/// <summary>
/// Remembers the vectors a remote embedder produced, keyed by bot, model and text, so rebuilding a KB
/// (a restart, an edit) sends only questions the model has not embedded before.
/// </summary>
/// <remarks>
/// Thread-safe. A cache is an optimization: a failing cache must not stop the KB, so callers treat
/// its exceptions as misses. Vectors are stored as given; a text is found only by its exact wording.
/// </remarks>
public interface IEmbeddingCache
{
    /// <summary>The cached vector of each text, in order; null where the text is not cached for <paramref name="model"/>.</summary>
    ValueTask<IReadOnlyList<float[]?>> GetManyAsync(string botId, string model, IReadOnlyList<string> texts, CancellationToken cancellationToken);

    /// <summary>Stores (or replaces) the vectors of <paramref name="items"/> for <paramref name="model"/>.</summary>
    ValueTask PutManyAsync(string botId, string model, IReadOnlyList<KeyValuePair<string, float[]>> items, CancellationToken cancellationToken);
}
