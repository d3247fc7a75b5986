namespace ServiceBot.KbBot.Settings;

/// <summary>Calibrated-probability thresholds of the answer and suggest tiers.</summary>
internal sealed class TierThresholds
{
    /// <summary>Answer directly at or above this probability.</summary>
    public double? Answer { get; set; }

    /// <summary>Offer "did you mean" suggestions at or above this probability (and below <see cref="Answer"/>).</summary>
    public double? Suggest { get; set; }

    /// <summary>
    /// The least IDF-weighted share of the customer's words that the best-matching question must
    /// contain for a direct answer. The calibration sees scores relative to the other candidates,
    /// so a question that shares one common word with a single FAQ ("帮我写一首诗" and "帮我看看订单")
    /// can look confident; words the KB has never seen weigh most here, which is what pulls such a
    /// question below the bar. Read from the KB-wide thresholds only.
    /// </summary>
    public double? AnswerCoverage { get; set; }

    /// <summary>The least such share for "did you mean" suggestions; below it the KB declines.</summary>
    public double? SuggestCoverage { get; set; }
}
