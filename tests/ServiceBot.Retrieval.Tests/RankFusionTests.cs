using ServiceBot.Retrieval.Fusion;

namespace ServiceBot.Retrieval.Tests;

public sealed class RankFusionTests
{
    [Fact]
    public void ReciprocalFusionFavoursItemsRankedWellByBothLists()
    {
        ScoredItem[] a = [new(1, 9), new(2, 8), new(3, 7)];
        ScoredItem[] b = [new(2, 0.9f), new(3, 0.8f), new(4, 0.1f)];

        var fused = RankFusion.Reciprocal([a, b], 60);

        Assert.Equal(2, fused[0].Id);
        Assert.Equal(4, fused.Length);
        Assert.Equal((1f / 62) + (1f / 61), fused[0].Score, 5);
    }

    [Fact]
    public void WeightedFusionNormalizesEachListBeforeWeighting()
    {
        ScoredItem[] a = [new(1, 100), new(2, 50), new(3, 0)];
        ScoredItem[] b = [new(3, 0.9f), new(2, 0.5f), new(1, 0.1f)];

        var lexicalOnly = RankFusion.Weighted([a, b], [1f, 0f]);
        var vectorOnly = RankFusion.Weighted([a, b], [0f, 1f]);

        Assert.Equal(1, lexicalOnly[0].Id);
        Assert.Equal(3, vectorOnly[0].Id);
    }

    [Fact]
    public void WeightedFusionRejectsAWeightCountMismatch() =>
        Assert.Throws<ArgumentException>(() => RankFusion.Weighted([[new ScoredItem(1, 1)]], [1f, 1f]));

    [Fact]
    public void FusionOfEmptyListsIsEmpty() => Assert.Empty(RankFusion.Reciprocal([[], []]));
}
