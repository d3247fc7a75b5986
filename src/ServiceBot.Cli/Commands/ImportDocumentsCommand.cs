using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot;
using ServiceBot.KbBot.Documents;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot import docs PATH…</c>: reads every document (md, html, txt, docx; folders recursively)
/// completely, and only when all of them read writes them into the bot's knowledge store in one
/// transaction; running servers pick them up through the change notice or the revision poll.
/// </summary>
internal static class ImportDocumentsCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH") { Description = "Document files (.md, .markdown, .html, .htm, .txt, .docx) or folders.", Arity = ArgumentArity.OneOrMore };
        var bot = new Option<string?>("--bot", "-b") { Description = "Bot id (default: the default bot)." };
        var mode = new Option<KnowledgeImportMode>("--mode", "-m")
        {
            Description = "merge: add and update documents by id; replace: these become all of the bot's documents.",
            DefaultValueFactory = _ => KnowledgeImportMode.Merge,
        };
        var dryRun = new Option<bool>("--dry-run", "-n") { Description = "Read and report only; change nothing." };
        var command = new Command("docs", "Import documents into a bot's knowledge base for QA recall and grounding. Accepts --ServiceBot:… switches.")
        {
            paths, bot, mode, dryRun,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            // A variadic argument also collects the --ServiceBot:… switches; they configure the host, they are not paths.
            var values = parse.GetValue(paths) ?? [];
            var switches = values.Where(IsSwitch).Concat(parse.UnmatchedTokens).ToList();
            using var host = KnowledgeHost.Build(switches);
            var target = KnowledgeHost.FindBot(host.Services, parse.GetValue(bot));
            if (target is null)
            {
                return 2;
            }

            var files = values.Where(v => !IsSwitch(v)).Select(Path.GetFullPath).ToList();
            return await RunAsync(host.Services, target, files, parse.GetValue(mode), parse.GetValue(dryRun), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static bool IsSwitch(string value) => value.StartsWith("--", StringComparison.Ordinal);

    public static async Task<int> RunAsync(IServiceProvider services, BotDefinition bot, IReadOnlyList<string> paths, KnowledgeImportMode mode, bool dryRun, CancellationToken cancellationToken)
    {
        var maxBytes = services.GetService<IOptions<KbBotOptions>>()?.Value.MaxDocumentBytes ?? DocumentFiles.DefaultMaxBytes;
        var result = await DocumentFiles.ReadAllAsync(paths, maxBytes, cancellationToken).ConfigureAwait(false);
        foreach (var skipped in result.Skipped)
        {
            await Console.Error.WriteLineAsync($"skipped (not a document format): {skipped}").ConfigureAwait(false);
        }

        foreach (var error in result.Errors)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
        }

        if (result.HasErrors)
        {
            await Console.Error.WriteLineAsync($"error: {result.Errors.Count} document(s) could not be read; nothing was imported.").ConfigureAwait(false);
            return 2;
        }

        if (result.Documents.Count == 0)
        {
            await Console.Error.WriteLineAsync("error: no document was found; nothing was imported.").ConfigureAwait(false);
            return 2;
        }

        if (dryRun)
        {
            Console.WriteLine($"{result.Documents.Count} document(s) read ({result.Documents.Sum(d => d.Text.Length)} characters); nothing imported (--dry-run).");
            return 0;
        }

        var store = services.GetRequiredService<IDocumentStore>();
        var summary = await store.ImportDocumentsAsync(bot.Id, result.Documents, mode, cancellationToken).ConfigureAwait(false);
        if (services.GetService<IKnowledgeChangeNotifier>() is { } notifier)
        {
            await notifier.PublishAsync(new KnowledgeChange(bot.Id, summary.Revision, [], "cli-import"), cancellationToken).ConfigureAwait(false);
        }

        Console.WriteLine($"Imported documents into '{bot.Id}': {summary.Added} added, {summary.Updated} updated, {summary.Unchanged} unchanged, {summary.Deleted} deleted (revision {summary.Revision}).");
        return 0;
    }
}
