using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using ServiceBot.Text;
using ServiceBot.Text.Segmentation;

namespace ServiceBot.Cli.Commands;

/// <summary>
/// <c>servicebot segment [-d DELIM] [--mode default|full|search] [--no-hmm] [-u USERDICT] [--stats] [--no-cache] [FILE]</c>: segments UTF-8 lines
/// from FILE or stdin with jieba's algorithm, one output line per input line, words joined by DELIM,
/// exactly like <c>python3 -m jieba -d DELIM</c>.
/// </summary>
internal static class SegmentCommand
{
    /// <summary>Exit code for bad input (unknown file, bad option value, bad user dictionary).</summary>
    internal const int BadInput = 2;

    /// <summary>Exit code when the installed data is missing (jieba's dictionary, OpenCC).</summary>
    internal const int MissingData = 1;

    /// <summary>Passes over the input after the first one in <c>--stats</c>; the best is reported.</summary>
    private const int WarmPasses = 3;

    internal static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    internal static Command Create()
    {
        var delimiter = new Option<string>("--delimiter", "-d") { Description = "Word delimiter.", DefaultValueFactory = _ => "/" };
        var mode = new Option<string>("--mode", "-m") { Description = "Segmentation mode: default, full or search.", DefaultValueFactory = _ => "default" };
        var noHmm = new Option<bool>("--no-hmm", "-n") { Description = "Do not recognize unknown words with the HMM." };
        var userDictionary = new Option<string[]>("--user-dict", "-u") { Description = "A user dictionary (\"word [freq] [tag]\" per line); repeatable." };
        var jiebaDirectory = new Option<string?>("--jieba-dir") { Description = "Folder of jieba's data (dict.txt, finalseg/); found automatically by default." };
        var stats = new Option<bool>("--stats") { Description = "Time segmentation apart from start and dictionary load; print load time, throughput (MB/s) and memory to stderr." };
        var noCache = new Option<bool>("--no-cache") { Description = "Build the dictionary from dict.txt instead of reading the binary cache (a cold load)." };
        var file = new Argument<string?>("FILE") { Description = "Input file (UTF-8); stdin when absent.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("segment", "Segment Chinese text with jieba's algorithm (one line of words per input line).")
        {
            delimiter, mode, noHmm, userDictionary, jiebaDirectory, stats, noCache, file,
        };
        command.SetAction(async (ParseResult result, CancellationToken ct) =>
        {
            var modeText = result.GetValue(mode) ?? "default";
            if (!TryParseMode(modeText, out var segmentMode))
            {
                return Fail(BadInput, $"unknown mode '{modeText}'; use default, full or search");
            }

            var clock = Stopwatch.StartNew();
            if (!TryCreateAnalysis(result.GetValue(jiebaDirectory), result.GetValue(userDictionary), out var analysis, out var exitCode, useCache: !result.GetValue(noCache)))
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

    internal static bool TryCreateAnalysis(string? jiebaDirectory, string[]? userDictionaries, out TextAnalysis analysis, out int exitCode, bool useCache = true)
    {
        analysis = null!;
        exitCode = 0;
        try
        {
            // Segmentation and keywords work on the text as given: no OpenCC needed.
            analysis = TextAnalysis.Create(new TextOptions { JiebaDirectory = jiebaDirectory, TraditionalToSimplified = false, UseCache = useCache });
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
    /// Reads every line first, then times segmentation alone, words as strings and nothing kept, as the
    /// peers' scripts time theirs: one first pass (which includes the JIT compiling the hot paths) and
    /// <see cref="WarmPasses"/> more, of which the best is reported; then the offsets-only API, then the
    /// output is written untimed. Process start and dictionary load are reported apart.
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
        long words = 0;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var gcBefore = GC.CollectionCount(0);
        var firstPass = TimeCut(segmenter, lines, mode, hmm, ref words);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        var gcCount = GC.CollectionCount(0) - gcBefore;
        var bestPass = double.MaxValue;
        for (var pass = 0; pass < WarmPasses; pass++)
        {
            long ignored = 0;
            bestPass = Math.Min(bestPass, TimeCut(segmenter, lines, mode, hmm, ref ignored));
        }

        var ranges = new List<Range>();
        var bestSpans = double.MaxValue;
        for (var pass = 0; pass < WarmPasses; pass++)
        {
            var clock = Stopwatch.StartNew();
            foreach (var line in lines)
            {
                ranges.Clear();
                segmenter.Segment(line, ranges, mode, hmm);
            }

            bestSpans = Math.Min(bestSpans, clock.Elapsed.TotalSeconds);
        }

        foreach (var line in lines)
        {
            WriteJoined(output, segmenter.Cut(line, mode, hmm), delimiter);
        }

        using var process = Process.GetCurrentProcess();
        var dictionary = segmenter.Dictionary;
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"impl=servicebot mode={mode.ToString().ToLowerInvariant()} hmm={hmm} lines={lines.Count} bytes={bytes} words={words} " +
            $"init_s={loadTime.TotalSeconds:F3} dict_load_s={dictionary.LoadTime.TotalSeconds:F3} dict_from_cache={dictionary.LoadedFromCache} " +
            $"first_pass_s={firstPass:F3} first_pass_MB/s={bytes / firstPass / 1e6:F3} seg_s={bestPass:F3} MB/s={bytes / bestPass / 1e6:F3} " +
            $"spans_MB/s={bytes / bestSpans / 1e6:F3} alloc_B_per_byte={(double)allocated / bytes:F2} gen0_gcs={gcCount} " +
            $"dict_MB={dictionary.MemoryBytes / 1e6:F1} peak_rss_MB={process.PeakWorkingSet64 / 1e6:F1}")).ConfigureAwait(false);
    }

    private static double TimeCut(JiebaSegmenter segmenter, List<string> lines, SegmentMode mode, bool hmm, ref long words)
    {
        var clock = Stopwatch.StartNew();
        foreach (var line in lines)
        {
            words += segmenter.Cut(line, mode, hmm).Count;
        }

        return clock.Elapsed.TotalSeconds;
    }
}
