namespace ServiceBot.KbBot.Ranking;

/// <summary>
/// Fits a linear reranker with a listwise (softmax) loss: for each training question, the right
/// FAQ should win against the other recalled candidates, hard negatives by construction.
/// </summary>
internal static class RankerTrainer
{
    /// <summary>
    /// Trains on <paramref name="lists"/>: per question, candidate feature vectors and the index of
    /// the right candidate (lists without it are skipped). Starts from <paramref name="initial"/> and is
    /// pulled back towards it (L2 on the difference), so a small KB only nudges the prior instead of overfitting
    /// its own paraphrases, which are closer to each other than customers' questions are.
    /// </summary>
    public static float[] Fit(IReadOnlyList<(float[][] Candidates, int Correct)> lists, float[] initial, IReadOnlyList<int>? zeroed = null, int epochs = 300, double l2 = 0.02)
    {
        var dims = initial.Length;
        var w = Array.ConvertAll(initial, x => (double)x);
        var m = new double[dims];
        var v = new double[dims];
        const double Rate = 0.05, Beta1 = 0.9, Beta2 = 0.999, Eps = 1e-8;
        var usable = lists.Where(l => l.Correct >= 0 && l.Candidates.Length > 1).ToArray();
        if (usable.Length == 0)
        {
            return initial;
        }

        var scores = new double[64];
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var g = new double[dims];
            foreach (var (candidates, correct) in usable)
            {
                if (scores.Length < candidates.Length)
                {
                    scores = new double[candidates.Length];
                }

                var max = double.NegativeInfinity;
                for (var i = 0; i < candidates.Length; i++)
                {
                    var s = 0.0;
                    for (var j = 0; j < dims; j++)
                    {
                        s += w[j] * candidates[i][j];
                    }

                    scores[i] = s;
                    max = Math.Max(max, s);
                }

                var sum = 0.0;
                for (var i = 0; i < candidates.Length; i++)
                {
                    scores[i] = Math.Exp(scores[i] - max);
                    sum += scores[i];
                }

                for (var i = 0; i < candidates.Length; i++)
                {
                    var p = (scores[i] / sum) - (i == correct ? 1 : 0);
                    for (var j = 0; j < dims; j++)
                    {
                        g[j] += p * candidates[i][j];
                    }
                }
            }

            for (var j = 0; j < dims; j++)
            {
                var grad = (g[j] / usable.Length) + (l2 * (w[j] - initial[j]));
                m[j] = (Beta1 * m[j]) + ((1 - Beta1) * grad);
                v[j] = (Beta2 * v[j]) + ((1 - Beta2) * grad * grad);
                var mh = m[j] / (1 - Math.Pow(Beta1, epoch));
                var vh = v[j] / (1 - Math.Pow(Beta2, epoch));
                w[j] -= Rate * mh / (Math.Sqrt(vh) + Eps);
            }

            if (zeroed is not null)
            {
                foreach (var j in zeroed)
                {
                    w[j] = 0;
                }
            }
        }

        return Array.ConvertAll(w, x => (float)x);
    }
}
