using System.Text.Json.Serialization;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Funnel.Rules;

/// <summary>One rule as written in rules.yaml.</summary>
/// <remarks>An unknown key is an error: a misspelt trigger or threshold would otherwise be dropped without a word.</remarks>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed class RuleDefinition
{
    /// <summary>The confidence an intent trigger needs when the rule sets none.</summary>
    public const double DefaultMinConfidence = 0.8;

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

    /// <summary>
    /// Intents (of the bot's intent classifier: TaskBot's dialog ids) that trigger the rule when the
    /// message's most probable intent is one of them with at least <see cref="MinConfidence"/>. Not
    /// limited by <see cref="MaxChars"/>: the classifier reads the whole message, so a long question
    /// is not hijacked by one phrase in it.
    /// </summary>
    public List<string> Intents { get; set; } = [];

    /// <summary>The probability <see cref="Intents"/> need, in (0, 1]; <see cref="DefaultMinConfidence"/> when not set.</summary>
    public double? MinConfidence { get; set; }

    public LocalizedText? Replies { get; set; }

    /// <summary>Replies for one channel (e.g. slack, msteams, webchat), by channel id; others use <see cref="Replies"/>.</summary>
    public Dictionary<string, LocalizedText> ChannelReplies { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
