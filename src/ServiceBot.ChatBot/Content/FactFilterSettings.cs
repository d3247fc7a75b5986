using ServiceBot.ChatBot.Filters.Facts;

namespace ServiceBot.ChatBot.Content;

/// <summary>The unsupported-facts check.</summary>
internal sealed class FactFilterSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>remove-sentence</c> drops sentences with unsupported facts; <c>block</c> rejects the reply.</summary>
    public string Policy { get; set; } = "remove-sentence";

    /// <summary>More sentences to remove than this blocks the reply instead: what is left would mislead by omission.</summary>
    public int MaxRemovedSentences { get; set; } = 1;

    /// <summary>Word lists added to the built-in ones.</summary>
    public FactRules? Rules { get; set; }
}
