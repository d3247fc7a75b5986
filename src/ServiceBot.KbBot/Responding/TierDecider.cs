using ServiceBot.KbBot.Matching;
using ServiceBot.KbBot.Settings;

namespace ServiceBot.KbBot.Responding;

/// <summary>Turns calibrated probabilities into answer / suggest / miss with the KB's (and category's) thresholds.</summary>
internal static class TierDecider
{
    public static TierDecision Decide(IReadOnlyList<KbCandidate> candidates, KbSettings settings)
    {
        if (candidates.Count == 0)
        {
            var (a, s) = settings.ThresholdsFor(null);
            return new TierDecision(KbTier.Miss, [], 0, a, s, "no-candidates");
        }

        if (ExactQuestion(candidates) is { } exact)
        {
            var (ea, es) = settings.ThresholdsFor(exact.Faq.Category);
            return new TierDecision(KbTier.Answer, [exact], exact.Probability, ea, es, "exact-question");
        }

        var top = candidates[0];
        var (answer, suggest) = settings.ThresholdsFor(top.Faq.Category);
        var coverage = top.Features[PairFeature.QueryCoverage];
        if (coverage < (settings.Thresholds.SuggestCoverage ?? 0))
        {
            return new TierDecision(KbTier.Miss, [], top.Probability, answer, suggest, "low-coverage");
        }

        if (top.Probability >= answer)
        {
            return coverage >= (settings.Thresholds.AnswerCoverage ?? 0)
                ? new TierDecision(KbTier.Answer, [top], top.Probability, answer, suggest, "above-answer-threshold")
                : new TierDecision(KbTier.Suggest, ChooseSuggestions(candidates, settings.Suggestions), top.Probability, answer, suggest, "low-coverage");
        }

        if (top.Probability < suggest)
        {
            return new TierDecision(KbTier.Miss, [], top.Probability, answer, suggest, "below-suggest-threshold");
        }

        return new TierDecision(KbTier.Suggest, ChooseSuggestions(candidates, settings.Suggestions), top.Probability, answer, suggest, "between-thresholds");
    }

    /// <summary>
    /// The candidate with a stored question equal to the query (after normalization, ignoring
    /// punctuation and spacing). The calibration is fitted on paraphrases held out of the index, so
    /// it never sees a customer typing the FAQ's own wording and can score that below the answer
    /// threshold when sibling entries share its words; a question the KB holds verbatim for a single
    /// entry is answered. Null when no row matches exactly or when two entries hold the same question.
    /// </summary>
    public static KbCandidate? ExactQuestion(IReadOnlyList<KbCandidate> candidates)
    {
        foreach (var c in candidates)
        {
            if (c.IsExactQuestion)
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>
    /// The best candidate, then the next ones while they stay within the relative floor of the best
    /// and no score gap larger than the one seen so far opens (a gap marks where plausible
    /// alternatives end); topped up to the minimum, capped at the maximum.
    /// </summary>
    public static IReadOnlyList<KbCandidate> ChooseSuggestions(IReadOnlyList<KbCandidate> candidates, SuggestionSettings settings)
    {
        var chosen = new List<KbCandidate> { candidates[0] };
        var floor = candidates[0].Probability * settings.RelativeFloor;
        var largestGap = 0.0;
        for (var i = 1; i < candidates.Count && chosen.Count < settings.Max; i++)
        {
            var c = candidates[i];
            if (c.Probability < settings.MinProbability)
            {
                break;
            }

            var gap = chosen[^1].Score - c.Score;
            var withinFloor = c.Probability >= floor;
            var gapOpens = chosen.Count >= 2 && gap > 2 * largestGap && gap > 1;
            if (chosen.Count >= settings.Min && (!withinFloor || gapOpens))
            {
                break;
            }

            largestGap = Math.Max(largestGap, gap);
            chosen.Add(c);
        }

        return chosen;
    }
}
