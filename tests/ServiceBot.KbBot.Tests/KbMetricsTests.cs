using ServiceBot.KbBot.Evaluation;

namespace ServiceBot.KbBot.Tests;

public sealed class KbMetricsTests
{
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(1, 0.6309297535714575)]
    [InlineData(2, 0.5)]
    [InlineData(9, 0.2890648263178879)]
    [InlineData(10, 0.0)]
    [InlineData(-1, 0.0)]
    public void NdcgWithOneRelevantEntryIsTheDiscountOfItsRankWithinTheCutOff(int rank, double expected) =>
        Assert.Equal(expected, KbMetrics.NdcgAt(rank, 10), 12);

    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(3, 0.25)]
    [InlineData(9, 0.1)]
    [InlineData(10, 0.0)]
    [InlineData(15, 0.0)]
    [InlineData(-1, 0.0)]
    public void ReciprocalRankCountsNothingBelowTheCutOff(int rank, double expected) =>
        Assert.Equal(expected, KbMetrics.ReciprocalRankAt(rank, 10), 12);

    [Theory]
    [InlineData(0, 1, 1.0)]
    [InlineData(1, 1, 0.0)]
    [InlineData(2, 3, 1.0)]
    [InlineData(3, 3, 0.0)]
    [InlineData(-1, 10, 0.0)]
    public void HitAtKIsOneOnlyForRanksAboveK(int rank, int k, double expected) =>
        Assert.Equal(expected, KbMetrics.HitAt(rank, k));

    [Fact]
    public void PercentileIsTheNearestRankOfTheSortedValues()
    {
        var values = Enumerable.Range(1, 100).Select(i => (double)(101 - i)).ToArray();

        Assert.Equal(50, KbMetrics.Percentile(values, 50));
        Assert.Equal(99, KbMetrics.Percentile(values, 99));
        Assert.Equal(100, KbMetrics.Percentile(values, 100));
        Assert.Equal(1, KbMetrics.Percentile(values, 0.5));
    }

    [Fact]
    public void PercentileOfFewValuesRoundsUpToAValueThatExists()
    {
        Assert.Equal(2, KbMetrics.Percentile(new double[] { 4, 1, 3, 2 }, 50));
        Assert.Equal(4, KbMetrics.Percentile(new double[] { 4, 1, 3, 2 }, 99));
        Assert.Equal(7, KbMetrics.Percentile(new double[] { 7 }, 50));
        Assert.True(double.IsNaN(KbMetrics.Percentile(Span<double>.Empty, 50)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(100.5)]
    public void PercentileOutsideZeroToHundredIsRefused(double percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KbMetrics.Percentile(new double[] { 1, 2 }, percent));
}
