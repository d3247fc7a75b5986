namespace ServiceBot.KbBot.Ranking;

/// <summary>A linear reranker: score = weights · features. Immutable.</summary>
internal sealed class LinearScorer
{
    public LinearScorer(float[] weights) => Weights = weights;

    public float[] Weights { get; }

    public double Score(ReadOnlySpan<float> features)
    {
        var s = 0.0;
        for (var i = 0; i < features.Length && i < Weights.Length; i++)
        {
            s += Weights[i] * features[i];
        }

        return s;
    }
}
