using System.Diagnostics;
using System.Numerics.Tensors;

namespace ServiceBot.TaskBot.Nlu;

/// <summary>
/// A multinomial logistic-regression intent classifier over hashed character n-grams and word
/// uni/bigrams (TF-IDF weighted, L2-normalized), trained in-process by SGD when a bot loads, with a
/// softmax temperature fitted on held-out examples so that probabilities can be thresholded.
/// </summary>
/// <remarks>
/// Chosen over a neural model because it trains in seconds at bot load on a CPU, needs no runtime
/// this machine lacks, and stays within a few points of fine-tuned encoders on intent sets (see
/// docs/taskbot.md for CLINC150 and Banking77). Immutable after training; predictions are thread-safe.
/// </remarks>
public sealed class IntentClassifier
{
    private readonly Dictionary<ulong, int> _vocabulary;
    private readonly float[] _idf;
    private readonly float[] _weights;
    private readonly float[] _bias;
    private readonly string[] _labels;
    private readonly int _maxCharGram;

    private IntentClassifier(Dictionary<ulong, int> vocabulary, float[] idf, float[] weights, float[] bias, string[] labels, int maxCharGram, float temperature, TimeSpan trainTime)
    {
        _vocabulary = vocabulary;
        _idf = idf;
        _weights = weights;
        _bias = bias;
        _labels = labels;
        _maxCharGram = maxCharGram;
        Temperature = temperature;
        TrainTime = trainTime;
    }

    public IReadOnlyList<string> Labels => _labels;

    public int FeatureCount => _vocabulary.Count;

    /// <summary>The softmax temperature fitted on held-out examples (1 when too few to fit).</summary>
    public float Temperature { get; }

    public TimeSpan TrainTime { get; }

    /// <summary>Approximate memory of the model: weights, IDF table and vocabulary.</summary>
    public long ModelBytes => (_weights.Length + _bias.Length + _idf.Length) * sizeof(float) + _vocabulary.Count * 24L;

    /// <summary>Trains a classifier.</summary>
    /// <exception cref="ArgumentException">Fewer than two labels, or no examples.</exception>
    public static IntentClassifier Train(IReadOnlyList<IntentExample> examples, IntentTrainingOptions? options = null)
    {
        options ??= new IntentTrainingOptions();
        var started = Stopwatch.GetTimestamp();
        var labels = examples.Select(e => e.Label).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException("Intent training needs examples of at least two labels.", nameof(examples));
        }

        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var keysByExample = new List<ulong>[examples.Count];
        var documentFrequency = new Dictionary<ulong, int>();
        for (var i = 0; i < examples.Count; i++)
        {
            var keys = new List<ulong>();
            IntentFeatures.Collect(examples[i].Text, examples[i].Words, options.MaxCharGram, keys);
            keysByExample[i] = keys;
            foreach (var key in keys.Distinct())
            {
                documentFrequency[key] = documentFrequency.GetValueOrDefault(key) + 1;
            }
        }

        var vocabulary = new Dictionary<ulong, int>();
        foreach (var (key, count) in documentFrequency)
        {
            if (count >= options.MinFeatureCount)
            {
                vocabulary[key] = vocabulary.Count;
            }
        }

        var idf = new float[vocabulary.Count];
        foreach (var (key, index) in vocabulary)
        {
            idf[index] = (float)(Math.Log((examples.Count + 1.0) / (documentFrequency[key] + 1.0)) + 1.0);
        }

        var vectors = new SparseVector[examples.Count];
        var targets = new int[examples.Count];
        for (var i = 0; i < examples.Count; i++)
        {
            vectors[i] = Vectorize(keysByExample[i], vocabulary, idf);
            targets[i] = labelIndex[examples[i].Label];
        }

        var temperature = 1f;
        var random = new Random(options.Seed);
        var held = (int)(examples.Count * options.CalibrationFraction);
        if (held >= 20)
        {
            var order = Enumerable.Range(0, examples.Count).ToArray();
            random.Shuffle(order);
            var fitOn = order[held..];
            var holdOut = order[..held];
            var (w, b) = Fit([.. fitOn.Select(i => vectors[i])], [.. fitOn.Select(i => targets[i])], vocabulary.Count, labels.Length, options);
            temperature = FitTemperature([.. holdOut.Select(i => vectors[i])], [.. holdOut.Select(i => targets[i])], w, b, labels.Length);
        }

        var (weights, bias) = Fit(vectors, targets, vocabulary.Count, labels.Length, options);
        return new IntentClassifier(vocabulary, idf, weights, bias, labels, options.MaxCharGram, temperature, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The labels of an utterance with their calibrated probabilities, best first (at most <paramref name="top"/>).</summary>
    public IntentPrediction Predict(string text, IReadOnlyList<string> words, int top = 3)
    {
        var keys = new List<ulong>(64);
        IntentFeatures.Collect(text, words, _maxCharGram, keys);
        var vector = Vectorize(keys, _vocabulary, _idf);
        var scores = new float[_labels.Length];
        Score(vector, _weights, _bias, scores);
        TensorPrimitives.Divide(scores, Temperature, scores);
        TensorPrimitives.SoftMax(scores, scores);
        var ranked = new List<(string, double)>(Math.Min(top, scores.Length));
        var indexes = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).Take(top);
        foreach (var i in indexes)
        {
            ranked.Add((_labels[i], scores[i]));
        }

        return new IntentPrediction(ranked);
    }

