using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Funnel.Rules;

/// <summary>One rule as written in rules.yaml.</summary>
internal sealed class RuleDefinition
{
    public string Id { get; set; } = "";

    /// <summary>Higher wins when several rules match one message.</summary>
    public int Priority { get; set; }

    public RuleAction Action { get; set; }

    /// <summary>Phrases the whole message must equal (after folding width and case and dropping spaces and punctuation).</summary>
    public List<string> Exact { get; set; } = [];

    /// <summary>Phrases the message must contain, for messages no longer than <see cref="MaxChars"/>.</summary>
    public List<string> Contains { get; set; } = [];

    /// <summary>Regular expressions (non-backtracking, case-insensitive) tried on the width-folded, lower-cased message, for messages no longer than <see cref="MaxChars"/>.</summary>
    public List<string> Patterns { get; set; } = [];

    /// <summary>Longest message (letters and digits) that <see cref="Contains"/> and <see cref="Patterns"/> apply to, so a rule phrase inside a long question does not hijack it.</summary>
    public int MaxChars { get; set; } = 24;

    public LocalizedText? Replies { get; set; }

    /// <summary>Replies for one channel (e.g. slack, msteams, webchat), by channel id; others use <see cref="Replies"/>.</summary>
    public Dictionary<string, LocalizedText> ChannelReplies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
