using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using ServiceBot.Abstractions.Bots;
using ServiceBot.SensitiveWords.WordLists;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot filter --words FILE [--allow FILE] [--json] [TEXTFILE]</c>: runs the rejector's
/// sensitive-word matcher (variant folding, allow-list) over each line of TEXTFILE or stdin, so that an
/// operator can try a word list before a bot loads it.
/// </summary>
/// <remarks>
/// Text output is one tab-separated row per match: line number, category, start, length, the text as
/// written on the line, the list entry. <c>--json</c> prints one object per input line instead, with a
/// <c>matches</c> array (empty when nothing matched). Positions are UTF-16 offsets on the original line.
/// What the compile skipped or merged goes to stderr with file and line.
/// </remarks>
internal static class FilterCommand
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static Command Create()
    {
        var words = new Option<string[]>("--words", "-w")
        {
            Description = "A word list: one entry per line, `word` or `word<TAB>category`; repeatable.",
            Required = true,
        };
        var allow = new Option<string[]>("--allow", "-a") { Description = "An allow-list (same format): its entries hide matches inside them; repeatable." };
        var category = new Option<string>("--category", "-c") { Description = "Category of entries that name none.", DefaultValueFactory = _ => "default" };
        var json = new Option<bool>("--json") { Description = "One JSON object per input line, with a `matches` array." };
        var file = new Argument<string?>("TEXTFILE") { Description = "Text to check, one message per line (UTF-8); stdin when absent.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("filter", "Find sensitive words in each line of text, as the rejector would.")
        {
            words, allow, category, json, file,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var defaultCategory = result.GetValue(category) ?? "default";
            if (!SensitiveWordMatcher.IsCategoryName(defaultCategory))
            {
                return SegmentCommand.Fail(SegmentCommand.BadInput, $"--category '{defaultCategory}' is not a category name (letters, digits, '-' and '_', up to 64)");
            }

            var sources = (result.GetValue(words) ?? []).Select(f => new WordListSource(Path.GetFullPath(f), defaultCategory))
                .Concat((result.GetValue(allow) ?? []).Select(f => new WordListSource(Path.GetFullPath(f), "allow", IsAllowList: true)))
                .ToList();
            SensitiveWordMatcher matcher;
            try
            {
                matcher = SensitiveWordMatcher.Load(sources);
            }
            catch (BotDefinitionException e)
            {
                return SegmentCommand.Fail(SegmentCommand.BadInput, e.Message);
            }

            ReportCompile(matcher);
            if (!SegmentCommand.TryOpenInput(result.GetValue(file), out var input, out var exitCode))
            {
                return exitCode;
            }

            using (input)
            {
                var stdout = Console.OpenStandardOutput();
                await using (stdout.ConfigureAwait(false))
                {
                    if (result.GetValue(json))
                    {
                        await WriteJsonAsync(matcher, input, stdout, ct).ConfigureAwait(false);
                    }
                    else
                    {
                        await WriteRowsAsync(matcher, input, stdout, ct).ConfigureAwait(false);
                    }
                }
            }

            return 0;
        });
        return command;
    }

    private static void ReportCompile(SensitiveWordMatcher matcher)
    {
        var report = matcher.Report;
        foreach (var warning in report.Warnings)
        {
            Console.Error.WriteLine($"servicebot: {warning}");
        }

        if (report.WarningCount > report.Warnings.Count)
        {
            Console.Error.WriteLine($"servicebot: … and {report.WarningCount - report.Warnings.Count} more problems");
        }

        var folding = matcher.FoldsTraditional ? "" : "; OpenCC is not installed, so traditional characters do not fold to simplified";
        Console.Error.WriteLine($"servicebot: {report.Entries} entries from {report.Lines} lines ({report.Duplicates} duplicates after folding, {report.BlankLines} blank or comment lines, {report.Skipped} skipped){folding}");
    }

    private static async Task WriteRowsAsync(SensitiveWordMatcher matcher, TextReader input, Stream stdout, CancellationToken ct)
    {
        var output = new StreamWriter(stdout, SegmentCommand.Utf8, 1 << 16) { NewLine = "\n" };
        await using (output.ConfigureAwait(false))
        {
            var lineNumber = 0;
            while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
            {
                lineNumber++;
                foreach (var match in matcher.Find(line))
                {
                    // A tab or line break inside a span (noise between characters) would split the row.
                    var span = line.Substring(match.Start, match.Length).Replace('\t', ' ');
                    await output.WriteLineAsync($"{lineNumber}\t{match.Category}\t{match.Start}\t{match.Length}\t{span}\t{match.Word}").ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task WriteJsonAsync(SensitiveWordMatcher matcher, TextReader input, Stream stdout, CancellationToken ct)
    {
        var buffered = new BufferedStream(stdout, 1 << 16);
        await using (buffered.ConfigureAwait(false))
        {
            var writer = new Utf8JsonWriter(buffered, JsonOptions);
            await using (writer.ConfigureAwait(false))
            {
                var lineNumber = 0;
                while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                {
                    lineNumber++;
                    writer.WriteStartObject();
                    writer.WriteNumber("line", lineNumber);
                    writer.WriteStartArray("matches");
                    foreach (var match in matcher.Find(line))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("word", match.Word);
                        writer.WriteString("category", match.Category);
                        writer.WriteNumber("start", match.Start);
                        writer.WriteNumber("length", match.Length);
                        writer.WriteString("text", line.AsSpan(match.Start, match.Length));
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                    await writer.FlushAsync(ct).ConfigureAwait(false);
                    writer.Reset();
                    buffered.WriteByte((byte)'\n');
                }
            }
        }
    }
}
