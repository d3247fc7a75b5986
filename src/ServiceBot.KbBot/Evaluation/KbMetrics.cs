namespace ServiceBot.KbBot.Evaluation;

/// <summary>
/// Ranking and latency arithmetic of <c>eval kb</c>. Every question has exactly one relevant entry,
/// so rank-based metrics take the 0-based rank of that entry (negative when it was not recalled).
/// </summary>
public static class KbMetrics
{
    /// <summary>1 when the relevant entry is among the first <paramref name="k"/>, else 0.</summary>
    public static double HitAt(int rank, int k) => rank >= 0 && rank < k ? 1 : 0;

    /// <summary>Reciprocal rank, cut off at <paramref name="k"/>: an entry ranked below the cut-off scores 0 as if it were not recalled.</summary>
    public static double ReciprocalRankAt(int rank, int k) => rank >= 0 && rank < k ? 1.0 / (rank + 1) : 0;

    /// <summary>
    /// nDCG@k with one relevant entry of gain 1: the ideal DCG is 1 (the entry first), so nDCG is the
    /// entry's discount 1 / log2(rank + 2), or 0 below the cut-off.
    /// </summary>
    public static double NdcgAt(int rank, int k) => rank >= 0 && rank < k ? 1.0 / Math.Log2(rank + 2) : 0;

    /// <summary>
    /// Nearest-rank percentile of <paramref name="values"/> (sorted in place): the smallest value with at
    /// least <paramref name="percent"/> % of the values at or below it. NaN for no values.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percent"/> is not in (0, 100].</exception>
    public static double Percentile(Span<double> values, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        if (values.IsEmpty)
        {
            return double.NaN;
        }

        values.Sort();
        var index = (int)Math.Ceiling(percent / 100 * values.Length) - 1;
        return values[Math.Clamp(index, 0, values.Length - 1)];
    }
}