    private static SparseVector Vectorize(List<ulong> keys, Dictionary<ulong, int> vocabulary, float[] idf)
    {
        var counts = new Dictionary<int, int>();
        foreach (var key in keys)
        {
            if (vocabulary.TryGetValue(key, out var index))
            {
                counts[index] = counts.GetValueOrDefault(index) + 1;
            }
        }

        var indexes = new int[counts.Count];
        var values = new float[counts.Count];
        var i = 0;
        foreach (var (index, count) in counts)
        {
            indexes[i] = index;
            values[i] = (1f + MathF.Log(count)) * idf[index];
            i++;
        }

        var norm = TensorPrimitives.Norm(values);
        if (norm > 0)
        {
            TensorPrimitives.Divide(values, norm, values);
        }

        return new SparseVector(indexes, values);
    }

    private static void Score(SparseVector x, float[] weights, float[] bias, Span<float> scores)
    {
        var classes = bias.Length;
        bias.CopyTo(scores);
        for (var k = 0; k < x.Indexes.Length; k++)
        {
            TensorPrimitives.MultiplyAdd(weights.AsSpan(x.Indexes[k] * classes, classes), x.Values[k], scores, scores);
        }
    }

    // Plain SGD on the softmax cross-entropy with a decaying step and L2 applied to the rows an
    // example touches (lazy regularization keeps each step proportional to the example, not the model).
    private static (float[] Weights, float[] Bias) Fit(SparseVector[] xs, int[] ys, int features, int classes, IntentTrainingOptions options)
    {
        var weights = new float[(long)features * classes];
        var bias = new float[classes];
        var scores = new float[classes];
        var order = Balanced(ys, classes);
        var random = new Random(options.Seed);
        var step = 0L;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var i in order)
            {
                var lr = options.LearningRate / (1f + (float)step / order.Length);
                step++;
                var x = xs[i];
                Score(x, weights, bias, scores);
                TensorPrimitives.SoftMax(scores, scores);
                scores[ys[i]] -= 1f;
                var decay = 1f - (lr * options.L2);
                for (var k = 0; k < x.Indexes.Length; k++)
                {
                    var row = weights.AsSpan(x.Indexes[k] * classes, classes);
                    TensorPrimitives.Multiply(row, decay, row);
                    TensorPrimitives.MultiplyAdd(scores, -lr * x.Values[k], row, row);
                }

                TensorPrimitives.MultiplyAdd(scores, -lr, bias, bias);
            }
        }

        return (weights, bias);
    }

    // Each epoch shows the examples of every label about as often as those of the largest one, so
    // that each label weighs the same: the FAQ negatives outnumber each
    // workflow's examples tenfold, and unbalanced they would teach the model that "no workflow" is
    // almost always the answer. Repeating keeps every SGD step the usual size, where weighting the
    // step by rarity (98x for the rarest SMP label) makes training diverge.
    private static int[] Balanced(int[] ys, int classes)
    {
        var perLabel = new int[classes];
        foreach (var y in ys)
        {
            perLabel[y]++;
        }

        var largest = perLabel.Max();
        var order = new List<int>(largest * classes);
        for (var i = 0; i < ys.Length; i++)
        {
            var repeats = Math.Max(1, (int)Math.Round((double)largest / perLabel[ys[i]]));
            for (var r = 0; r < repeats; r++)
            {
                order.Add(i);
            }
        }

        return [.. order];
    }

    // The temperature that minimises held-out negative log-likelihood, by golden-section search on
    // log T: one parameter, so calibration cannot change which label wins, only how sure it sounds.
    private static float FitTemperature(SparseVector[] xs, int[] ys, float[] weights, float[] bias, int classes)
    {
        var logits = new float[xs.Length][];
        for (var i = 0; i < xs.Length; i++)
        {
            logits[i] = new float[classes];
            Score(xs[i], weights, bias, logits[i]);
        }

        double Loss(double logT)
        {
            var t = (float)Math.Exp(logT);
            var buffer = new float[classes];
            var total = 0.0;
            for (var i = 0; i < xs.Length; i++)
            {
                TensorPrimitives.Divide(logits[i], t, buffer);
                TensorPrimitives.SoftMax(buffer, buffer);
                total -= Math.Log(Math.Max(buffer[ys[i]], 1e-9f));
            }

            return total;
        }

        double lo = Math.Log(0.05), hi = Math.Log(20);
        var phi = (Math.Sqrt(5) - 1) / 2;
        for (var iteration = 0; iteration < 40; iteration++)
        {
            var a = hi - (phi * (hi - lo));
            var b = lo + (phi * (hi - lo));
            if (Loss(a) < Loss(b))
            {
                hi = b;
            }
            else
            {
                lo = a;
            }
        }

        return (float)Math.Exp((lo + hi) / 2);
    }

    private readonly record struct SparseVector(int[] Indexes, float[] Values);
}
