using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Formats;
using ServiceBot.KbBot.Ranking;
using ServiceBot.Testing;

namespace ServiceBot.KbBot.Tests;

/// <summary>Fitting the reranker's weights on the KB's own held-out paraphrases, and the guard that keeps the prior.</summary>
public sealed class RerankTrainingTests
{
    private static async Task<Abstractions.Knowledge.FaqEntry[]> ShopAsync() =>
        [.. (await FaqFiles.ReadAsync(Path.Combine(SharedData.RepositoryRoot, "knowledge", "shop", "faq.json"), cancellationToken: TestContext.Current.CancellationToken)).Entries];

    [Fact]
    public async Task FittedWeightsAreKeptExactlyWhenTheyRankHeldOutQuestionsAtLeastAsWellAsThePrior()
    {
        var settings = TestKb.Settings(training: true);
        settings.Recall.Vector = true;
        var snapshot = await TestKb.BuildAsync(await ShopAsync(), settings, new LocalKbEncoderFactory(TestKb.Analyzer, NullLogger.Instance));

        var report = snapshot.Training!;
        Assert.False(report.UsedPrior);
        foreach (var (choice, kept, prior) in new[]
        {
            (report.Hybrid!, snapshot.Model.Hybrid.Weights, RankerModel.Prior.Hybrid.Weights),
            (report.Lexical!, snapshot.Model.Lexical.Weights, RankerModel.Prior.Lexical.Weights),
        })
        {
            Assert.InRange(choice.PriorRecallAt1, 0.3, 1);
            Assert.InRange(choice.FittedRecallAt1, 0.3, 1);
            Assert.Equal(choice.FittedRecallAt1 >= choice.PriorRecallAt1, choice.Fitted);
            Assert.Equal(!choice.Fitted, kept.AsSpan().SequenceEqual(prior));
        }
    }

    [Fact]
    public async Task WithRerankOffBothRerankersKeepThePriorWeights()
    {
        var settings = TestKb.Settings(training: true);
        settings.Recall.Vector = true;
        settings.Training.Rerank = false;
        var snapshot = await TestKb.BuildAsync(await ShopAsync(), settings, new LocalKbEncoderFactory(TestKb.Analyzer, NullLogger.Instance));

        Assert.Null(snapshot.Training!.Hybrid);
        Assert.Null(snapshot.Training.Lexical);
        Assert.Equal(RankerModel.Prior.Hybrid.Weights, snapshot.Model.Hybrid.Weights);
        Assert.Equal(RankerModel.Prior.Lexical.Weights, snapshot.Model.Lexical.Weights);
    }

    [Fact]
    public void TheGuardKeepsFittedWeightsOnTiesAndThePriorWhenNothingWasMeasured()
    {
        Assert.True(WeightsChoice.Between(0.7, 0.7).Fitted);
        Assert.True(WeightsChoice.Between(0.7, 0.71).Fitted);
        Assert.False(WeightsChoice.Between(0.7, 0.69).Fitted);
        Assert.False(WeightsChoice.Between(double.NaN, double.NaN).Fitted);
    }
}
