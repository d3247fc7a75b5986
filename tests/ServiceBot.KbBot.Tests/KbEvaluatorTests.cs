using ServiceBot.KbBot.Evaluation;
using ServiceBot.KbBot.Matching;

namespace ServiceBot.KbBot.Tests;

public sealed class KbEvaluatorTests
{
    [Fact]
    public async Task AQuestionWhoseEntryIsNeverRecalledHalvesRecallAndReciprocalRank()
    {
        var queries = new List<KbEvalQuery>
        {
            new("退货流程是什么", "returns-how"),
            new("怎么开发票", "shipping-time"),
        };

        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, TestKb.Shop(), queries, TestKb.Settings(), null, TestContext.Current.CancellationToken, [MatchMode.Bm25]);

        var bm25 = Assert.Single(report.Configurations);
        Assert.Equal("bm25", bm25.Config);
        Assert.Equal(0.5, bm25.RecallAt1);
        Assert.Equal(0.5, bm25.RecallAt10);
        Assert.Equal(0.5, bm25.MrrAt10);
        Assert.Equal(0.5, bm25.NdcgAt10);
        Assert.Equal(2, bm25.LatenciesMs.Count);
        Assert.True(bm25.LatencyP99Ms >= bm25.LatencyP50Ms);
    }

    [Fact]
    public async Task NegativesCountAsFalseAnswersOrDeclinesButNeverInRecall()
    {
        var queries = new List<KbEvalQuery>
        {
            new("怎么退货？", "returns-how"),
            new("帮我写一首关于月亮的诗", null),
            new("怎么开发票？", null),
        };

        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, TestKb.Shop(), queries, TestKb.Settings(), null, TestContext.Current.CancellationToken);

        var reranked = report.Configurations.Single(c => c.Config == "hybrid+rerank");
        Assert.Equal(1, reranked.Answerable);
        Assert.Equal(2, reranked.Negatives);
        Assert.Equal(1.0, reranked.RecallAt1);
        var tiers = reranked.Tiers!;
        Assert.Equal(2, tiers.Unanswerable);
        // "怎么开发票？" is verbatim an FAQ question, so the exact-question rule answers it: a false answer.
        Assert.Equal(1, tiers.UnanswerableAnswered);
        Assert.Equal(0.5, reranked.FalseAnswerRate);
        Assert.Equal(0.5, reranked.AnswerPrecision);
        Assert.Equal(1.0, reranked.AnswerCoverage);
    }

    [Fact]
    public async Task VectorConfigurationsAreSkippedWithTheReasonWhenThereIsNoEmbedder()
    {
        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, TestKb.Shop(), [new("怎么退货", "returns-how")], TestKb.Settings(), null, TestContext.Current.CancellationToken);

        Assert.Equal(["bm25", "vector", "hybrid", "hybrid+rerank"], report.Configurations.Select(c => c.Config));
        var vector = report.Configurations[1];
        Assert.NotNull(vector.Skipped);
        Assert.Null(vector.Tiers);
        Assert.True(double.IsNaN(vector.RecallAt1));
        Assert.Null(report.Configurations[3].Skipped);
        Assert.False(report.Configurations[3].Vectors);
    }

    [Fact]
    public async Task TheCurveSweepsThresholdsFromZeroToOne()
    {
        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, TestKb.Shop(), [new("退货流程是什么", "returns-how"), new("运费谁出", "returns-shipping")], TestKb.Settings(), null, TestContext.Current.CancellationToken, [MatchMode.HybridRerank]);

        var curve = report.Configurations[0].Curve;
        Assert.Equal(0, curve[0].Threshold);
        Assert.Equal(1, curve[^1].Threshold);
        Assert.Equal(report.Configurations[0].RecallAt1, curve[0].Coverage);
        Assert.All(curve.Zip(curve.Skip(1)), p => Assert.True(p.Second.Coverage <= p.First.Coverage));
    }

    [Fact]
    public async Task EveryConfigurationRunsWithVectorsWhenAnEmbedderIsRegistered()
    {
        var settings = TestKb.Settings();
        settings.Recall.Vector = true;

        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, TestKb.Shop(), [new("退货流程是什么", "returns-how"), new("发票在哪里开", "invoices-how")], settings, new BigramHashEncoderFactory(), TestContext.Current.CancellationToken);

        Assert.All(report.Configurations, c => Assert.Null(c.Skipped));
        Assert.All(report.Configurations.Skip(1), c => Assert.True(c.Vectors, c.Config));
        Assert.Equal(1.0, report.Configurations.Single(c => c.Config == "vector").RecallAt1);
    }
}
