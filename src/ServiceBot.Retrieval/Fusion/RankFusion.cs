namespace ServiceBot.Retrieval.Fusion;

/// <summary>Merges ranked lists of the same id space (reciprocal-rank or weighted score fusion).</summary>
/// <remarks>Pure and thread-safe. Lists must be sorted best first; ids may repeat across lists, not within one.</remarks>
public static class RankFusion
{
    /// <summary>Reciprocal-rank fusion: each list adds <c>weight / (k + rank)</c> (rank from 1) to an id's score.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative.</exception>
    public static ScoredItem[] Reciprocal(IReadOnlyList<IReadOnlyList<ScoredItem>> lists, int k = 60, IReadOnlyList<float>? weights = null, int count = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var scores = new Dictionary<int, float>();
        for (var l = 0; l < lists.Count; l++)
        {
            var w = weights is null ? 1f : weights[l];
            var list = lists[l];
            for (var r = 0; r < list.Count; r++)
            {
                scores[list[r].Id] = scores.GetValueOrDefault(list[r].Id) + (w / (k + r + 1));
            }
        }

        return Top(scores, count);
    }

    /// <summary>
    /// Weighted fusion: each list's scores are min-max normalized to [0, 1] and summed with its
    /// weight; an id missing from a list gets 0 from it.
    /// </summary>
    public static ScoredItem[] Weighted(IReadOnlyList<IReadOnlyList<ScoredItem>> lists, IReadOnlyList<float> weights, int count = int.MaxValue)
    {
        if (weights.Count != lists.Count)
        {
            throw new ArgumentException($"Weighted fusion needs one weight per list ({lists.Count} lists, {weights.Count} weights).", nameof(weights));
        }

        var scores = new Dictionary<int, float>();
        for (var l = 0; l < lists.Count; l++)
        {
            var list = lists[l];
            if (list.Count == 0)
            {
                continue;
            }

            var max = float.NegativeInfinity;
            var min = float.PositiveInfinity;
            foreach (var item in list)
            {
                max = Math.Max(max, item.Score);
                min = Math.Min(min, item.Score);
            }

            var span = max - min;
            foreach (var item in list)
            {
                var normalized = span > 0 ? (item.Score - min) / span : 1f;
                scores[item.Id] = scores.GetValueOrDefault(item.Id) + (weights[l] * normalized);
            }
        }

        return Top(scores, count);
    }

    private static ScoredItem[] Top(Dictionary<int, float> scores, int count)
    {
        var top = new TopK(Math.Min(count, Math.Max(1, scores.Count)));
        foreach (var (id, score) in scores)
        {
            top.Add(id, score);
        }

        return scores.Count == 0 ? [] : top.ToSortedArray();
    }
}
