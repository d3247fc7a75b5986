using System.Globalization;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.ChatBot.Content;

/// <summary>
/// The optional entailment check (<c>chatbot.filters.entailment</c>): each sentence of a generated reply
/// is classified against its sources by the NLI endpoint under <c>ServiceBot:Nli</c>. Without that
/// endpoint the check is off even when enabled here (the host logs a warning when the bot loads).
/// </summary>
internal sealed class EntailmentSettings
{
    public const string ContradictionMode = "contradiction";
    public const string EntailmentMode = "entailment";

    public bool Enabled { get; set; }

    /// <summary><c>contradiction</c> removes sentences the sources contradict; <c>entailment</c> also removes those they do not entail.</summary>
    public string Mode { get; set; } = ContradictionMode;

    /// <summary>
    /// Probability of the deciding label needed to act: in <c>contradiction</c> mode a sentence whose
    /// contradiction probability is at least this is unsupported; in <c>entailment</c> mode one whose
    /// entailment probability is below this is.
    /// </summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Characters of source text sent as the premise, cut at a sentence boundary.</summary>
    public int MaxPremiseChars { get; set; } = 2000;

    /// <summary><c>remove-sentence</c> drops unsupported sentences; <c>block</c> rejects the reply.</summary>
    public string Policy { get; set; } = "remove-sentence";

    /// <summary>More sentences to remove than this blocks the reply instead: what is left would mislead by omission.</summary>
    public int MaxRemovedSentences { get; set; } = 1;

    public bool IsEntailmentMode => string.Equals(Mode, EntailmentMode, StringComparison.OrdinalIgnoreCase);

    public bool Blocks => string.Equals(Policy, "block", StringComparison.OrdinalIgnoreCase);

    /// <summary>Rejects values the check cannot run with, naming the key.</summary>
    /// <exception cref="BotDefinitionException">A value is out of range or unknown.</exception>
    public void Validate(string sourcePath)
    {
        const string Key = "chatbot.filters.entailment";
        if (!string.Equals(Mode, ContradictionMode, StringComparison.OrdinalIgnoreCase) && !IsEntailmentMode)
        {
            throw new BotDefinitionException(sourcePath, $"{Key}.mode must be 'contradiction' or 'entailment', not '{Mode}'.");
        }

        if (!string.Equals(Policy, "remove-sentence", StringComparison.OrdinalIgnoreCase) && !Blocks)
        {
            throw new BotDefinitionException(sourcePath, $"{Key}.policy must be 'remove-sentence' or 'block', not '{Policy}'.");
        }

        if (Threshold is < 0 or > 1 || double.IsNaN(Threshold))
        {
            throw new BotDefinitionException(sourcePath, $"{Key}.threshold must be between 0 and 1, not {Threshold.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (MaxPremiseChars < 1)
        {
            throw new BotDefinitionException(sourcePath, $"{Key}.max-premise-chars must be positive, not {MaxPremiseChars.ToString(CultureInfo.InvariantCulture)}.");
        }

        if (MaxRemovedSentences < 0)
        {
            throw new BotDefinitionException(sourcePath, $"{Key}.max-removed-sentences cannot be negative.");
        }
    }
}
