using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Knowledge;
using ServiceBot.Abstractions.Text;
using ServiceBot.KbBot.Index;
using ServiceBot.KbBot.Matching;
using ServiceBot.KbBot.Responding;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Evaluation;

/// <summary>
/// Evaluates a KB on labelled questions the way the <c>kbbot</c> responder answers them: builds the
/// snapshot (fitting the reranker and calibration on the KB's own paraphrases only, never on the
/// questions), then runs every question through each configuration, from analysis to the tiers.
/// </summary>
/// <remarks>
/// Stateless; each call builds its own snapshot. Configurations run one after the other, each over all
/// questions, so a question's latency is that configuration's alone (a BM25-only question is not
/// charged for encoding a vector).
/// </remarks>
public static class KbEvaluator
{
    /// <summary>Questions run through a configuration before timing starts, so JIT and first-touch costs stay out of the percentiles.</summary>
    private const int WarmUpQuestions = 50;

    private const int CurveSteps = 50;

    /// <summary>
    /// Runs the evaluation with the services of the composition: its <see cref="ITextAnalyzer"/>, and its
    /// embedder and synonym source when it registers them. <paramref name="bot"/> supplies the <c>kb:</c>
    /// settings (defaults when null); <paramref name="configurations"/> selects configurations by name (all when null).
    /// </summary>
    /// <exception cref="BotDefinitionException">The bot's <c>kb:</c> section is invalid.</exception>
    /// <exception cref="ArgumentException">A configuration name is not one of <see cref="KbConfigurations.All"/>.</exception>
    /// <exception cref="InvalidOperationException">No text analyzer is registered.</exception>
    public static async Task<KbEvaluationReport> EvaluateAsync(IServiceProvider services, IReadOnlyList<FaqEntry> entries, IReadOnlyList<KbEvalQuery> queries, BotDefinition? bot, IReadOnlyList<string>? configurations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var analyzer = services.GetRequiredService<ITextAnalyzer>();
        var settings = bot is null ? new KbSettings() : KbService.ReadSettings(bot);
        var encoders = services.GetServices<IKbEncoderFactory>().LastOrDefault();
        var synonyms = bot is null ? null : services.GetServices<ISynonymSource>().LastOrDefault()?.For(bot);
        return await EvaluateAsync(analyzer, entries, queries, settings, encoders, cancellationToken, Modes(configurations), synonyms).ConfigureAwait(false);
    }

    internal static async Task<KbEvaluationReport> EvaluateAsync(
        ITextAnalyzer analyzer,
        IReadOnlyList<FaqEntry> entries,
        IReadOnlyList<KbEvalQuery> queries,
        KbSettings settings,
        IKbEncoderFactory? encoders,
        CancellationToken cancellationToken,
        IReadOnlyList<MatchMode>? modes = null,
        Func<string, IReadOnlyList<string>>? synonyms = null)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(queries);
        var clock = Stopwatch.StartNew();
        var builder = new KbIndexBuilder(analyzer, encoders, NullLogger.Instance) { CalibrateAllModes = true, Synonyms = synonyms };
        var snapshot = await builder.BuildAsync("eval", 1, entries, settings, cancellationToken).ConfigureAwait(false);
        var buildMs = clock.Elapsed.TotalMilliseconds;

        var labels = LabelAll(analyzer, snapshot, queries);
        var answerable = 0;
        var unknown = 0;
        foreach (var label in labels)
        {
            answerable += label.Answerable ? 1 : 0;
            unknown += label.Answerable && label.Expected < 0 ? 1 : 0;
        }

        var results = new List<KbConfigurationResult>();
        foreach (var mode in (modes ?? [MatchMode.Bm25, MatchMode.Vector, MatchMode.Hybrid, MatchMode.HybridRerank]).Distinct().Order())
        {
            if (mode is MatchMode.Vector or MatchMode.Hybrid && snapshot.Vectors is null)
            {
                results.Add(new KbConfigurationResult
                {
                    Config = KbConfigurations.NameOf(mode),
                    Skipped = snapshot.DegradedReason ?? "no embedder",
                    Queries = queries.Count,
                    Answerable = answerable,
                    Negatives = queries.Count - answerable,
                });
                continue;
            }

            results.Add(await RunAsync(analyzer, snapshot, queries, labels, answerable, mode, synonyms, cancellationToken).ConfigureAwait(false));
        }

