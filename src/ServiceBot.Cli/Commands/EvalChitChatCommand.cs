using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Bots;
using ServiceBot.ChatBot.Evaluation;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot eval chitchat</c>: runs held-out small talk (the shared chit-chat data) through a bot's
/// chit-chat layers the way the <c>chatbot</c> responder decides, and prints the hit rate overall, per
/// layer, per locale and per source, and how often a hit was the right one where the data's intent
/// labels map onto the bot's templates and corpus.
/// </summary>
internal static class EvalChitChatCommand
{
    public static Command Create()
    {
        var bot = new Option<string?>("--bot", "-b") { Description = "Bot id whose chit-chat and knowledge base are used (default: the default bot)." };
        var data = new Option<DirectoryInfo>("--data", "-d")
        {
            Description = "The chit-chat data folder holding chatterbot-zh/ and dialogflow-prebuilt/ (default: ../shared/data/chitchat).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("..", "shared", "data", "chitchat")),
        };
        var labels = new Option<FileInfo?>("--labels") { Description = "Intent → template/corpus id map (default: knowledge/<bot>/chitchat-labels.yaml when it exists)." };
        var wrong = new Option<int>("--show-wrong") { Description = "Print this many wrong hits as examples (default 10).", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var command = new Command("chitchat", "Evaluate the ChatBot's chit-chat hit rate on held-out small talk. Accepts --ServiceBot:… switches.") { bot, data, labels, wrong, json };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = parse.GetValue(data)!;
            if (!folder.Exists)
            {
                await Console.Error.WriteLineAsync($"error: '{folder.FullName}' does not exist; pass --data with the shared chit-chat folder.").ConfigureAwait(false);
                return 2;
            }

            using var host = KnowledgeHost.Build(parse.UnmatchedTokens);
            var target = KnowledgeHost.FindBot(host.Services, parse.GetValue(bot));
            if (target is null)
            {
                return 2;
            }

            IReadOnlyList<ChitChatSample> samples;
            IReadOnlyDictionary<string, IReadOnlyList<string>>? map = null;
            var labelFile = parse.GetValue(labels)?.FullName ?? Path.Combine("knowledge", target.Id, "chitchat-labels.yaml");
            try
            {
                samples = ChitChatDataSets.Load(folder.FullName);
                if (parse.GetValue(labels) is not null || File.Exists(labelFile))
                {
                    map = ChitChatDataSets.LoadLabels(labelFile);
                }
            }
            catch (Exception e) when (e is BotDefinitionException or IOException)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 2;
            }

            ChitChatEvaluationReport report;
            try
            {
                // The business comparison needs the bot's knowledge base loaded, as at server start.
                foreach (var initializer in host.Services.GetServices<IBotInitializer>())
                {
                    await initializer.InitializeAsync(target, cancellationToken).ConfigureAwait(false);
                }

                report = await host.Services.GetRequiredService<ChitChatEvaluator>().EvaluateAsync(target, samples, map, cancellationToken).ConfigureAwait(false);
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
                Print(report, map is null ? null : labelFile, parse.GetValue(wrong));
            }

            return 0;
        });
        return command;
    }

    private static void Print(ChitChatEvaluationReport report, string? labelFile, int wrongExamples)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"bot {report.Bot}: {report.Samples} utterances, {report.Duplicates} repeats dropped, {report.InBotContent} dropped as already in the bot's corpus or templates, {report.Overall.Total} held out"));
        Console.WriteLine();
        Console.WriteLine("                                      n   hit rate  template  retrieval   miss");
        Row("overall", report.Overall);
        foreach (var (locale, counts) in report.ByLocale)
        {
            Row(locale, counts);
        }

        foreach (var (source, counts) in report.BySource)
        {
            Row(source, counts);
        }

        Console.WriteLine();
        if (report.Labels is { } l)
        {
            Console.WriteLine(string.Create(c, $"right hits ({labelFile}): {l.Judged} utterances judged ({l.Answerable} whose intent the bot has an answer for), {l.Unjudged} not judged"));
            Console.WriteLine(string.Create(c, $"  {l.Hits} hits, {l.RightHits} right: precision {l.Precision:0.000}; right answers for {l.RightRate:0.000} of the answerable"));
            var wrong = report.Outcomes.Where(o => o.Right == false && o.Id is not null).Take(wrongExamples).ToList();
            if (wrong.Count > 0)
            {
                Console.WriteLine("  wrong hits, for example:");
                foreach (var o in wrong)
                {
                    Console.WriteLine(string.Create(c, $"    {o.Sample.Text} [{o.Sample.Label}] → {o.Layer} {o.Id} ({o.Score:0.00})"));
                }
            }
        }
        else
        {
            Console.WriteLine("right hits: not judged (no label map)");
        }

        Console.WriteLine();
        Console.WriteLine("hits by id: " + string.Join(", ", report.HitsById.Select(h => string.Create(c, $"{h.Key} {h.Value}"))));

        void Row(string name, ChitChatLayerCounts x) =>
            Console.WriteLine(string.Create(c, $"{name,-34} {x.Total,6} {x.HitRate,9:0.000} {x.Template,9} {x.Retrieval,10} {x.Miss,6}"));
    }
}
