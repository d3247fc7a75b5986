using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Matching;
using ServiceBot.KbBot.Settings;
using ServiceBot.Server;

namespace ServiceBot.Benchmarks.Kb;

/// <summary>
/// The KB-Bot at scale: a generated FAQ (<see cref="SyntheticFaq"/>, by default 100k entries × 10
/// similar questions) indexed by the same builder as the server, with the server's analyzer and
/// embedder, then held-out paraphrases matched one at a time through recall and rerank (the path a
/// turn takes: <see cref="FaqMatcher.PrepareAsync"/> then <see cref="FaqMatcher.Match"/>).
/// Prints build time, managed memory held by the snapshot, and per-query latency percentiles.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project bench/ServiceBot.Benchmarks -- kb-scale [ENTRIES] [SIMILAR] [QUERIES] [--no-vectors]</c>.
/// One thread queries, as one turn does; the numbers are for the machine it runs on.
/// </remarks>
internal static class KbScale
{
    private const string JiebaDictionary = "/usr/lib/python3/dist-packages/jieba/dict.txt";

    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var entries = numbers.Length > 0 ? numbers[0] : 100_000;
        var similar = numbers.Length > 1 ? numbers[1] : 10;
        var queryCount = numbers.Length > 2 ? numbers[2] : 2_000;
        var vectors = !args.Contains("--no-vectors");
        if (!File.Exists(JiebaDictionary))
        {
            Console.Error.WriteLine($"{JiebaDictionary} is missing: run scripts/setup.sh runtime first.");
            return 2;
        }

        using var host = BuildHost();
        var analyzer = host.Services.GetRequiredService<ITextAnalyzer>();
        var encoders = host.Services.GetServices<IKbEncoderFactory>().LastOrDefault();

        var clock = Stopwatch.StartNew();
        var (faq, queries) = SyntheticFaq.FromJiebaDictionary(JiebaDictionary, seed: 20261205).Generate(entries, similar, queryCount);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"kb-scale entries={faq.Count} similar={similar} questions={faq.Sum(e => 1 + e.SimilarQuestions.Count)} queries={queries.Count} vectors={(vectors ? encoders?.GetType().Name ?? "none registered" : "off")} cores={Environment.ProcessorCount} dotnet={Environment.Version}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate_s={clock.Elapsed.TotalSeconds:0.0}"));

        var settings = new KbSettings();
        settings.Recall.Vector = vectors;
        // The builder's and the embedder's Information lines time the phases (training, vectors).
        var builder = new KbIndexBuilder(analyzer, encoders, host.Services.GetRequiredService<ILoggerFactory>().CreateLogger<KbIndexBuilder>());
        var before = GC.GetTotalMemory(forceFullCollection: true);
        clock.Restart();
        var snapshot = await builder.BuildAsync("bench", 1, faq, settings, CancellationToken.None).ConfigureAwait(false);
        var build = clock.Elapsed.TotalSeconds;
        faq = null;
        var held = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1048576.0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"build_s={build:0.0} (analyze, train, BM25{(snapshot.Vectors is null ? "" : ", vectors")}) snapshot_managed_mb={held:0} working_set_mb={Environment.WorkingSet / 1048576.0:0}{(snapshot.DegradedReason is { } why ? " degraded=" + why : "")}"));

        // Warm-up: the JIT and the caches, on queries that are then measured again.
        for (var i = 0; i < Math.Min(200, queries.Count); i++)
        {
            await MatchAsync(snapshot, analyzer, queries[i].Query).ConfigureAwait(false);
        }

        var latencies = new double[queries.Count];
        var right = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var match = await MatchAsync(snapshot, analyzer, queries[i].Query).ConfigureAwait(false);
            latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (match.Candidates.Count > 0 && match.Candidates[0].Faq.Id == queries[i].Id)
            {
                right++;
            }
        }

        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"query (analyze + recall + rerank, one thread): p50_ms={Percentile(latencies, 0.50):0.000} p90_ms={Percentile(latencies, 0.90):0.000} p99_ms={Percentile(latencies, 0.99):0.000} max_ms={latencies[^1]:0.000} mean_ms={latencies.Average():0.000} recall_at_1={right / (double)queries.Count:0.000}"));
        GC.KeepAlive(snapshot);
        return 0;
    }

    private static async ValueTask<KbMatch> MatchAsync(KbSnapshot snapshot, ITextAnalyzer analyzer, string text)
    {
        var prepared = await FaqMatcher.PrepareAsync(snapshot, analyzer.Analyze(text), null, CancellationToken.None).ConfigureAwait(false);
        return FaqMatcher.Match(snapshot, prepared, MatchMode.HybridRerank);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = ["--ServiceBot:DataDirectory=" + Directory.CreateTempSubdirectory("servicebot-bench-kb-").FullName],
            ContentRootPath = Filter.EvaluationData.RepositoryRoot(),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("ServiceBot", LogLevel.Information);
        builder.Logging.AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss ");
        builder.Services.AddServiceBot(builder.Configuration);
        return builder.Build();
    }
}
