namespace ServiceBot.KbBot.Settings;

/// <summary>The <c>kb:</c> section of a bot's <c>bot.yaml</c>: thresholds, recall, suggestions, follow-ups.</summary>
internal sealed class KbSettings
{
    public const string Section = "kb";

    /// <summary>Thresholds for the whole KB.</summary>
    public TierThresholds Thresholds { get; set; } = new();

    /// <summary>Thresholds by FAQ category, overriding <see cref="Thresholds"/> field by field.</summary>
    public Dictionary<string, TierThresholds> Categories { get; set; } = new(StringComparer.Ordinal);

    public SuggestionSettings Suggestions { get; set; } = new();

    public KbReplies Replies { get; set; } = new();

    public RecallSettings Recall { get; set; } = new();

    public FollowUpSettings FollowUp { get; set; } = new();

    public RelatedSettings Related { get; set; } = new();

    public TrainingSettings Training { get; set; } = new();

    /// <summary>Answer threshold when neither the KB nor the category sets one.</summary>
    public const double DefaultAnswer = 0.8;

    /// <summary>Suggest threshold when neither the KB nor the category sets one.</summary>
    public const double DefaultSuggest = 0.3;

    /// <summary>The effective thresholds for an FAQ category.</summary>
    public (double Answer, double Suggest) ThresholdsFor(string? category)
    {
        TierThresholds? specific = null;
        if (category is not null)
        {
            Categories.TryGetValue(category, out specific);
        }

        var answer = specific?.Answer ?? Thresholds.Answer ?? DefaultAnswer;
        var suggest = specific?.Suggest ?? Thresholds.Suggest ?? DefaultSuggest;
        return (answer, Math.Min(suggest, answer));
    }

    /// <summary>Checks ranges; the message names the setting.</summary>
    public IEnumerable<string> Validate()
    {
        foreach (var (name, t) in Categories.Select(p => ($"categories.{p.Key}", p.Value)).Prepend(("thresholds", Thresholds)))
        {
            if (t.Answer is < 0 or > 1)
            {
                yield return $"kb.{name}.answer must be a probability between 0 and 1 (is {t.Answer}).";
            }

            if (t.Suggest is < 0 or > 1)
            {
                yield return $"kb.{name}.suggest must be a probability between 0 and 1 (is {t.Suggest}).";
            }
        }

        if (Suggestions.Min < 1 || Suggestions.Max < Suggestions.Min)
        {
            yield return $"kb.suggestions needs 1 <= min <= max (min {Suggestions.Min}, max {Suggestions.Max}).";
        }

        if (Recall.Rows < 1 || Recall.Candidates < 1)
        {
            yield return "kb.recall.rows and kb.recall.candidates must be at least 1.";
        }

        if (Recall.Bm25.K1 < 0 || Recall.Bm25.B is < 0 or > 1)
        {
            yield return "kb.recall.bm25 needs k1 >= 0 and b between 0 and 1.";
        }

        foreach (var problem in Recall.Embedder.Validate())
        {
            yield return problem;
        }

        if (Training.HeldOutFraction is <= 0 or >= 1)
        {
            yield return "kb.training.held-out-fraction must be between 0 and 1.";
        }
    }
}
