using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Index;
using ServiceBot.Retrieval.Vectors;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// Embeds customers' questions with the same remote model as the KB's rows. A question the cache holds
/// (one of the KB's own questions, as the calibration asks them while the KB is built) costs no request;
/// customers' questions are never written to the cache.
/// </summary>
/// <remarks>Thread-safe. Throws <see cref="KbEncoderUnavailableException"/> (never returns null) so the reason reaches the turn's trace.</remarks>
internal sealed class HttpQueryEncoder(HttpEmbeddingClient client, int dimensions, IEmbeddingCache cache, string botId) : IQueryEncoder
{
    public string Model => client.Model;

    public int Dimensions { get; } = dimensions;

    public async ValueTask<float[]?> EncodeAsync(string text, CancellationToken cancellationToken)
    {
        var vector = await CachedAsync(text, cancellationToken).ConfigureAwait(false)
            ?? await client.EmbedQueryAsync(text, cancellationToken).ConfigureAwait(false);
        if (vector.Length != Dimensions)
        {
            throw new KbEncoderUnavailableException($"the embedder returned a {vector.Length}-dimensional vector for the question; the KB's vectors have {Dimensions} dimensions.");
        }

        return VectorMath.Normalize(vector) > 0 ? vector : throw new KbEncoderUnavailableException("the embedder returned a zero vector for the question.");
    }

    private async ValueTask<float[]?> CachedAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            var found = await cache.GetManyAsync(botId, Model, [text], cancellationToken).ConfigureAwait(false);
            return found[0] is { } v && v.Length == Dimensions ? (float[])v.Clone() : null;
        }
#pragma warning disable CA1031 // A failing cache only costs the request it would have saved.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
