using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ServiceBot.Text;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot segment [-d DELIM] [--mode default|full|search] [--no-hmm] [FILE]</c>: segments UTF-8 lines
/// from FILE or stdin with jieba's algorithm, one output line per input line, words joined by DELIM,
/// exactly like <c>python3 -m jieba -d DELIM</c>.
/// </summary>
internal static class SegmentCommand
{
    /// <summary>Exit code for bad input (unknown file, bad option value, bad user dictionary).</summary>
    internal const int BadInput = 2;

    /// <summary>Exit code when the installed data is missing (jieba's dictionary, OpenCC).</summary>
    internal const int MissingData = 1;

    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    internal static Command Create()
    {
        var delimiter = new Option<string>("--delimiter", "-d") { Description = "Word delimiter.", DefaultValueFactory = _ => "/" };
        var mode = new Option<string>("--mode", "-m") { Description = "Segmentation mode: default, full or search.", DefaultValueFactory = _ => "default" };
        var noHmm = new Option<bool>("--no-hmm", "-n") { Description = "Do not recognize unknown words with the HMM." };
        var userDictionary = new Option<string[]>("--user-dict", "-u") { Description = "A user dictionary (\"word [freq] [tag]\" per line); repeatable." };
        var jiebaDirectory = new Option<string?>("--jieba-dir") { Description = "Folder of jieba's data (dict.txt, finalseg/); found automatically by default." };
        var stats = new Option<bool>("--stats") { Description = "Print dictionary load time, throughput (MB/s) and memory to stderr." };
        var file = new Argument<string?>("FILE") { Description = "Input file (UTF-8); stdin when absent.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("segment", "Segment Chinese text with jieba's algorithm (one line of words per input line).")
        {
            delimiter, mode, noHmm, userDictionary, jiebaDirectory, stats, file,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var modeText = result.GetValue(mode) ?? "default";
            if (!TryParseMode(modeText, out var segmentMode))
            {
                return Fail(BadInput, $"unknown mode '{modeText}'; use default, full or search");
            }

            var clock = Stopwatch.StartNew();
            if (!TryCreateAnalysis(result.GetValue(jiebaDirectory), result.GetValue(userDictionary), out var analysis, out var exitCode))
            {
                return exitCode;
            }

            var loadTime = clock.Elapsed;
            using (analysis)
            {
                if (!TryOpenInput(result.GetValue(file), out var input, out exitCode))
                {
                    return exitCode;
                }

                using (input)
                {
                    var output = OpenOutput();
                    await using (output.ConfigureAwait(false))
                    {
                        var hmm = !result.GetValue(noHmm);
                        var delim = result.GetValue(delimiter) ?? "/";
                        if (result.GetValue(stats))
                        {
                            await RunWithStatsAsync(analysis, input, output, segmentMode, hmm, delim, loadTime, ct).ConfigureAwait(false);
                        }
                        else
                        {
                            while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
                            {
                                WriteJoined(output, analysis.Segmenter.Cut(line, segmentMode, hmm), delim);
                            }
                        }
                    }
                }
            }

            return 0;
        });
        return command;
    }

    internal static bool TryCreateAnalysis(string? jiebaDirectory, string[]? userDictionaries, out TextAnalysis analysis, out int exitCode)
    {
        analysis = null!;
        exitCode = 0;
        try
        {
            // Segmentation and keywords work on the text as given: no OpenCC needed.
            analysis = TextAnalysis.Create(new TextOptions { JiebaDirectory = jiebaDirectory, TraditionalToSimplified = false });
        }
        catch (Exception e) when (e is TextDataNotFoundException or InvalidDataException or IOException)
        {
            exitCode = Fail(MissingData, e.Message);
            return false;
        }

        foreach (var path in userDictionaries ?? [])
        {
            try
            {
                analysis.Segmenter.LoadUserDictionary(path);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                analysis.Dispose();
                exitCode = Fail(BadInput, e is FileNotFoundException ? $"user dictionary {path} does not exist" : e.Message);
                return false;
            }
        }

        return true;
    }

    internal static bool TryOpenInput(string? path, out TextReader input, out int exitCode)
    {
        exitCode = 0;
        if (string.IsNullOrEmpty(path) || path == "-")
        {
            input = new StreamReader(Console.OpenStandardInput(), Utf8, detectEncodingFromByteOrderMarks: true, 1 << 16);
            return true;
        }

        if (!File.Exists(path))
        {
            input = TextReader.Null;
            exitCode = Fail(BadInput, $"{path}: no such file");
            return false;
        }

        input = new StreamReader(path, Utf8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 });
        return true;
    }

    internal static StreamWriter OpenOutput() =>
        new(Console.OpenStandardOutput(), Utf8, 1 << 16) { NewLine = "\n", AutoFlush = false };

    internal static int Fail(int exitCode, string message)
    {
        Console.Error.WriteLine($"servicebot: {message}");
        return exitCode;
    }

    internal static void WriteJoined(TextWriter output, IReadOnlyList<string> words, string delimiter)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0)
            {
                output.Write(delimiter);
            }

            output.Write(words[i]);
        }

        output.Write('\n');
    }

    private static bool TryParseMode(string text, out SegmentMode mode)
    {
        (var known, mode) = text.ToLowerInvariant() switch
        {
            "default" or "accurate" => (true, SegmentMode.Default),
            "full" or "all" => (true, SegmentMode.Full),
            "search" => (true, SegmentMode.Search),
            _ => (false, SegmentMode.Default),
        };
        return known;
    }

    /// <summary>
    /// Reads every line first, then times segmentation alone (words as strings, as the peers' scripts
    /// time theirs), then writes the output: the figures match bench/segment's peer scripts.
    /// </summary>
    private static async Task RunWithStatsAsync(TextAnalysis analysis, TextReader input, TextWriter output, SegmentMode mode, bool hmm, string delimiter, TimeSpan loadTime, CancellationToken ct)
    {
        var lines = new List<string>();
        long bytes = 0;
        while (await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            lines.Add(line);
            bytes += Utf8.GetByteCount(line) + 1;
        }

        var segmenter = analysis.Segmenter;
        var results = new IReadOnlyList<string>[lines.Count];
        long words = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < lines.Count; i++)
        {
            results[i] = segmenter.Cut(lines[i], mode, hmm);
            words += results[i].Count;
        }

        var cutTime = clock.Elapsed.TotalSeconds;
        var ranges = new List<Range>();
        clock.Restart();
        foreach (var line in lines)
        {
            ranges.Clear();
            segmenter.Segment(line, ranges, mode, hmm);
        }

        var spanTime = clock.Elapsed.TotalSeconds;
        foreach (var result in results)
        {
            WriteJoined(output, result, delimiter);
        }

        using var process = Process.GetCurrentProcess();
        var dictionary = segmenter.Dictionary;
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"impl=servicebot lines={lines.Count} bytes={bytes} words={words} init_s={loadTime.TotalSeconds:F3} dict_from_cache={dictionary.LoadedFromCache} " +
            $"dict_load_s={dictionary.LoadTime.TotalSeconds:F3} seg_s={cutTime:F3} MB/s={bytes / cutTime / 1e6:F3} spans_MB/s={bytes / spanTime / 1e6:F3} " +
            $"dict_MB={dictionary.MemoryBytes / 1e6:F1} peak_rss_MB={process.PeakWorkingSet64 / 1e6:F1}")).ConfigureAwait(false);
    }
}
