using ServiceBot.KbBot.Index;
using ServiceBot.Retrieval.Vectors;

namespace ServiceBot.KbBot.Embedding;

/// <summary>Embeds customers' questions with the same remote model as the KB's rows.</summary>
/// <remarks>Thread-safe. Throws <see cref="KbEncoderUnavailableException"/> (never returns null) so the reason reaches the turn's trace.</remarks>
internal sealed class HttpQueryEncoder(HttpEmbeddingClient client, int dimensions) : IQueryEncoder
{
    public string Model => client.Model;

    public int Dimensions { get; } = dimensions;

    public async ValueTask<float[]?> EncodeAsync(string text, CancellationToken cancellationToken)
    {
        var vector = await client.EmbedQueryAsync(text, cancellationToken).ConfigureAwait(false);
        if (vector.Length != Dimensions)
        {
            throw new KbEncoderUnavailableException($"the embedder returned a {vector.Length}-dimensional vector for the question; the KB's vectors have {Dimensions} dimensions.");
        }

        return VectorMath.Normalize(vector) > 0 ? vector : throw new KbEncoderUnavailableException("the embedder returned a zero vector for the question.");
    }
}
