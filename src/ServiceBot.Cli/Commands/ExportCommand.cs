using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.KbBot.Formats;

namespace ServiceBot.Cli.Commands;

/// <summary><c>servicebot export FILE</c>: writes a bot's whole knowledge base as json, jsonl, csv or xlsx (by the file's extension).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Target file: .json, .jsonl, .csv or .xlsx (overwritten)." };
        var bot = new Option<string?>("--bot", "-b") { Description = "Bot id (default: the default bot)." };
        var command = new Command("export", "Export a bot's FAQ entries to a file. Accepts --ServiceBot:… switches.") { file, bot };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!.FullName;
            if (FaqFiles.TryFormatOf(path) is not { } format)
            {
                await Console.Error.WriteLineAsync($"error: '{path}': unknown FAQ file type (use .json, .jsonl, .csv or .xlsx).").ConfigureAwait(false);
                return 2;
            }

            using var host = KnowledgeHost.Build(parse.UnmatchedTokens);
            var target = KnowledgeHost.FindBot(host.Services, parse.GetValue(bot));
            if (target is null)
            {
                return 2;
            }

            var entries = await host.Services.GetRequiredService<IKnowledgeStore>().ListFaqsAsync(target.Id, cancellationToken).ConfigureAwait(false);

            // Write next to the target and move over it, so a failed export never leaves a truncated file behind.
            var temporary = path + ".tmp-" + Environment.ProcessId;
            try
            {
                var stream = File.Create(temporary);
                await using (stream.ConfigureAwait(false))
                {
                    await FaqFiles.WriteAsync(stream, entries, format, cancellationToken).ConfigureAwait(false);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                File.Delete(temporary);
                await Console.Error.WriteLineAsync($"error: cannot write '{path}': {e.Message}").ConfigureAwait(false);
                return 2;
            }

            Console.WriteLine($"Exported {entries.Count} entries of '{target.Id}' to {path}.");
            return 0;
        });
        return command;
    }
}
