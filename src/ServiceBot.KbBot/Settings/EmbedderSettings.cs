namespace ServiceBot.KbBot.Settings;

/// <summary>
/// The local embedder (<c>kb.recall.embedder</c>): hashed word and character n-gram features projected
/// to a dense space that is trained on the KB's own paraphrase clusters at load.
/// </summary>
internal sealed class EmbedderSettings
{
    /// <summary>Dimensions of the dense vectors.</summary>
    public int Dimensions { get; set; } = 128;

    /// <summary>Features are hashed into 2^hash-bits buckets; collisions get rarer as it grows.</summary>
    public int HashBits { get; set; } = 18;

    /// <summary>Character n-gram lengths inside CJK runs.</summary>
    public int CjkMinGram { get; set; } = 1;

    public int CjkMaxGram { get; set; } = 3;

    /// <summary>Character n-gram lengths inside Latin words (with word-boundary marks).</summary>
    public int LatinMinGram { get; set; } = 3;

    public int LatinMaxGram { get; set; } = 5;

    /// <summary>Passes over the KB's paraphrase pairs; 0 keeps the untrained random projection.</summary>
    public int Epochs { get; set; } = 20;

    /// <summary>Entries per training batch; the other entries of a batch are the negatives.</summary>
    public int BatchSize { get; set; } = 64;

    /// <summary>Entries drawn together as look-alikes (hard negatives of each other) within a batch.</summary>
    public int NeighbourGroup { get; set; } = 8;

    public double LearningRate { get; set; } = 0.2;

    /// <summary>Softmax temperature of the contrastive loss.</summary>
    public double Temperature { get; set; } = 0.05;

    /// <summary>Below this many entries with two or more questions the projection stays untrained.</summary>
    public int MinTrainingEntries { get; set; } = 4;

    /// <summary>Upper bound on training steps whatever the KB's size, so a load takes bounded time.</summary>
    public int MaxSteps { get; set; } = 6000;

    public int Seed { get; set; } = 29;

    /// <summary>Checks ranges; the message names the setting.</summary>
    public IEnumerable<string> Validate()
    {
        if (Dimensions is < 8 or > 2048)
        {
            yield return $"kb.recall.embedder.dimensions must be between 8 and 2048 (is {Dimensions}).";
        }

        if (HashBits is < 10 or > 24)
        {
            yield return $"kb.recall.embedder.hash-bits must be between 10 and 24 (is {HashBits}).";
        }

        if (CjkMinGram < 1 || CjkMaxGram < CjkMinGram || CjkMaxGram > 8 || LatinMinGram < 1 || LatinMaxGram < LatinMinGram || LatinMaxGram > 10)
        {
            yield return "kb.recall.embedder needs 1 <= cjk-min-gram <= cjk-max-gram <= 8 and 1 <= latin-min-gram <= latin-max-gram <= 10.";
        }

        if (Epochs < 0 || BatchSize < 2 || NeighbourGroup < 1 || MaxSteps < 0 || MinTrainingEntries < 2)
        {
            yield return "kb.recall.embedder needs epochs >= 0, batch-size >= 2, neighbour-group >= 1, max-steps >= 0 and min-training-entries >= 2.";
        }

        if (LearningRate <= 0 || Temperature <= 0)
        {
            yield return "kb.recall.embedder.learning-rate and temperature must be positive.";
        }
    }
}
