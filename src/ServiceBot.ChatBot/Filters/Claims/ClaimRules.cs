namespace ServiceBot.ChatBot.Filters.Claims;

/// <summary>
/// Word lists of the unsupported-claims check: sweeping words a reply may only repeat from its
/// sources, and the words that make a clause negative. The defaults ship with the ChatBot
/// (<c>Resources/claim-rules.yaml</c>); a bot adds to them in <c>chatbot.filters.claims.rules</c>.
/// </summary>
internal sealed class ClaimRules
{
    /// <summary>Words a reply may use only when a source does (立即, always, 全国).</summary>
    public List<string> Absolutes { get; set; } = [];

    /// <summary>Words that negate a clause (不, 未, not, can't).</summary>
    public List<string> Negations { get; set; } = [];

    /// <summary>Words that contain a negation but negate nothing (不过, 免费, no-reason).</summary>
    public List<string> NotNegations { get; set; } = [];

    /// <summary>Phrases that make a clause about the sources, not the policy ("没有说明", "doesn't say"): such clauses are not compared.</summary>
    public List<string> SourceTalk { get; set; } = [];

    /// <summary>English words left out when a reply clause is matched to a source clause.</summary>
    public List<string> StopWords { get; set; } = [];

    /// <summary>These rules with <paramref name="other"/>'s entries added.</summary>
    public ClaimRules Merge(ClaimRules? other) => other is null
        ? this
        : new ClaimRules
        {
            Absolutes = [.. Absolutes.Union(other.Absolutes, StringComparer.OrdinalIgnoreCase)],
            Negations = [.. Negations.Union(other.Negations, StringComparer.OrdinalIgnoreCase)],
            NotNegations = [.. NotNegations.Union(other.NotNegations, StringComparer.OrdinalIgnoreCase)],
            SourceTalk = [.. SourceTalk.Union(other.SourceTalk, StringComparer.OrdinalIgnoreCase)],
            StopWords = [.. StopWords.Union(other.StopWords, StringComparer.OrdinalIgnoreCase)],
        };
}
