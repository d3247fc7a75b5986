using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Evaluation;
using ServiceBot.KbBot.Formats;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot eval kb --queries FILE</c>: ranks labelled questions against a bot's KB the way the
/// <c>kbbot</c> responder does and prints Recall@1/@5, MRR, the tiers and the precision/coverage curve.
/// </summary>
internal static class EvalKbCommand
{
    public static Command Create()
    {
        var queries = new Option<FileInfo>("--queries", "-q")
        {
            Description = "JSONL, one question a line: {\"query\": \"…\", \"faq_id\": \"…\" or null, \"locale\": optional}.",
            Required = true,
        };
        var bot = new Option<string?>("--bot", "-b") { Description = "Bot id whose kb: settings are used (default: the default bot)." };
        var kb = new Option<FileInfo?>("--kb") { Description = "FAQ file to evaluate instead of the bot's knowledge store." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("kb", "Evaluate the KB-Bot's matching and tiers on labelled questions. Accepts --ServiceBot:… switches.") { queries, bot, kb, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = KnowledgeHost.Build(parse.UnmatchedTokens);
            var target = KnowledgeHost.FindBot(host.Services, parse.GetValue(bot));
            if (target is null)
            {
                return 2;
            }

            if (host.Services.GetService<ITextAnalyzer>() is not { } analyzer)
            {
                await Console.Error.WriteLineAsync("error: no text analyzer is registered (the text analysis is not part of this build).").ConfigureAwait(false);
                return 2;
            }

            var questions = await ReadQueriesAsync(parse.GetValue(queries)!.FullName, cancellationToken).ConfigureAwait(false);
            if (questions is null)
            {
                return 2;
            }

            var entries = await ReadEntriesAsync(host.Services, target, parse.GetValue(kb)?.FullName, cancellationToken).ConfigureAwait(false);
            if (entries is null)
            {
                return 2;
            }

            KbEvaluationReport report;
            try
            {
                report = await KbEvaluator.EvaluateAsync(analyzer, entries, questions, target, cancellationToken).ConfigureAwait(false);
            }
            catch (BotDefinitionException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(report, EvalCommand.ReportJson));
            }
            else
            {
                Print(report);
            }

            return 0;
        });
        return command;
    }

    private static async Task<List<KbEvalQuery>?> ReadQueriesAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"error: '{path}' does not exist.").ConfigureAwait(false);
            return null;
        }

        var list = new List<KbEvalQuery>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var e = JsonDocument.Parse(line).RootElement;
                var text = e.GetProperty("query").GetString();
                if (string.IsNullOrWhiteSpace(text))
                {
                    throw new JsonException("\"query\" is empty");
                }

                var id = e.TryGetProperty("faq_id", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null;
                var locale = e.TryGetProperty("locale", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString() : null;
                list.Add(new KbEvalQuery(text, id, locale));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync($"error: {Path.GetFileName(path)} line {number}: expected {{\"query\": \"…\", \"faq_id\": …}} ({ex.Message}).").ConfigureAwait(false);
                return null;
            }
        }

        return list;
    }

    private static async Task<IReadOnlyList<FaqEntry>?> ReadEntriesAsync(IServiceProvider services, BotDefinition bot, string? file, CancellationToken cancellationToken)
    {
        if (file is not null)
        {
            var result = await FaqFiles.ReadAsync(file, cancellationToken: cancellationToken).ConfigureAwait(false);
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
            await Console.Error.WriteLineAsync($"error: the knowledge store of '{bot.Id}' is empty; import the FAQ first or pass --kb FILE.").ConfigureAwait(false);
            return null;
        }

        return entries;
    }

    private static void Print(KbEvaluationReport report)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"{report.Entries} entries, {report.Questions} questions ({report.Answerable} with an answer); built in {report.BuildMs:0} ms, {report.MeanQueryMs:0.00} ms per question"));
        Console.WriteLine();
        Console.WriteLine("configuration      R@1    R@5    MRR");
        foreach (var m in report.Modes)
        {
            Console.WriteLine(string.Create(c, $"{m.Mode,-17} {m.RecallAt1,6:0.000} {m.RecallAt5,6:0.000} {m.Mrr,6:0.000}"));
        }

        var t = report.Tiers;
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"tiers (answer ≥ {t.AnswerThreshold}, suggest ≥ {t.SuggestThreshold}):"));
        Console.WriteLine(string.Create(c, $"  answered {t.Answered} ({t.AnsweredCorrectly} right), suggested {t.Suggested} ({t.SuggestedContainingAnswer} with the answer), declined {t.Missed}"));
        Console.WriteLine(string.Create(c, $"  without an answer: {t.Unanswerable} ({t.UnanswerableAnswered} answered, {t.UnanswerableSuggested} suggested)"));
        Console.WriteLine(string.Create(c, $"  answer precision {t.AnswerPrecision:0.000} at coverage {t.AnswerCoverage(report.Answerable):0.000}"));
        Console.WriteLine();
        Console.WriteLine("threshold  coverage  precision  mean p");
        foreach (var p in report.Curve)
        {
            Console.WriteLine(string.Create(c, $"{p.Threshold,9:0.00} {p.Coverage,9:0.000} {p.Precision,10:0.000} {p.MeanProbability,7:0.000}"));
        }
    }
}
