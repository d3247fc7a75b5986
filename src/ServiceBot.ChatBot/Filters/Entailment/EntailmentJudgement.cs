namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>The entailment check's decision on one sentence, as the trace shows it (note <c>entailment</c>).</summary>
/// <param name="Sentence">Index of the sentence in the checked text (0-based, as <see cref="SentenceSplitter"/> splits it).</param>
/// <param name="Label">The model's most probable label: <c>entailment</c>, <c>neutral</c> or <c>contradiction</c>.</param>
/// <param name="Score">The probability of <paramref name="Label"/>.</param>
/// <param name="Verdict"><c>supported</c>, or <c>unsupported</c> when the bot's mode and threshold reject the sentence.</param>
internal sealed record EntailmentJudgement(int Sentence, string Label, double Score, string Verdict)
{
    public const string Supported = "supported";
    public const string Unsupported = "unsupported";
}
