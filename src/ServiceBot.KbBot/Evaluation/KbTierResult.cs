namespace ServiceBot.KbBot.Evaluation;

/// <summary>What the answer / suggest / miss tiers did with the evaluation questions at the bot's thresholds.</summary>
/// <param name="AnswerThreshold">The KB-wide answer threshold.</param>
/// <param name="SuggestThreshold">The KB-wide suggest threshold.</param>
/// <param name="Answered">Questions with an answer that were answered directly.</param>
/// <param name="AnsweredCorrectly">… with the right FAQ.</param>
/// <param name="Suggested">Questions with an answer that got "did you mean" suggestions.</param>
/// <param name="SuggestedContainingAnswer">… whose suggestions included the right FAQ.</param>
/// <param name="Missed">Questions with an answer that were declined.</param>
/// <param name="Unanswerable">Questions without an answer in the KB.</param>
/// <param name="UnanswerableAnswered">… that were answered anyway (a wrong answer).</param>
/// <param name="UnanswerableSuggested">… that got suggestions.</param>
public sealed record KbTierResult(
    double AnswerThreshold,
    double SuggestThreshold,
    int Answered,
    int AnsweredCorrectly,
    int Suggested,
    int SuggestedContainingAnswer,
    int Missed,
    int Unanswerable,
    int UnanswerableAnswered,
    int UnanswerableSuggested)
{
    /// <summary>Share of direct answers that were right, over all questions (a wrong FAQ or an unanswerable question both count as wrong).</summary>
    public double AnswerPrecision => Answered + UnanswerableAnswered == 0 ? double.NaN : (double)AnsweredCorrectly / (Answered + UnanswerableAnswered);

    /// <summary>Share of answerable questions answered directly and rightly.</summary>
    public double AnswerCoverage(int answerable) => answerable == 0 ? double.NaN : (double)AnsweredCorrectly / answerable;

    /// <summary>Share of suggestion offers holding the right entry; offers to questions without an answer count as misses.</summary>
    public double SuggestHitRate => Suggested + UnanswerableSuggested == 0 ? double.NaN : (double)SuggestedContainingAnswer / (Suggested + UnanswerableSuggested);

    /// <summary>Share of answerable questions declined.</summary>
    public double MissRate(int answerable) => answerable == 0 ? double.NaN : (double)Missed / answerable;

    /// <summary>Share of questions without an answer that were answered anyway.</summary>
    public double FalseAnswerRate => Unanswerable == 0 ? double.NaN : (double)UnanswerableAnswered / Unanswerable;
}
