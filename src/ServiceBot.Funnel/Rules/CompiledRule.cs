using System.Collections.Frozen;
using System.Text.RegularExpressions;
using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Funnel.Rules;

internal sealed record CompiledRule(
    string Id,
    int Priority,
    int Order,
    RuleAction Action,
    string[] Contains,
    Regex[] Patterns,
    int MaxChars,
    FrozenSet<string> Intents,
    double MinConfidence,
    LocalizedText Replies,
    IReadOnlyDictionary<string, LocalizedText> ChannelReplies)
{
    public LocalizedText RepliesFor(string? channelId) =>
        channelId is not null && ChannelReplies.TryGetValue(channelId, out var channel) ? channel : Replies;
}
