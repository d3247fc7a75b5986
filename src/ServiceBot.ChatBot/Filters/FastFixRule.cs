using ServiceBot.Abstractions.Bots;

namespace ServiceBot.ChatBot.Filters;

/// <summary>
/// One operator fast-fix rule: when a reply contains one of <see cref="Contains"/> (case-insensitive)
/// or matches <see cref="Regex"/>, the reply is blocked, the sentence removed, or the match replaced.
/// </summary>
internal sealed class FastFixRule
{
    public string Id { get; set; } = "";

    public List<string> Contains { get; set; } = [];

    public string? Regex { get; set; }

    /// <summary><c>block</c>, <c>remove-sentence</c> or <c>replace</c>.</summary>
    public string Action { get; set; } = "block";

    /// <summary>The replacement for <c>replace</c> (per language or one text).</summary>
    public LocalizedText? With { get; set; }

    /// <summary>True to apply to generated replies only (the default); false for every reply.</summary>
    public bool GeneratedOnly { get; set; } = true;
}
