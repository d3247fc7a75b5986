namespace ServiceBot.ChatBot.Content;

/// <summary>The optional entailment check through an NLI endpoint (<c>ServiceBot:Nli</c>).</summary>
internal sealed class EntailmentSettings
{
    public bool Enabled { get; set; }

    /// <summary><c>contradiction</c> removes sentences the sources contradict; <c>entailment</c> also removes those they do not entail.</summary>
    public string Mode { get; set; } = "contradiction";

    /// <summary>Probability of the deciding label needed to act.</summary>
    public double Threshold { get; set; } = 0.5;

    /// <summary>Characters of source text sent as the premise.</summary>
    public int MaxPremiseChars { get; set; } = 2000;
}
