using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Evaluation;
using ServiceBot.KbBot.Formats;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot eval kb --queries FILE</c>: runs labelled questions through each recall/rerank
/// configuration the way the <c>kbbot</c> responder answers them and prints ranking, tier and latency
/// figures, as a table, as one JSON object per configuration, or as an HTML report with charts.
/// </summary>
internal static class EvalKbCommand
{
    public static Command Create()
    {
        var queries = new Option<FileInfo>("--queries", "-q")
        {
            Description = "Labelled questions: JSONL {\"query\": \"…\", \"faq_id\": \"…\" or null, \"locale\": optional}, or an intents CSV (text,category).",
            Required = true,
        };
        var negatives = new Option<FileInfo?>("--negatives") { Description = "Questions without an answer: JSONL {\"query\": \"…\"} or plain text, one a line." };
        var bot = new Option<string?>("--bot", "-b") { Description = "Bot id whose kb: settings are used (default: the default bot)." };
        var kb = new Option<FileInfo?>("--kb") { Description = "KB file instead of the bot's knowledge store: any import format, or an intents CSV (text,category: one entry per intent)." };
        var config = new Option<string[]>("--config")
        {
            Description = $"Configurations to run, repeated or comma-separated (default: all): {string.Join(", ", KbConfigurations.All)}.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per configuration, one a line." };
        var report = new Option<FileInfo?>("--report") { Description = "Also write a self-contained HTML report with the precision/coverage curves and the latency histogram." };
        var dumpTokens = new Option<DirectoryInfo?>("--dump-tokens") { Description = "Write the KB and the questions as the analyzer's terms (kb.tsv, queries.tsv) into this folder and stop." };
        var command = new Command("kb", "Evaluate the KB-Bot's matching and tiers on labelled questions. Accepts --ServiceBot:… switches.")
        {
            queries, negatives, bot, kb, config, json, report, dumpTokens,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var configurations = (parse.GetValue(config) ?? []).SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            if (configurations.FirstOrDefault(c => !KbConfigurations.IsKnown(c)) is { } unknown)
            {
                return await FailAsync($"unknown configuration '{unknown}' (configurations: {string.Join(", ", KbConfigurations.All)}).").ConfigureAwait(false);
            }

            List<KbEvalQuery> questions;
            try
            {
                questions = await KbEvalFiles.ReadQueriesAsync(parse.GetValue(queries)!.FullName, negatives: false, cancellationToken).ConfigureAwait(false);
                if (parse.GetValue(negatives) is { } negativeFile)
                {
                    questions.AddRange(await KbEvalFiles.ReadQueriesAsync(negativeFile.FullName, negatives: true, cancellationToken).ConfigureAwait(false));
                }
            }
            catch (KbEvalFileException e)
            {
                return await FailAsync(e.Message).ConfigureAwait(false);
            }

            if (questions.Count == 0)
            {
                return await FailAsync("there are no questions to evaluate.").ConfigureAwait(false);
            }

            using var host = KnowledgeHost.Build(parse.UnmatchedTokens);
            var target = KnowledgeHost.FindBot(host.Services, parse.GetValue(bot));
            if (target is null)
            {
                return 2;
            }

            if (host.Services.GetService<ITextAnalyzer>() is null)
            {
                return await FailAsync("no text analyzer is registered (the text analysis is not part of this build).").ConfigureAwait(false);
            }

            var entries = await ReadEntriesAsync(host.Services, target, parse.GetValue(kb)?.FullName, cancellationToken).ConfigureAwait(false);
            if (entries is null)
            {
                return 2;
            }

            if (parse.GetValue(dumpTokens) is { } folder)
            {
                await KbTokenDump.WriteAsync(host.Services, entries, questions, folder.FullName, cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"wrote {Path.Combine(folder.FullName, "kb.tsv")} and queries.tsv").ConfigureAwait(false);
                return 0;
            }

            KbEvaluationReport result;
            try
            {
                result = await KbEvaluator.EvaluateAsync(host.Services, entries, questions, target, configurations, cancellationToken).ConfigureAwait(false);
            }
            catch (BotDefinitionException e)
            {
                return await FailAsync(e.Message).ConfigureAwait(false);
            }

            if (result.UnknownFaqIds > 0)
            {
                await Console.Error.WriteLineAsync($"warning: {result.UnknownFaqIds} question(s) name an faq_id the KB does not have; they count as never recalled.").ConfigureAwait(false);
            }

            if (parse.GetValue(json))
            {
                foreach (var c in result.Configurations)
                {
                    Console.WriteLine(JsonLine(c));
                }
            }
            else
            {
                Print(result);
            }

            if (parse.GetValue(report) is { } html)
            {
                await KbReportHtml.WriteAsync(result, html.FullName, cancellationToken).ConfigureAwait(false);
                await Console.Error.WriteLineAsync($"wrote {html.FullName}").ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    /// <summary>One configuration as a single-line JSON object with snake_case keys; a figure that was not measured is null.</summary>
    internal static string JsonLine(KbConfigurationResult c)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("config", c.Config);
            if (c.Skipped is not null)
            {
                w.WriteString("skipped", c.Skipped);
            }

            w.WriteNumber("queries", c.Queries);
            w.WriteNumber("answerable", c.Answerable);
            w.WriteNumber("negatives", c.Negatives);
            if (c.Skipped is null)
            {
                w.WriteBoolean("vectors", c.Vectors);
                if (c.RerankerWeights is not null)
                {
                    w.WriteString("reranker_weights", c.RerankerWeights);
                }

                Number(w, "recall_at_1", c.RecallAt1);
                Number(w, "recall_at_3", c.RecallAt3);
                Number(w, "recall_at_5", c.RecallAt5);
                Number(w, "recall_at_10", c.RecallAt10);
                Number(w, "mrr_at_10", c.MrrAt10);
                Number(w, "ndcg_at_10", c.NdcgAt10);
                Number(w, "answer_precision", c.AnswerPrecision);
                Number(w, "answer_coverage", c.AnswerCoverage);
                Number(w, "suggest_hit_rate", c.SuggestHitRate);
                Number(w, "miss_rate", c.MissRate);
                Number(w, "false_answer_rate", c.FalseAnswerRate);
                Number(w, "latency_p50_ms", c.LatencyP50Ms);
                Number(w, "latency_p99_ms", c.LatencyP99Ms);
                var totalMs = c.LatenciesMs.Sum();
                Number(w, "qps", totalMs > 0 ? c.LatenciesMs.Count / (totalMs / 1000) : double.NaN);
                Number(w, "answer_threshold", c.Tiers?.AnswerThreshold ?? double.NaN);
                Number(w, "suggest_threshold", c.Tiers?.SuggestThreshold ?? double.NaN);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, Math.Round(value, 6));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static async Task<int> FailAsync(string message)
    {
        await Console.Error.WriteLineAsync("error: " + message).ConfigureAwait(false);
        return 2;
    }

    private static async Task<IReadOnlyList<FaqEntry>?> ReadEntriesAsync(IServiceProvider services, BotDefinition bot, string? file, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            var result = await KbEvalFiles.ReadKbAsync(file, cancellationToken).ConfigureAwait(false);
            if (result.HasErrors)
            {
                foreach (var issue in result.Issues.Where(i => i.Severity == FaqIssueSeverity.Error).Take(10))
                {
                    await Console.Error.WriteLineAsync(issue.ToString()).ConfigureAwait(false);
                }

                await Console.Error.WriteLineAsync($"error: {Path.GetFileName(file)} has {result.ErrorCount} error(s).").ConfigureAwait(false);
                return null;
            }

            return result.Entries;
        }

        var entries = await services.GetRequiredService<IKnowledgeStore>().ListFaqsAsync(bot.Id, cancellationToken).ConfigureAwait(false);
        if (entries.Count == 0)
        {
            await FailAsync($"the knowledge store of '{bot.Id}' is empty; import the FAQ first or pass --kb FILE.").ConfigureAwait(false);
            return null;
        }

        return entries;
    }

    private static string F(double value, string format = "0.000") => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    private static void Print(KbEvaluationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{report.Entries} entries, {report.Questions} questions ({report.Answerable} with an answer, {report.Questions - report.Answerable} without); built in {report.BuildMs:0} ms, calibrated on {report.TrainingQuestions} held-out paraphrases"));
        Console.WriteLine();
        Console.WriteLine("configuration    R@1    R@3    R@5   R@10 MRR@10 nDCG@10 | ans.prec ans.cov sugg.hit  miss false.ans | p50 ms  p99 ms");
        foreach (var m in report.Configurations)
        {
            if (m.Skipped is not null)
            {
                Console.WriteLine($"{m.Config}: skipped — {m.Skipped}");
                continue;
            }

            var name = m.Vectors || m.Config != "hybrid+rerank" ? m.Config : "hybrid+rerank*";
            Console.WriteLine($"{name,-14} {F(m.RecallAt1),6} {F(m.RecallAt3),6} {F(m.RecallAt5),6} {F(m.RecallAt10),6} {F(m.MrrAt10),6} {F(m.NdcgAt10),7} | {F(m.AnswerPrecision),8} {F(m.AnswerCoverage),7} {F(m.SuggestHitRate),8} {F(m.MissRate),5} {F(m.FalseAnswerRate),9} | {F(m.LatencyP50Ms, "0.00"),6} {F(m.LatencyP99Ms, "0.00"),7}");
        }

        if (report.Configurations.Any(m => m.Skipped is null && !m.Vectors && m.Config == "hybrid+rerank"))
        {
            Console.WriteLine("* without vectors: BM25 recall with the lexical reranker");
        }

        if (report.Configurations.FirstOrDefault(m => m.RerankerWeights is not null) is { } reranked)
        {
            Console.WriteLine($"hybrid+rerank weights: {reranked.RerankerNote ?? reranked.RerankerWeights}");
        }

        if (report.Configurations.FirstOrDefault(m => m.Tiers is not null)?.Tiers is { } t)
        {
            Console.WriteLine();
            Console.WriteLine(string.Create(c, $"tiers at answer ≥ {t.AnswerThreshold}, suggest ≥ {t.SuggestThreshold} (the bot's kb.thresholds); per configuration:"));
            foreach (var m in report.Configurations.Where(m => m.Tiers is not null))
            {
                var s = m.Tiers!;
                Console.WriteLine(string.Create(c, $"  {m.Config,-14} answered {s.Answered} ({s.AnsweredCorrectly} right), suggested {s.Suggested} ({s.SuggestedContainingAnswer} with the answer), declined {s.Missed}; without an answer: {s.Unanswerable} ({s.UnanswerableAnswered} answered, {s.UnanswerableSuggested} suggested)"));
            }
        }
    }
}
