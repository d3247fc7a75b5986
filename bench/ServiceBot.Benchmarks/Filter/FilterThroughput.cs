using System.Diagnostics;
using System.Globalization;
using System.Text;
using ServiceBot.SensitiveWords.Matching;

namespace ServiceBot.Benchmarks.Filter;

/// <summary>
/// Rejector throughput on a corpus, measured the way bench_filter.js measures the npm peers so the
/// numbers sit side by side: the corpus is read into lines first, each line is one message, build
/// time is reported apart, and the best of three full passes after a warm-up counts.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/ServiceBot.Benchmarks -- filter-throughput CORPUS PATTERNS</c>
/// </remarks>
internal static class FilterThroughput
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: filter-throughput CORPUS PATTERNS");
            return 2;
        }

        var lines = File.ReadAllLines(args[0], Encoding.UTF8);
        var words = File.ReadAllLines(args[1], Encoding.UTF8).Where(w => w.Length > 0).ToArray();
        long bytes = lines.Sum(l => (long)Encoding.UTF8.GetByteCount(l) + 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"corpus={args[0]} lines={lines.Length} bytes={bytes} patterns={words.Length} runtime=.NET {Environment.Version}"));

        var clock = Stopwatch.StartNew();
        var folding = VariantFolding.Default;
        var patterns = new List<CompiledPattern>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in words)
        {
            var key = folding.FoldKey(word);
            if (key.Length > 0 && seen.Add(key))
            {
                patterns.Add(new CompiledPattern(key, word, 0));
            }
        }

        var automaton = WordAutomaton.Build(patterns, folding, 3);
        var buildMs = clock.Elapsed.TotalMilliseconds;

        Report("ServiceBot WordAutomaton.Count (folding on)", buildMs, bytes, lines, l => automaton.Count(l));
        Report("ServiceBot WordAutomaton.FindAll (folding on)", buildMs, bytes, lines, l => automaton.FindAll(l).Count);
        return 0;
    }

    private static void Report(string name, double buildMs, long bytes, string[] lines, Func<string, int> scan)
    {
        for (var i = 0; i < 2000; i++)
        {
            scan(lines[i % lines.Length]);
        }

        var best = double.MaxValue;
        long matches = 0;
        for (var run = 0; run < 3; run++)
        {
            matches = 0;
            var clock = Stopwatch.StartNew();
            foreach (var line in lines)
            {
                matches += scan(line);
            }

            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-52} build_ms={buildMs,6:F0} scan_s(best of 3)={best:F3} MB/s={bytes / best / 1e6,7:F2} matches={matches}"));
    }
}
