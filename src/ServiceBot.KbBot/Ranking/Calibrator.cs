namespace ServiceBot.KbBot.Ranking;

/// <summary>
/// Platt-style calibration of a ranking score to the probability that a candidate is the right FAQ:
/// <c>sigmoid(a·score + b·log(share) + c)</c>, where <c>share</c> is the candidate's softmax share
/// among the query's candidates. Immutable.
/// </summary>
internal sealed class Calibrator
{
    public Calibrator(double a, double b, double c)
    {
        A = a;
        B = b;
        C = c;
    }

    public double A { get; }

    public double B { get; }

    public double C { get; }

    public double Probability(double score, double share) =>
        Sigmoid((A * score) + (B * Math.Log(Math.Max(share, 1e-9))) + C);

    public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>
    /// Fits the three parameters by Newton's method on (score, share, label) samples, with a weak
    /// Gaussian prior so that separable data still gives finite parameters.
    /// </summary>
    public static Calibrator Fit(IReadOnlyList<(double Score, double Share, bool Correct)> samples)
    {
        var w = new double[3];
        var x = new double[3];
        for (var iter = 0; iter < 50; iter++)
        {
            var g = new double[3];
            var h = new double[3, 3];
            foreach (var (score, share, correct) in samples)
            {
                x[0] = score;
                x[1] = Math.Log(Math.Max(share, 1e-9));
                x[2] = 1;
                var p = Sigmoid((w[0] * x[0]) + (w[1] * x[1]) + (w[2] * x[2]));
                var r = p - (correct ? 1 : 0);
                var v = Math.Max(p * (1 - p), 1e-9);
                for (var i = 0; i < 3; i++)
                {
                    g[i] += r * x[i];
                    for (var j = 0; j < 3; j++)
                    {
                        h[i, j] += v * x[i] * x[j];
                    }
                }
            }

            const double Prior = 1e-2;
            for (var i = 0; i < 3; i++)
            {
                g[i] += Prior * w[i];
                h[i, i] += Prior;
            }

            var step = Solve3(h, g);
            var change = 0.0;
            for (var i = 0; i < 3; i++)
            {
                w[i] -= step[i];
                change = Math.Max(change, Math.Abs(step[i]));
            }

            if (change < 1e-7)
            {
                break;
            }
        }

        return new Calibrator(w[0], w[1], w[2]);
    }

    private static double[] Solve3(double[,] m, double[] v)
    {
        // Gaussian elimination with partial pivoting on a 3x3 system.
        var a = new double[3, 4];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                a[i, j] = m[i, j];
            }

            a[i, 3] = v[i];
        }

        for (var col = 0; col < 3; col++)
        {
            var pivot = col;
            for (var r = col + 1; r < 3; r++)
            {
                if (Math.Abs(a[r, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = r;
                }
            }

            for (var j = 0; j < 4; j++)
            {
                (a[col, j], a[pivot, j]) = (a[pivot, j], a[col, j]);
            }

            var d = Math.Abs(a[col, col]) < 1e-12 ? 1e-12 : a[col, col];
            for (var r = 0; r < 3; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var f = a[r, col] / d;
                for (var j = col; j < 4; j++)
                {
                    a[r, j] -= f * a[col, j];
                }
            }
        }

        return [a[0, 3] / a[0, 0], a[1, 3] / a[1, 1], a[2, 3] / a[2, 2]];
    }
}
