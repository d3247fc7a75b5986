using System.Diagnostics;
using System.Numerics.Tensors;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Embedding;

/// <summary>
/// Trains the local embedder on the KB's own paraphrase clusters: two questions of one entry are a
/// positive pair, the other entries of the batch are negatives (in-batch InfoNCE, both directions).
/// Batches are drawn as groups of look-alike entries (nearest by the untrained TF-IDF projection), so the
/// negatives are the entries the KB most easily confuses.
/// </summary>
/// <remarks>
/// Single-threaded and seeded: the same rows and settings give the same bits. Only the projection rows of
/// features in the batch are updated (row-wise AdaGrad), so a step costs what its questions hold, not the vocabulary.
/// </remarks>
internal static class LocalEncoderTrainer
{
    /// <summary>Builds the vocabulary and IDF from <paramref name="rows"/> and trains the projection when the KB has enough paraphrases.</summary>
    public static (LocalKbEncoder Encoder, LocalTrainingReport Report) Train(ITextAnalyzer analyzer, IReadOnlyList<KbRow> rows, EmbedderSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var featurizer = new LocalFeaturizer(settings);
        var analyzed = new AnalyzedUtterance[rows.Count];
        var featureByBucket = new Dictionary<int, int>();
        var buckets = new List<int>();
        var df = new List<int>();
        var seen = new HashSet<int>();
        for (var r = 0; r < rows.Count; r++)
        {
            analyzed[r] = analyzer.Analyze(rows[r].Text);
            var raw = new int[featurizer.MaxFeatures(analyzed[r])];
            var count = featurizer.Extract(analyzed[r], raw);
            seen.Clear();
            for (var i = 0; i < count; i++)
            {
                var bucket = raw[i];
                if (!seen.Add(bucket))
                {
                    continue;
                }

                if (!featureByBucket.TryGetValue(bucket, out var f))
                {
                    f = buckets.Count;
                    featureByBucket[bucket] = f;
                    buckets.Add(bucket);
                    df.Add(0);
                }

                df[f]++;
            }
        }

        var d = settings.Dimensions;
        var idf = new float[buckets.Count];
        for (var f = 0; f < idf.Length; f++)
        {
            idf[f] = MathF.Log(1 + ((float)rows.Count / df[f]));
        }

        var random = new Random(settings.Seed);
        var weights = new float[buckets.Count * d];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Gaussian(random);
        }

        var untrained = new LocalKbEncoder(analyzer, featurizer, [.. buckets], idf, weights, d, false);
        var sparse = new (int[] Features, float[] Values)[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            sparse[r] = untrained.SparseOf(analyzed[r]);
        }

        // Entries that can give a positive pair: two or more rows with features.
        var entryCount = 0;
        foreach (var row in rows)
        {
            entryCount = Math.Max(entryCount, row.Entry + 1);
        }

        var rowsOf = new List<int>[entryCount];
        for (var r = 0; r < rows.Count; r++)
        {
            if (sparse[r].Features.Length > 0)
            {
                (rowsOf[rows[r].Entry] ??= []).Add(r);
            }
        }

        var eligible = new List<int>();
        var pairRows = 0;
        for (var e = 0; e < entryCount; e++)
        {
            if (rowsOf[e] is { Count: >= 2 } list)
            {
                eligible.Add(e);
                pairRows += list.Count;
            }
        }

        if (eligible.Count < settings.MinTrainingEntries || settings.Epochs == 0 || settings.MaxSteps == 0)
        {
            return (untrained, new LocalTrainingReport(false, eligible.Count, 0, double.NaN, double.NaN, clock.Elapsed.TotalMilliseconds));
        }

