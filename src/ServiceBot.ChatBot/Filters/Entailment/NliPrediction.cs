namespace ServiceBot.ChatBot.Filters.Entailment;

/// <summary>The model's probabilities for one pair, by label (lower case: <c>entailment</c>, <c>neutral</c>, <c>contradiction</c>).</summary>
/// <param name="Scores">Every label the server returned with its probability.</param>
internal sealed record NliPrediction(IReadOnlyDictionary<string, double> Scores)
{
    public const string Entailment = "entailment";
    public const string Neutral = "neutral";
    public const string Contradiction = "contradiction";

    /// <summary>The most probable label.</summary>
    public string Label => Scores.MaxBy(s => s.Value).Key;

    /// <summary>The probability of <see cref="Label"/>.</summary>
    public double Score => Scores.Values.Max();

    /// <summary>The probability of <paramref name="label"/>; 0 when the server did not return it.</summary>
    public double ScoreOf(string label) => Scores.GetValueOrDefault(label);
}
