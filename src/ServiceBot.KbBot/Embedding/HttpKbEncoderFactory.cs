using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Index;
using ServiceBot.Retrieval.Vectors;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// The KB's vectors from a remote embedder: each distinct question, in the analyzer's normalized form (the
/// form customers' questions are embedded in), is looked up in the embedding cache (bot, model, text) and only the missing ones are sent, <see cref="HttpEmbedderOptions.BatchSize"/> per
/// request; the answers are checked for their length and cached before the index is built.
/// </summary>
/// <remarks>
/// Thread-safe. A cache that fails is logged and treated as empty. Any failure of the embedder, or a
/// vector length other than <see cref="HttpEmbedderOptions.Dimensions"/>, raises
/// <see cref="KbEncoderUnavailableException"/> and the KB runs BM25-only; the vectors embedded before
/// the failure stay cached, so the next build resumes where this one stopped.
/// </remarks>
internal sealed partial class HttpKbEncoderFactory(HttpEmbeddingClient client, IEnumerable<IEmbeddingCache> caches, ILogger<HttpKbEncoderFactory> logger) : IKbEncoderFactory
{
    private readonly IEmbeddingCache _cache = caches.LastOrDefault() ?? new MemoryEmbeddingCache();

    public async ValueTask<(IQueryEncoder Encoder, float[][] RowVectors)> BuildAsync(string botId, IReadOnlyList<KbRow> rows, CancellationToken cancellationToken)
    {
        var model = client.Model;
        var texts = rows.Select(r => r.Normalized).Distinct(StringComparer.Ordinal).ToArray();
        var expected = client.Options.Dimensions;
        var vectors = new Dictionary<string, float[]>(texts.Length, StringComparer.Ordinal);
        var cached = await GetCachedAsync(botId, model, texts, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < texts.Length; i++)
        {
            // A cached vector of another length comes from the model's earlier configuration and is embedded again.
            if (cached[i] is { } v && (expected is null || v.Length == expected))
            {
                vectors[texts[i]] = v;
            }
        }

        var fromCache = vectors.Count;
        var missing = texts.Where(t => !vectors.ContainsKey(t)).ToArray();
        var requests = 0;
        foreach (var batch in missing.Chunk(client.Options.BatchSize))
        {
            var embedded = await client.EmbedBatchAsync(batch, cancellationToken).ConfigureAwait(false);
            requests++;
            var length = embedded[0].Length;
            var known = expected ?? (vectors.Count > 0 ? vectors.Values.First().Length : length);
            if (length != known)
            {
                throw new KbEncoderUnavailableException(expected is null
                    ? $"the embedder model '{model}' returned {length}-dimensional vectors after {known}-dimensional ones; set ServiceBot:Embedder:Dimensions to the model's size."
                    : $"the embedder model '{model}' returns {length}-dimensional vectors, but ServiceBot:Embedder:Dimensions is {known}; vector recall stays off until they agree.");
            }

            var items = new KeyValuePair<string, float[]>[batch.Length];
            for (var i = 0; i < batch.Length; i++)
            {
                vectors[batch[i]] = embedded[i];
                items[i] = new(batch[i], embedded[i]);
            }

            await PutCachedAsync(botId, model, items, cancellationToken).ConfigureAwait(false);
        }

        var dimensions = expected ?? vectors.Values.First().Length;
        var rowVectors = new float[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            var vector = (float[])vectors[rows[r].Normalized].Clone();
            if (VectorMath.Normalize(vector) == 0)
            {
                throw new KbEncoderUnavailableException($"the embedder model '{model}' returned a zero vector for a question of the KB.");
            }

            rowVectors[r] = vector;
        }

        LogBuilt(logger, botId, model, texts.Length, fromCache, missing.Length, requests);
        return (new HttpQueryEncoder(client, dimensions, _cache, botId), rowVectors);
    }

    private async ValueTask<IReadOnlyList<float[]?>> GetCachedAsync(string botId, string model, string[] texts, CancellationToken cancellationToken)
    {
        try
        {
            return await _cache.GetManyAsync(botId, model, texts, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The cache only saves requests; without it every question is embedded again.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogCacheFailed(logger, e, botId);
            return new float[]?[texts.Length];
        }
    }

    private async ValueTask PutCachedAsync(string botId, string model, KeyValuePair<string, float[]>[] items, CancellationToken cancellationToken)
    {
        try
        {
            await _cache.PutManyAsync(botId, model, items, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A vector that is not cached is embedded again at the next build; the KB is unaffected.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogCacheFailed(logger, e, botId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bot '{BotId}': {Texts} questions embedded with '{Model}': {Cached} from the cache, {Sent} sent in {Requests} requests.")]
    private static partial void LogBuilt(ILogger logger, string botId, string model, int texts, int cached, int sent, int requests);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot '{BotId}': the embedding cache failed; questions are embedded again.")]
    private static partial void LogCacheFailed(ILogger logger, Exception exception, string botId);
}
