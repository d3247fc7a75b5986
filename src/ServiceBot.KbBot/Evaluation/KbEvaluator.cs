using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Embedding;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Matching;
using ServiceBot.KbBot.Responding;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Evaluation;

/// <summary>
/// Evaluates a KB on labelled questions the way the <c>kbbot</c> responder answers them: builds the
/// snapshot (fitting the reranker and calibration on the KB's own paraphrases only, never on the
/// questions), then ranks every question under each configuration and applies the tiers.
/// </summary>
/// <remarks>Stateless; each call builds its own snapshot.</remarks>
public static class KbEvaluator
{
    private static readonly double[] CurveThresholds = [.. Enumerable.Range(0, 20).Select(i => i * 0.05)];

    /// <summary>Runs the evaluation; <paramref name="bot"/> supplies the <c>kb:</c> settings (defaults when null).</summary>
    /// <exception cref="BotDefinitionException">The bot's <c>kb:</c> section is invalid.</exception>
    public static async Task<KbEvaluationReport> EvaluateAsync(ITextAnalyzer analyzer, IReadOnlyList<FaqEntry> entries, IReadOnlyList<KbEvalQuery> queries, BotDefinition? bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(queries);
        var settings = bot is null ? new KbSettings() : KbService.ReadSettings(bot);
        return await EvaluateAsync(analyzer, entries, queries, settings, new LocalKbEncoderFactory(analyzer, NullLogger.Instance), cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<KbEvaluationReport> EvaluateAsync(ITextAnalyzer analyzer, IReadOnlyList<FaqEntry> entries, IReadOnlyList<KbEvalQuery> queries, KbSettings settings, IKbEncoderFactory? encoders, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var builder = new KbIndexBuilder(analyzer, encoders, NullLogger.Instance) { CalibrateAllModes = true };
        var snapshot = await builder.BuildAsync("eval", 1, entries, settings, cancellationToken).ConfigureAwait(false);
        var buildMs = clock.Elapsed.TotalMilliseconds;
        var modes = snapshot.Vectors is null ? new[] { MatchMode.Bm25, MatchMode.HybridRerank } : [MatchMode.Bm25, MatchMode.Vector, MatchMode.Hybrid, MatchMode.HybridRerank];
        var sums = modes.ToDictionary(m => m, _ => (At1: 0, At5: 0, Rr: 0.0));
        var (answerThreshold, suggestThreshold) = settings.ThresholdsFor(null);
        int answered = 0, answeredRight = 0, suggested = 0, suggestedRight = 0, missed = 0, unanswerable = 0, unanswerableAnswered = 0, unanswerableSuggested = 0;
        var tops = new List<(double Probability, bool Right, bool Answerable)>(queries.Count);
        var queryClock = new Stopwatch();
        var answerable = 0;

        foreach (var q in queries)
        {
            var utterance = analyzer.Analyze(q.Text);
            var language = q.Locale is not null ? Language(q.Locale) : utterance.Language switch
            {
                TextLanguage.English => "en",
                TextLanguage.Chinese or TextLanguage.Mixed => "zh",
                _ => null,
            };
            var expected = q.FaqId is not null && snapshot.EntryById.TryGetValue(q.FaqId, out var e) ? e : -1;
            var isAnswerable = q.FaqId is not null;
            answerable += isAnswerable ? 1 : 0;
            queryClock.Start();
            var query = await FaqMatcher.PrepareAsync(snapshot, utterance, null, cancellationToken).ConfigureAwait(false);
            queryClock.Stop();
            foreach (var mode in modes)
            {
                if (mode != MatchMode.HybridRerank)
                {
                    var m = FaqMatcher.Match(snapshot, query, mode);
                    var rank = RankOf(Usable(m.Candidates, language), expected);
                    Accumulate(sums, mode, rank, isAnswerable);
                    continue;
                }

                queryClock.Start();
                var match = FaqMatcher.Match(snapshot, query, mode);
                var candidates = Usable(match.Candidates, language);
                var decision = TierDecider.Decide(candidates, settings);
                queryClock.Stop();
                Accumulate(sums, mode, RankOf(candidates, expected), isAnswerable);
                var top = candidates.Count > 0 ? candidates[0] : null;
                tops.Add((top?.Probability ?? 0, top is not null && top.Entry == expected, isAnswerable));
                switch (decision.Tier)
                {
                    case KbTier.Answer when isAnswerable:
                        answered++;
                        answeredRight += decision.Chosen[0].Entry == expected ? 1 : 0;
                        break;
                    case KbTier.Answer:
                        unanswerableAnswered++;
                        break;
                    case KbTier.Suggest when isAnswerable:
                        suggested++;
                        suggestedRight += decision.Chosen.Any(c => c.Entry == expected) ? 1 : 0;
                        break;
                    case KbTier.Suggest:
                        unanswerableSuggested++;
                        break;
                    default:
                        missed += isAnswerable ? 1 : 0;
                        break;
                }
            }

            unanswerable += isAnswerable ? 0 : 1;
        }

        var modeResults = modes.Select(m => new KbModeResult(
            Name(m, snapshot.Vectors is not null),
            answerable == 0 ? double.NaN : (double)sums[m].At1 / answerable,
            answerable == 0 ? double.NaN : (double)sums[m].At5 / answerable,
            answerable == 0 ? double.NaN : sums[m].Rr / answerable)).ToList();
        var curve = CurveThresholds.Select(t =>
        {
            var given = tops.Where(x => x.Probability >= t).ToList();
            var right = given.Count(x => x.Right && x.Answerable);
            return new KbCurvePoint(t, answerable == 0 ? double.NaN : (double)right / answerable, given.Count == 0 ? double.NaN : (double)right / given.Count, given.Count == 0 ? double.NaN : given.Average(x => x.Probability));
        }).ToList();

        return new KbEvaluationReport(
            snapshot.Entries.Count,
            queries.Count,
            answerable,
            modeResults,
            new KbTierResult(answerThreshold, suggestThreshold, answered, answeredRight, suggested, suggestedRight, missed, unanswerable, unanswerableAnswered, unanswerableSuggested),
            curve,
            buildMs,
            queries.Count == 0 ? 0 : queryClock.Elapsed.TotalMilliseconds / queries.Count,
            snapshot.Training?.HeldOut ?? 0,
            snapshot.Training?.HeldOutRecallAt1 ?? double.NaN);
    }

    private static string Name(MatchMode mode, bool vectors) => mode switch
    {
        MatchMode.Bm25 => "bm25",
        MatchMode.Vector => "vector",
        MatchMode.Hybrid => "hybrid",
        _ => vectors ? "hybrid+rerank" : "bm25+rerank",
    };

    private static void Accumulate(Dictionary<MatchMode, (int At1, int At5, double Rr)> sums, MatchMode mode, int rank, bool answerable)
    {
        if (!answerable || rank < 0)
        {
            return;
        }

        var (at1, at5, rr) = sums[mode];
        sums[mode] = (at1 + (rank == 0 ? 1 : 0), at5 + (rank < 5 ? 1 : 0), rr + (1.0 / (rank + 1)));
    }

    private static int RankOf(List<KbCandidate> candidates, int entry)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i].Entry == entry)
            {
                return i;
            }
        }

        return -1;
    }

    private static List<KbCandidate> Usable(IReadOnlyList<KbCandidate> candidates, string? language) =>
        [.. candidates.Where(c => language is null || c.Faq.Locale is null || Language(c.Faq.Locale) == language)];

    private static string Language(string locale)
    {
        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return (dash > 0 ? locale[..dash] : locale).ToLowerInvariant();
    }
}
