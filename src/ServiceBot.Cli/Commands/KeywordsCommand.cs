using System.CommandLine;
using System.Globalization;
using ServiceBot.Text.Keywords;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot keywords [-k N] [FILE]</c>: the top N TF-IDF keywords of each UTF-8 line of FILE or stdin
/// (jieba's IDF table), one output line per input line.
/// </summary>
internal static class KeywordsCommand
{
    internal static Command Create()
    {
        var top = new Option<int>("--top", "-k") { Description = "How many keywords per line.", DefaultValueFactory = _ => 20 };
        var delimiter = new Option<string>("--delimiter", "-d") { Description = "Keyword delimiter.", DefaultValueFactory = _ => "/" };
        var weights = new Option<bool>("--weights", "-w") { Description = "Print each keyword as word:weight." };
        var stopWords = new Option<string?>("--stop-words") { Description = "A stop-word file (one per line) replacing the built-in lists." };
        var userDictionary = new Option<string[]>("--user-dict", "-u") { Description = "A user dictionary (\"word [freq] [tag]\" per line); repeatable." };
        var jiebaDirectory = new Option<string?>("--jieba-dir") { Description = "Folder of jieba's data (dict.txt, finalseg/, analyse/idf.txt); found automatically by default." };
        var file = new Argument<string?>("FILE") { Description = "Input file (UTF-8); stdin when absent.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("keywords", "Extract TF-IDF keywords from each line of text.")
        {
            top, delimiter, weights, stopWords, userDictionary, jiebaDirectory, file,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var k = result.GetValue(top);
            if (k <= 0)
            {
                return SegmentCommand.Fail(SegmentCommand.BadInput, $"--top must be a positive number, not {k}");
            }

            var stopWordFile = result.GetValue(stopWords);
            if (stopWordFile is not null && !File.Exists(stopWordFile))
            {
                return SegmentCommand.Fail(SegmentCommand.BadInput, $"{stopWordFile}: no such file");
            }

            if (!SegmentCommand.TryCreateAnalysis(result.GetValue(jiebaDirectory), result.GetValue(userDictionary), out var analysis, out var exitCode))
            {
                return exitCode;
            }

            using (analysis)
            {
                var extractor = analysis.Keywords;
                if (stopWordFile is not null)
                {
                    var words = await File.ReadAllLinesAsync(stopWordFile, ct).ConfigureAwait(false);
                    extractor = extractor.WithStopWords(words.Select(w => w.Trim()).Where(w => w.Length > 0));
                }

                if (!SegmentCommand.TryOpenInput(result.GetValue(file), out var input, out exitCode))
                {
                    return exitCode;
                }

                using (input)
                {
                    var output = SegmentCommand.OpenOutput();
                    await using (output.ConfigureAwait(false))
                    {
                        var delim = result.GetValue(delimiter) ?? "/";
                        var withWeights = result.GetValue(weights);
                        IReadOnlyList<Keyword> keywords;
                        try
                        {
                            // The IDF table loads with the first line; a missing one is reported before any output.
                            _ = extractor.MedianIdf;
                        }
                        catch (Exception e) when (e is Text.TextDataNotFoundException or InvalidDataException)
                        {
                            return SegmentCommand.Fail(SegmentCommand.MissingData, e.Message);
                        }

                        while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                        {
                            keywords = extractor.Extract(line, k);
                            SegmentCommand.WriteJoined(output, [.. keywords.Select(kw => withWeights ? string.Create(CultureInfo.InvariantCulture, $"{kw.Word}:{kw.Weight:G6}") : kw.Word)], delim);
                        }
                    }
                }
            }

            return 0;
        });
        return command;
    }
}
