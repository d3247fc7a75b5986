using System.Buffers;
using System.Numerics.Tensors;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// The local embedder's query side: the KB's feature vocabulary with IDF weights and the dense projection
/// (trained, or the seeded random projection when the KB has too few paraphrases to learn from).
/// A text becomes <c>normalize(Σ (1 + log tf)·idf · W[feature])</c> over the features the KB knows.
/// </summary>
/// <remarks>Immutable after construction and thread-safe; encoding rents its scratch buffers from the shared pool.</remarks>
internal sealed class LocalKbEncoder : IQueryEncoder
{
    private readonly ITextAnalyzer _analyzer;
    private readonly Dictionary<int, int> _featureByBucket;

    public LocalKbEncoder(ITextAnalyzer analyzer, LocalFeaturizer featurizer, int[] buckets, float[] idf, float[] weights, int dimensions, bool trained)
    {
        _analyzer = analyzer;
        Featurizer = featurizer;
        Buckets = buckets;
        Idf = idf;
        Weights = weights;
        Dimensions = dimensions;
        Trained = trained;
        _featureByBucket = new Dictionary<int, int>(buckets.Length);
        for (var i = 0; i < buckets.Length; i++)
        {
            _featureByBucket[buckets[i]] = i;
        }

        Model = (trained ? "local-contrastive-" : "local-random-projection-") + dimensions;
    }

    public string Model { get; }

    public int Dimensions { get; }

    /// <summary>False when the projection is the untrained random projection of the TF-IDF features.</summary>
    public bool Trained { get; }

    public LocalFeaturizer Featurizer { get; }

    /// <summary>The hash bucket of each known feature.</summary>
    public int[] Buckets { get; }

    public float[] Idf { get; }

    /// <summary>Row-major, one row of <see cref="Dimensions"/> per feature.</summary>
    public float[] Weights { get; }

    /// <summary>Where the HNSW index over this encoder's row vectors is kept, when the bot has a data folder; set before the encoder is shared.</summary>
    public string? IndexPath { get; set; }

    public ValueTask<float[]?> EncodeAsync(string text, CancellationToken cancellationToken) => ValueTask.FromResult(Encode(_analyzer.Analyze(text)));

    public ValueTask<float[]?> EncodeAsync(AnalyzedUtterance utterance, CancellationToken cancellationToken) => ValueTask.FromResult(Encode(utterance));

    /// <summary>The unit vector of <paramref name="utterance"/>, or null when it holds no feature the KB knows.</summary>
    public float[]? Encode(AnalyzedUtterance utterance)
    {
        var buffer = ArrayPool<int>.Shared.Rent(Featurizer.MaxFeatures(utterance));
        var weights = ArrayPool<float>.Shared.Rent(buffer.Length);
        try
        {
            var count = Sparse(utterance, buffer, weights);
            if (count == 0)
            {
                return null;
            }

            var vector = new float[Dimensions];
            for (var i = 0; i < count; i++)
            {
                TensorPrimitives.MultiplyAdd(Weights.AsSpan(buffer[i] * Dimensions, Dimensions), weights[i], vector, vector);
            }

            var norm = TensorPrimitives.Norm(vector);
            if (norm <= 0 || !float.IsFinite(norm))
            {
                return null;
            }

            TensorPrimitives.Divide(vector, norm, vector);
            return vector;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(weights);
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    /// <summary>The row's features and weights, for training; empty when it has no known feature.</summary>
    public (int[] Features, float[] Values) SparseOf(AnalyzedUtterance utterance)
    {
        var buffer = new int[Featurizer.MaxFeatures(utterance)];
        var weights = new float[buffer.Length];
        var count = Sparse(utterance, buffer, weights);
        return (buffer[..count], weights[..count]);
    }

    /// <summary>Distinct known features of <paramref name="utterance"/> in ascending order with their TF-IDF weights.</summary>
    private int Sparse(AnalyzedUtterance utterance, int[] features, float[] weights)
    {
        var raw = Featurizer.Extract(utterance, features);
        var known = 0;
        for (var i = 0; i < raw; i++)
        {
            if (_featureByBucket.TryGetValue(features[i], out var f))
            {
                features[known++] = f;
            }
        }

        var span = features.AsSpan(0, known);
        span.Sort();
        var distinct = 0;
        for (var i = 0; i < known;)
        {
            var f = span[i];
            var tf = 1;
            while (++i < known && span[i] == f)
            {
                tf++;
            }

            features[distinct] = f;
            weights[distinct] = (1 + MathF.Log(tf)) * Idf[f];
            distinct++;
        }

        return distinct;
    }
}
