using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot;
using ServiceBot.KbBot.Documents;
using ServiceBot.KbBot.Formats;
using Spectre.Console;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot import FILE</c>: validates a FAQ file (json, jsonl, csv, xlsx) completely and only then
/// writes it into the bot's knowledge store in one transaction, so a bad row never half-imports.
/// A document (md, html, docx) or a folder goes to <c>servicebot import docs</c>, which also takes .txt.
/// </summary>
internal static class ImportCommand
{
    private const int MaxIssuesShown = 30;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "FAQ file: .json, .jsonl, .csv or .xlsx (a .md, .html, .docx document or a folder is imported as documents)." };
        var bot = new Option<string?>("--bot", "-b") { Description = "Bot id (default: the default bot)." };
        var mode = new Option<KnowledgeImportMode>("--mode", "-m")
        {
            Description = "merge: add and update entries by id; replace: the file becomes the whole KB (entries not in it are deleted).",
            DefaultValueFactory = _ => KnowledgeImportMode.Merge,
        };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Validate and report only; change nothing." };
        var command = new Command("import", "Import FAQ entries into a bot's knowledge base, with a validation report. Accepts --ServiceBot:… switches.")
        {
            file, bot, mode, dryRun,
        };
        command.Subcommands.Add(ImportDocumentsCommand.Create());
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = KnowledgeHost.Build(parse.UnmatchedTokens);
            var target = KnowledgeHost.FindBot(host.Services, parse.GetValue(bot));
            if (target is null)
            {
                return 2;
            }

            var path = parse.GetValue(file)!.FullName;
            if (Directory.Exists(path) || (DocumentFiles.IsDocument(path) && !path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase)))
            {
                return await ImportDocumentsCommand.RunAsync(host.Services, target, [path], parse.GetValue(mode), parse.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
            }

            var analyzer = host.Services.GetService<ITextAnalyzer>();
            var maxBytes = host.Services.GetRequiredService<IOptions<KbBotOptions>>().Value.MaxImportBytes;
            var result = await ReadAsync(path, analyzer, maxBytes, cancellationToken).ConfigureAwait(false);
            Report(result);
            if (result.HasErrors)
            {
                await Console.Error.WriteLineAsync($"error: {Path.GetFileName(path)} has {result.ErrorCount} error(s); nothing was imported.").ConfigureAwait(false);
                return 2;
            }

            if (parse.GetValue(dryRun))
            {
                Console.WriteLine($"{result.Entries.Count} entries are valid ({result.WarningCount} warning(s)); nothing imported (--dry-run).");
                return 0;
            }

            var store = host.Services.GetRequiredService<IKnowledgeStore>();
            var summary = await store.ImportFaqsAsync(target.Id, result.Entries, parse.GetValue(mode), cancellationToken).ConfigureAwait(false);
            var notifier = host.Services.GetService<IKnowledgeChangeNotifier>();
            if (notifier is not null)
            {
                await notifier.PublishAsync(new KnowledgeChange(target.Id, summary.Revision, [.. result.Entries.Select(e => e.Id)], "cli-import"), cancellationToken).ConfigureAwait(false);
            }

            Console.WriteLine($"Imported into '{target.Id}': {summary.Added} added, {summary.Updated} updated, {summary.Unchanged} unchanged, {summary.Deleted} deleted (revision {summary.Revision}).");
            return 0;
        });
        return command;
    }

    private static async Task<FaqReadResult> ReadAsync(string path, ITextAnalyzer? analyzer, long maxBytes, CancellationToken cancellationToken)
    {
        Func<string, string>? normalize = analyzer is null ? null : s => analyzer.Analyze(s).Normalized;
        if (Console.IsErrorRedirected || Console.IsOutputRedirected)
        {
            return await FaqFiles.ReadAsync(path, new FaqReadOptions { Normalize = normalize, MaxBytes = maxBytes }, cancellationToken).ConfigureAwait(false);
        }

        FaqReadResult? result = null;
        await AnsiConsole.Progress().AutoClear(true).StartAsync(async context =>
        {
            var task = context.AddTask("Reading " + Path.GetFileName(path), maxValue: 1);
            var progress = new Progress<double>(p => task.Value = p);
            result = await FaqFiles.ReadAsync(path, new FaqReadOptions { Normalize = normalize, MaxBytes = maxBytes, Progress = progress }, cancellationToken).ConfigureAwait(false);
            task.Value = 1;
        }).ConfigureAwait(false);
        return result!;
    }

    private static void Report(FaqReadResult result)
    {
        foreach (var issue in result.Issues.OrderByDescending(i => i.Severity == FaqIssueSeverity.Error).Take(MaxIssuesShown))
        {
            Console.Error.WriteLine(issue.ToString());
        }

        if (result.Issues.Count > MaxIssuesShown)
        {
            Console.Error.WriteLine($"… and {result.Issues.Count - MaxIssuesShown} more issue(s).");
        }
    }
}
