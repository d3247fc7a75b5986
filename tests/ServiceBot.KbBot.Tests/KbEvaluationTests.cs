using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Evaluation;
using ServiceBot.KbBot.Formats;
using ServiceBot.Testing;

namespace ServiceBot.KbBot.Tests;

/// <summary>
/// Quality on labelled data with the test analyzer: the sample shop KB's held-out questions
/// (knowledge/shop/test-queries.jsonl) and, when the shared data is present, faq-zh-bq and Banking77 as an FAQ.
/// The numbers printed are the ones in docs/kb-bot.md.
/// </summary>
[Trait("Category", "Evaluation")]
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

        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, faq.Entries, queries, WithVectors(TestKb.Settings(answer: 0.4, suggest: 0.15, training: true)), Embedder(), ct);

        Print(report);

        var reranked = report.Configurations[^1];
        Assert.True(reranked.RecallAt1 >= report.Configurations[0].RecallAt1, "Reranking must not lose to plain BM25.");
        // Floors for the character-bigram test analyzer (jieba does better); they catch regressions, not targets.
        Assert.True(reranked.RecallAt1 >= 0.72, $"Recall@1 {reranked.RecallAt1:0.000}");
        Assert.Equal(["bm25", "vector", "hybrid", "hybrid+rerank"], report.Configurations.Select(m => m.Config));
        Assert.True(report.Configurations[1].RecallAt1 >= 0.70, $"Vector Recall@1 {report.Configurations[1].RecallAt1:0.000}");
        Assert.True(reranked.AnswerPrecision >= 0.85, $"Answer precision {reranked.AnswerPrecision:0.000}");
        Assert.True(reranked.Tiers!.UnanswerableAnswered <= 5, $"{reranked.Tiers!.UnanswerableAnswered} questions without an answer were answered.");
    }

    [Fact]
    public async Task FaqZhBqHeldOutQueriesAreRankedAndAnsweredPrecisely()
    {
        var ct = TestContext.Current.CancellationToken;
        if (SharedData.File("faq-zh-bq/bq_faq_kb.jsonl") is not { } kbPath || SharedData.File("faq-zh-bq/bq_faq_queries.jsonl") is not { } queryPath)
        {
            Assert.Skip("The shared faq-zh-bq data is not present.");
            return;
        }

        var entries = new List<FaqEntry>();
        foreach (var line in await File.ReadAllLinesAsync(kbPath, ct))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var e = JsonDocument.Parse(line).RootElement;
            var id = e.GetProperty("faq_id").GetString()!;
            entries.Add(new FaqEntry
            {
                Id = id,
                StandardQuestion = e.GetProperty("standard_question").GetString()!,
                SimilarQuestions = [.. e.GetProperty("similar_questions").EnumerateArray().Select(q => q.GetString()!)],
                Answer = RichAnswer.Plain(id),
            });
        }

        var queries = (await File.ReadAllLinesAsync(queryPath, ct))
            .Where(l => l.Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Select(e => new KbEvalQuery(e.GetProperty("query").GetString()!, e.GetProperty("faq_id").GetString()))
            .ToList();

        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, entries, queries, WithVectors(TestKb.Settings(answer: 0.4, suggest: 0.15, training: true)), Embedder(), ct);
        Print(report);

        Assert.True(report.Configurations[^1].RecallAt1 >= report.Configurations[0].RecallAt1, "Reranking must not lose to plain BM25.");
        Assert.True(report.Configurations[^1].RecallAt5 >= 0.47, $"Recall@5 {report.Configurations[^1].RecallAt5:0.000}");
    }

    [Fact]
    public async Task Banking77AsAnFaqRanksTheTestUtterances()
    {
        var ct = TestContext.Current.CancellationToken;
        if (SharedData.File("intents-en-banking77/train.csv") is not { } trainPath || SharedData.File("intents-en-banking77/test.csv") is not { } testPath)
        {
            Assert.Skip("The shared Banking77 data is not present.");
            return;
        }

        // One entry per intent: its training utterances are the entry's questions.
        var train = await ReadBankingAsync(trainPath, ct);
        var entries = train.GroupBy(r => r.Intent, StringComparer.Ordinal).Select(g => new FaqEntry
        {
            Id = g.Key,
            StandardQuestion = g.First().Text,
            SimilarQuestions = [.. g.Skip(1).Select(r => r.Text)],
            Answer = RichAnswer.Plain(g.Key),
        }).ToList();
        var queries = (await ReadBankingAsync(testPath, ct)).Select(r => new KbEvalQuery(r.Text, r.Intent)).ToList();

        var settings = WithVectors(TestKb.Settings(answer: 0.4, suggest: 0.15, training: true));
        settings.Recall.Rows = 200;
        var report = await KbEvaluator.EvaluateAsync(TestKb.Analyzer, entries, queries, settings, Embedder(), ct);
        Print(report);

        Assert.True(report.Configurations[^1].RecallAt1 >= report.Configurations[0].RecallAt1, "Reranking must not lose to plain BM25.");
        Assert.True(report.Configurations[1].RecallAt1 >= 0.89, $"Vector Recall@1 {report.Configurations[1].RecallAt1:0.000}");
        Assert.True(report.Configurations[^1].RecallAt1 >= 0.88, $"Hybrid+rerank Recall@1 {report.Configurations[^1].RecallAt1:0.000}");
    }

    private static LocalKbEncoderFactory Embedder() => new(TestKb.Analyzer, NullLogger.Instance);

    private static Settings.KbSettings WithVectors(Settings.KbSettings settings)
    {
        settings.Recall.Vector = true;
        return settings;
    }

    private static async Task<List<(string Text, string Intent)>> ReadBankingAsync(string path, CancellationToken ct)
    {
        var rows = new List<(string, string)>();
        foreach (var line in (await File.ReadAllLinesAsync(path, ct)).Skip(1))
        {
            var comma = line.LastIndexOf(',');
            if (comma <= 0)
            {
                continue;
            }

            var text = line[..comma].Trim();
            if (text.Length > 1 && text[0] == '"' && text[^1] == '"')
            {
                text = text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            rows.Add((text, line[(comma + 1)..].Trim()));
        }

        return rows;
    }

    private static void Print(KbEvaluationReport report)
    {
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"entries {report.Entries}, questions {report.Questions} ({report.Answerable} answerable), build {report.BuildMs:0} ms, calibration on {report.TrainingQuestions} held-out paraphrases"));
        foreach (var m in report.Configurations)
        {
            if (m.Skipped is not null)
            {
                output.WriteLine($"{m.Config}: skipped — {m.Skipped}");
                continue;
            }

            var t = m.Tiers!;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.Config}: R@1 {m.RecallAt1:0.000} R@5 {m.RecallAt5:0.000} MRR@10 {m.MrrAt10:0.000} nDCG@10 {m.NdcgAt10:0.000}; answer ≥ {t.AnswerThreshold}: {t.Answered} answered ({t.AnsweredCorrectly} right), {t.Suggested} suggested ({t.SuggestedContainingAnswer} containing the answer), {t.Missed} declined; unanswerable {t.Unanswerable}: {t.UnanswerableAnswered} answered; precision {m.AnswerPrecision:0.000}, coverage {m.AnswerCoverage:0.000}; p50 {m.LatencyP50Ms:0.00} ms"));
        }
    }
}