        return new KbEvaluationReport(
            snapshot.Entries.Count,
            queries.Count,
            answerable,
            results,
            buildMs,
            snapshot.Training?.HeldOut ?? 0,
            snapshot.Training?.HeldOutRecallAt1 ?? double.NaN,
            unknown);
    }

    private static List<MatchMode>? Modes(IReadOnlyList<string>? names)
    {
        if (names is null || names.Count == 0)
        {
            return null;
        }

        var modes = new List<MatchMode>(names.Count);
        foreach (var name in names)
        {
            if (!KbConfigurations.TryParse(name, out var mode))
            {
                throw new ArgumentException($"unknown configuration '{name}' (configurations: {string.Join(", ", KbConfigurations.All)}).", nameof(names));
            }

            modes.Add(mode);
        }

        return modes;
    }

    /// <summary>The expected entry and the language of each question, worked out before any timing.</summary>
    private static Label[] LabelAll(ITextAnalyzer analyzer, KbSnapshot snapshot, IReadOnlyList<KbEvalQuery> queries)
    {
        var labels = new Label[queries.Count];
        for (var i = 0; i < labels.Length; i++)
        {
            var q = queries[i];
            var language = q.Locale is not null ? Language(q.Locale) : analyzer.Analyze(q.Text).Language switch
            {
                TextLanguage.English => "en",
                TextLanguage.Chinese or TextLanguage.Mixed => "zh",
                _ => null,
            };
            var expected = q.FaqId is not null && snapshot.EntryById.TryGetValue(q.FaqId, out var e) ? e : -1;
            labels[i] = new Label(expected, q.FaqId is not null, language);
        }

        return labels;
    }

    private static async Task<KbConfigurationResult> RunAsync(ITextAnalyzer analyzer, KbSnapshot snapshot, IReadOnlyList<KbEvalQuery> queries, Label[] labels, int answerable, MatchMode mode, Func<string, IReadOnlyList<string>>? synonyms, CancellationToken cancellationToken)
    {
        var settings = snapshot.Settings;
        for (var i = 0; i < Math.Min(WarmUpQuestions, queries.Count); i++)
        {
            await AnswerAsync(analyzer, snapshot, queries[i].Text, labels[i].Language, mode, synonyms, cancellationToken).ConfigureAwait(false);
        }

        var latencies = new double[queries.Count];
        var tops = new (double Probability, bool Right)[queries.Count];
        double at1 = 0, at3 = 0, at5 = 0, at10 = 0, rr = 0, ndcg = 0;
        int answered = 0, answeredRight = 0, suggested = 0, suggestedRight = 0, missed = 0, negatives = 0, negativesAnswered = 0, negativesSuggested = 0;
        var vectorsUsed = false;
        for (var i = 0; i < queries.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var (candidates, decision, vectors) = await AnswerAsync(analyzer, snapshot, queries[i].Text, labels[i].Language, mode, synonyms, cancellationToken).ConfigureAwait(false);
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            vectorsUsed |= vectors;
            var (expected, isAnswerable, _) = labels[i];
            var top = candidates.Count > 0 ? candidates[0] : null;
            tops[i] = (top?.Probability ?? 0, isAnswerable && top is not null && top.Entry == expected);
            if (isAnswerable)
            {
                var rank = RankOf(candidates, expected);
                at1 += KbMetrics.HitAt(rank, 1);
                at3 += KbMetrics.HitAt(rank, 3);
                at5 += KbMetrics.HitAt(rank, 5);
                at10 += KbMetrics.HitAt(rank, 10);
                rr += KbMetrics.ReciprocalRankAt(rank, 10);
                ndcg += KbMetrics.NdcgAt(rank, 10);
            }
            else
            {
                negatives++;
            }

            switch (decision.Tier)
            {
                case KbTier.Answer when isAnswerable:
                    answered++;
                    answeredRight += decision.Chosen[0].Entry == expected ? 1 : 0;
                    break;
                case KbTier.Answer:
                    negativesAnswered++;
                    break;
                case KbTier.Suggest when isAnswerable:
                    suggested++;
                    suggestedRight += Contains(decision.Chosen, expected) ? 1 : 0;
                    break;
                case KbTier.Suggest:
                    negativesSuggested++;
                    break;
                default:
                    missed += isAnswerable ? 1 : 0;
                    break;
            }
        }

        var (answerThreshold, suggestThreshold) = settings.ThresholdsFor(null);
        double Share(double sum) => answerable == 0 ? double.NaN : sum / answerable;
        var sorted = (double[])latencies.Clone();
        var reranked = mode == MatchMode.HybridRerank;
        var weights = !reranked ? null : vectorsUsed ? snapshot.Training?.Hybrid : snapshot.Training?.Lexical;
        return new KbConfigurationResult
        {
            Config = KbConfigurations.NameOf(mode),
            Vectors = vectorsUsed,
            RerankerWeights = !reranked ? null : weights?.Fitted == true ? "fitted" : "prior",
            RerankerNote = weights?.ToString(),
            Queries = queries.Count,
            Answerable = answerable,
            Negatives = negatives,
            RecallAt1 = Share(at1),
            RecallAt3 = Share(at3),
            RecallAt5 = Share(at5),
            RecallAt10 = Share(at10),
            MrrAt10 = Share(rr),
            NdcgAt10 = Share(ndcg),
            Tiers = new KbTierResult(answerThreshold, suggestThreshold, answered, answeredRight, suggested, suggestedRight, missed, negatives, negativesAnswered, negativesSuggested),
            LatencyP50Ms = KbMetrics.Percentile(sorted, 50),
            LatencyP99Ms = KbMetrics.Percentile(sorted, 99),
            Curve = Curve(tops, answerable),
            LatenciesMs = latencies,
        };
    }

    /// <summary>One customer question as the responder handles it: analysis, recall, rerank, calibration and tiers.</summary>
    private static async ValueTask<(IReadOnlyList<KbCandidate> Candidates, TierDecision Decision, bool Vectors)> AnswerAsync(ITextAnalyzer analyzer, KbSnapshot snapshot, string text, string? language, MatchMode mode, Func<string, IReadOnlyList<string>>? synonyms, CancellationToken cancellationToken)
    {
        var utterance = analyzer.Analyze(text);
        var query = mode == MatchMode.Bm25
            ? FaqMatcher.Prepare(utterance, snapshot.Settings.Recall.SynonymWeight, synonyms, null)
            : await FaqMatcher.PrepareAsync(snapshot, utterance, synonyms, cancellationToken).ConfigureAwait(false);
        var match = FaqMatcher.Match(snapshot, query, mode);
        var candidates = Usable(match.Candidates, language);
        return (candidates, TierDecider.Decide(candidates, snapshot.Settings), match.VectorsUsed);
    }

    /// <summary>Precision and coverage when answering at or above each threshold in [0, 1], from the top candidate's probability.</summary>
    private static List<KbCurvePoint> Curve((double Probability, bool Right)[] tops, int answerable)
    {
        var curve = new List<KbCurvePoint>(CurveSteps + 1);
        for (var step = 0; step <= CurveSteps; step++)
        {
            var threshold = (double)step / CurveSteps;
            int given = 0, right = 0;
            var sum = 0.0;
            foreach (var (probability, isRight) in tops)
            {
                if (probability >= threshold)
                {
                    given++;
                    right += isRight ? 1 : 0;
                    sum += probability;
                }
            }

            curve.Add(new KbCurvePoint(threshold, answerable == 0 ? double.NaN : (double)right / answerable, given == 0 ? double.NaN : (double)right / given, given == 0 ? double.NaN : sum / given));
        }

        return curve;
    }

    private static int RankOf(IReadOnlyList<KbCandidate> candidates, int entry)
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

    private static bool Contains(IReadOnlyList<KbCandidate> candidates, int entry) => RankOf(candidates, entry) >= 0;

    /// <summary>The candidates in the question's language; the same list (no copy) when every candidate qualifies.</summary>
    private static IReadOnlyList<KbCandidate> Usable(IReadOnlyList<KbCandidate> candidates, string? language)
    {
        if (language is null)
        {
            return candidates;
        }

        for (var i = 0; i < candidates.Count; i++)
        {
            if (!Fits(candidates[i], language))
            {
                var usable = new List<KbCandidate>(candidates.Count);
                foreach (var c in candidates)
                {
                    if (Fits(c, language))
                    {
                        usable.Add(c);
                    }
                }

                return usable;
            }
        }

        return candidates;
    }

    private static bool Fits(KbCandidate candidate, string language)
    {
        if (candidate.Faq.Locale is not { } locale)
        {
            return true;
        }

        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return (dash > 0 ? locale.AsSpan(0, dash) : locale.AsSpan()).Equals(language, StringComparison.OrdinalIgnoreCase);
    }

    private static string Language(string locale)
    {
        var dash = locale.IndexOf('-', StringComparison.Ordinal);
        return (dash > 0 ? locale[..dash] : locale).ToLowerInvariant();
    }

    private readonly record struct Label(int Expected, bool Answerable, string? Language);
}