        var batch = Math.Min(settings.BatchSize, eligible.Count);
        var steps = (int)Math.Min(settings.MaxSteps, Math.Ceiling((double)settings.Epochs * pairRows / batch));
        var neighbours = Neighbours(eligible, rowsOf, sparse, weights, d, settings.NeighbourGroup - 1);
        var state = new Trainer(weights, d, buckets.Count, batch, (float)settings.LearningRate, 1f / (float)settings.Temperature);
        var picked = new List<int>(batch);
        var inBatch = new bool[entryCount];
        var anchors = new int[batch];
        var positives = new int[batch];
        double firstLoss = 0, lastLoss = 0;
        var window = Math.Max(1, Math.Min(50, steps / 10));
        for (var step = 0; step < steps; step++)
        {
            if ((step & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            DrawBatch(eligible, neighbours, random, batch, picked, inBatch);
            for (var i = 0; i < picked.Count; i++)
            {
                var list = rowsOf[picked[i]]!;
                var a = random.Next(list.Count);
                var p = random.Next(list.Count - 1);
                anchors[i] = list[a];
                positives[i] = list[p >= a ? p + 1 : p];
                inBatch[picked[i]] = false;
            }

            var loss = state.Step(sparse, anchors, positives, picked.Count);
            if (step < window)
            {
                firstLoss += loss / window;
            }

            if (step >= steps - window)
            {
                lastLoss += loss / window;
            }
        }

        var trained = new LocalKbEncoder(analyzer, featurizer, [.. buckets], idf, weights, d, true);
        return (trained, new LocalTrainingReport(true, eligible.Count, steps, firstLoss, lastLoss, clock.Elapsed.TotalMilliseconds));
    }

    /// <summary>The unit vectors of <paramref name="rows"/>; a row without known features gets a fixed unit vector so the index stays well-formed.</summary>
    public static float[][] EncodeRows(LocalKbEncoder encoder, ITextAnalyzer analyzer, IReadOnlyList<KbRow> rows)
    {
        var vectors = new float[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            var vector = encoder.Encode(analyzer.Analyze(rows[r].Text));
            if (vector is null)
            {
                vector = new float[encoder.Dimensions];
                vector[0] = 1;
            }

            vectors[r] = vector;
        }

        return vectors;
    }

    private static float Gaussian(Random random)
    {
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>For each eligible entry, the eligible entries nearest to it by the untrained projection's centroids.</summary>
    private static int[][] Neighbours(List<int> eligible, List<int>[] rowsOf, (int[] Features, float[] Values)[] sparse, float[] weights, int d, int k)
    {
        var n = eligible.Count;
        var result = new int[n][];
        if (k <= 0 || n > 6000)
        {
            // Pairwise centroids grow with the square of the entries; past this the batches are drawn at random.
            Array.Fill(result, []);
            return result;
        }

        var centroids = new float[n * d];
        var u = new float[d];
        for (var i = 0; i < n; i++)
        {
            var c = centroids.AsSpan(i * d, d);
            foreach (var r in rowsOf[eligible[i]])
            {
                Project(sparse[r], weights, d, u);
                var norm = TensorPrimitives.Norm(u);
                if (norm > 0)
                {
                    TensorPrimitives.MultiplyAdd(u, 1 / norm, c, c);
                }
            }

            var cn = TensorPrimitives.Norm(c);
            if (cn > 0)
            {
                TensorPrimitives.Divide(c, cn, c);
            }
        }

        var scores = new float[n];
        var order = new int[n];
        for (var i = 0; i < n; i++)
        {
            var c = centroids.AsSpan(i * d, d);
            for (var j = 0; j < n; j++)
            {
                scores[j] = j == i ? float.NegativeInfinity : TensorPrimitives.Dot(c, centroids.AsSpan(j * d, d));
                order[j] = j;
            }

            Array.Sort(scores, order);
            var take = Math.Min(k, n - 1);
            result[i] = new int[take];
            for (var t = 0; t < take; t++)
            {
                result[i][t] = order[n - 1 - t];
            }
        }

        return result;
    }

    /// <summary>Fills <paramref name="picked"/> with distinct entry positions: random seeds, each followed by its nearest look-alikes.</summary>
    private static void DrawBatch(List<int> eligible, int[][] neighbours, Random random, int batch, List<int> picked, bool[] inBatch)
    {
        picked.Clear();
        while (picked.Count < batch)
        {
            var seed = random.Next(eligible.Count);
            if (!Add(seed))
            {
                continue;
            }

            foreach (var nb in neighbours[seed])
            {
                if (picked.Count >= batch)
                {
                    break;
                }

                Add(nb);
            }
        }

        // Positions in eligible → entry ids.
        for (var i = 0; i < picked.Count; i++)
        {
            picked[i] = eligible[picked[i]];
        }

        bool Add(int position)
        {
            if (inBatch[eligible[position]])
            {
                return false;
            }

            inBatch[eligible[position]] = true;
            picked.Add(position);
            return true;
        }
    }

    private static void Project((int[] Features, float[] Values) row, float[] weights, int d, Span<float> u)
    {
        u.Clear();
        for (var k = 0; k < row.Features.Length; k++)
        {
            TensorPrimitives.MultiplyAdd(weights.AsSpan(row.Features[k] * d, d), row.Values[k], u, u);
        }
    }

    /// <summary>One contrastive step's scratch and the AdaGrad state.</summary>
    private sealed class Trainer
    {
        private readonly float[] _weights;
        private readonly int _d;
        private readonly float _learningRate;
        private readonly float _inverseTemperature;
        private readonly float[] _gradient;
        private readonly float[] _squares;
        private readonly bool[] _touched;
        private readonly List<int> _touchedRows = [];
        private readonly float[] _a;
        private readonly float[] _p;
        private readonly float[] _aNorm;
        private readonly float[] _pNorm;
        private readonly float[] _logits;
        private readonly float[] _g;
        private readonly float[] _da;
        private readonly float[] _dp;

        public Trainer(float[] weights, int d, int features, int batch, float learningRate, float inverseTemperature)
        {
            _weights = weights;
            _d = d;
            _learningRate = learningRate;
            _inverseTemperature = inverseTemperature;
            _gradient = new float[weights.Length];
            _squares = new float[features];
            _touched = new bool[features];
            _a = new float[batch * d];
            _p = new float[batch * d];
            _aNorm = new float[batch];
            _pNorm = new float[batch];
            _logits = new float[batch * batch];
            _g = new float[batch * batch];
            _da = new float[batch * d];
            _dp = new float[batch * d];
        }

        /// <summary>One step over <paramref name="count"/> pairs; returns the mean loss before the update.</summary>
        public double Step((int[] Features, float[] Values)[] sparse, int[] anchors, int[] positives, int count)
        {
            var d = _d;
            for (var i = 0; i < count; i++)
            {
                _aNorm[i] = Forward(sparse[anchors[i]], _a.AsSpan(i * d, d));
                _pNorm[i] = Forward(sparse[positives[i]], _p.AsSpan(i * d, d));
            }

            for (var i = 0; i < count; i++)
            {
                var a = _a.AsSpan(i * d, d);
                for (var j = 0; j < count; j++)
                {
                    _logits[(i * count) + j] = TensorPrimitives.Dot(a, _p.AsSpan(j * d, d)) * _inverseTemperature;
                }
            }

            // Symmetric InfoNCE: anchor→positives by rows, positive→anchors by columns.
            var loss = 0.0;
            Array.Clear(_g, 0, count * count);
            var scale = 0.5f / count;
            for (var i = 0; i < count; i++)
            {
                var max = float.NegativeInfinity;
                for (var j = 0; j < count; j++)
                {
                    max = Math.Max(max, _logits[(i * count) + j]);
                }

                var sum = 0f;
                for (var j = 0; j < count; j++)
                {
                    sum += MathF.Exp(_logits[(i * count) + j] - max);
                }

                loss += max + MathF.Log(sum) - _logits[(i * count) + i];
                for (var j = 0; j < count; j++)
                {
                    _g[(i * count) + j] += scale * (MathF.Exp(_logits[(i * count) + j] - max) / sum);
                }

                _g[(i * count) + i] -= scale;
            }

            for (var j = 0; j < count; j++)
            {
                var max = float.NegativeInfinity;
                for (var i = 0; i < count; i++)
                {
                    max = Math.Max(max, _logits[(i * count) + j]);
                }

                var sum = 0f;
                for (var i = 0; i < count; i++)
                {
                    sum += MathF.Exp(_logits[(i * count) + j] - max);
                }

                loss += max + MathF.Log(sum) - _logits[(j * count) + j];
                for (var i = 0; i < count; i++)
                {
                    _g[(i * count) + j] += scale * (MathF.Exp(_logits[(i * count) + j] - max) / sum);
                }

                _g[(j * count) + j] -= scale;
            }

            // dL/da_i = Σ_j g_ij p_j / τ and dL/dp_j = Σ_i g_ij a_i / τ (a and p are unit vectors here).
            Array.Clear(_da, 0, count * d);
            Array.Clear(_dp, 0, count * d);
            for (var i = 0; i < count; i++)
            {
                var da = _da.AsSpan(i * d, d);
                var a = _a.AsSpan(i * d, d);
                for (var j = 0; j < count; j++)
                {
                    var g = _g[(i * count) + j] * _inverseTemperature;
                    if (g == 0)
                    {
                        continue;
                    }

                    TensorPrimitives.MultiplyAdd(_p.AsSpan(j * d, d), g, da, da);
                    var dp = _dp.AsSpan(j * d, d);
                    TensorPrimitives.MultiplyAdd(a, g, dp, dp);
                }
            }

            for (var i = 0; i < count; i++)
            {
                Backward(sparse[anchors[i]], _a.AsSpan(i * d, d), _aNorm[i], _da.AsSpan(i * d, d));
                Backward(sparse[positives[i]], _p.AsSpan(i * d, d), _pNorm[i], _dp.AsSpan(i * d, d));
            }

            Update();
            return loss / (2 * count);
        }

        /// <summary>Projects and normalizes in place; returns the norm before normalizing.</summary>
        private float Forward((int[] Features, float[] Values) row, Span<float> v)
        {
            Project(row, _weights, _d, v);
            var norm = TensorPrimitives.Norm(v);
            if (norm > 0)
            {
                TensorPrimitives.Divide(v, norm, v);
            }

            return norm;
        }

        /// <summary>Through the normalization (du = (dv − v·(v·dv)) / |u|) into the feature rows' gradients.</summary>
        private void Backward((int[] Features, float[] Values) row, ReadOnlySpan<float> v, float norm, Span<float> dv)
        {
            if (norm <= 0)
            {
                return;
            }

            var along = TensorPrimitives.Dot(v, dv);
            TensorPrimitives.MultiplyAdd(v, -along, dv, dv);
            TensorPrimitives.Divide(dv, norm, dv);
            for (var k = 0; k < row.Features.Length; k++)
            {
                var f = row.Features[k];
                if (!_touched[f])
                {
                    _touched[f] = true;
                    _touchedRows.Add(f);
                }

                var g = _gradient.AsSpan(f * _d, _d);
                TensorPrimitives.MultiplyAdd(dv, row.Values[k], g, g);
            }
        }

        private void Update()
        {
            foreach (var f in _touchedRows)
            {
                var g = _gradient.AsSpan(f * _d, _d);
                _squares[f] += TensorPrimitives.SumOfSquares(g) / _d;
                var step = -_learningRate / MathF.Sqrt(_squares[f] + 1e-8f);
                var w = _weights.AsSpan(f * _d, _d);
                TensorPrimitives.MultiplyAdd(g, step, w, w);
                g.Clear();
                _touched[f] = false;
            }

            _touchedRows.Clear();
        }
    }
}
