using ServiceBot.ChatBot.Filters.Claims;

namespace ServiceBot.ChatBot.Content;

/// <summary>The unsupported-claims check (<c>chatbot.filters.claims</c>).</summary>
internal sealed class ClaimFilterSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary><c>remove-sentence</c> drops sentences with unsupported claims; <c>block</c> rejects the reply.</summary>
    public string Policy { get; set; } = "remove-sentence";

    /// <summary>More sentences to remove than this blocks the reply instead.</summary>
    public int MaxRemovedSentences { get; set; } = 1;

    /// <summary>
    /// Share of a reply clause's words (Chinese: character pairs) a source clause must contain to count
    /// as the statement the reply restates; only then is their polarity compared. Above one half, so a
    /// clause that shares only its topic with a source is not taken for a restatement.
    /// </summary>
    public double MinCoverage { get; set; } = 0.51;

    /// <summary>Reply clauses with fewer words (character pairs) than this are too short to compare.</summary>
    public int MinClauseUnits { get; set; } = 3;

    /// <summary>Word lists added to the built-in ones.</summary>
    public ClaimRules? Rules { get; set; }
}
