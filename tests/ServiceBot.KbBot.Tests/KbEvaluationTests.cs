using System.Globalization;
using System.Text.Json;
using ServiceBot.KbBot.Evaluation;
using ServiceBot.KbBot.Formats;
using ServiceBot.Testing;

namespace ServiceBot.KbBot.Tests;

/// <summary>Quality on the sample shop KB's held-out questions (knowledge/shop/test-queries.jsonl), with the test analyzer.</summary>
public sealed class KbEvaluationTests
{
    [Fact]
    public async Task ShopKbRanksHeldOutQuestionsAndAnswersThemPrecisely()
    {
        var ct = TestContext.Current.CancellationToken;
        var root = SharedData.RepositoryRoot;
        var faq = await FaqFiles.ReadAsync(Path.Combine(root, "knowledge", "shop", "faq.json"), cancellationToken: ct);
        var queries = (await File.ReadAllLinesAsync(Path.Combine(root, "knowledge", "shop", "test-queries.jsonl"), ct))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => new KbEvalQuery(e.GetProperty("query").GetString()!, e.GetProperty("faq_id").GetString()))
            .ToList();

        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, faq.Entries, queries, TestKb.Settings(answer: 0.4, suggest: 0.15, training: true), null, ct);

        var output = TestContext.Current.TestOutputHelper!;
        foreach (var m in report.Modes)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Mode}: R@1 {m.RecallAt1:0.000} R@5 {m.RecallAt5:0.000} MRR {m.Mrr:0.000}"));
        }

        output.WriteLine(JsonSerializer.Serialize(report.Tiers));
        foreach (var p in report.Curve)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"t={p.Threshold:0.00} coverage {p.Coverage:0.000} precision {p.Precision:0.000} mean p {p.MeanProbability:0.000}"));
        }

        var reranked = report.Modes[^1];
        Assert.True(reranked.RecallAt1 >= report.Modes[0].RecallAt1, "Reranking must not lose to plain BM25.");
        // Floors for the character-bigram test analyzer (jieba does better); they catch regressions, not targets.
        Assert.True(reranked.RecallAt1 >= 0.62, $"Recall@1 {reranked.RecallAt1:0.000}");
        Assert.True(report.Tiers.AnswerPrecision >= 0.85, $"Answer precision {report.Tiers.AnswerPrecision:0.000}");
        Assert.True(report.Tiers.UnanswerableAnswered <= 5, $"{report.Tiers.UnanswerableAnswered} questions without an answer were answered.");
    }
}
