using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Evaluation;
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheEvaluationSaysWhichWeightsTheRerankerUses(bool rerank)
    {
        var settings = TestKb.Settings(training: true);
        settings.Recall.Vector = true;
        settings.Training.Rerank = rerank;
        KbEvalQuery[] queries = [new("退货的运费谁来承担", "returns-shipping-fee"), new("发票怎么开", null)];

        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, await ShopAsync(), queries, settings, new LocalKbEncoderFactory(TestKb.Analyzer, NullLogger.Instance), TestContext.Current.CancellationToken);

        var reranked = report.Configurations.Single(c => c.Config == "hybrid+rerank");
        Assert.All(report.Configurations.Where(c => c != reranked), c => Assert.Null(c.RerankerWeights));
        if (rerank)
        {
            Assert.Contains(reranked.RerankerWeights, new[] { "fitted", "prior" });
            Assert.StartsWith(reranked.RerankerWeights + " (held-out recall@1 fitted ", reranked.RerankerNote, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("prior", reranked.RerankerWeights);
            Assert.Null(reranked.RerankerNote);
        }
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
