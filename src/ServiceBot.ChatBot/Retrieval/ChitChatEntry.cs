using ServiceBot.Abstractions.Bots;

namespace ServiceBot.ChatBot.Retrieval;

/// <summary>One entry of a chit-chat corpus: ways a customer says something, and what the bot answers.</summary>
internal sealed class ChitChatEntry
{
    public string Id { get; set; } = "";

    /// <summary><c>zh</c>, <c>en</c> or a full locale; null for every language.</summary>
    public string? Locale { get; set; }

    public List<string> Questions { get; set; } = [];

    public LocalizedText? Replies { get; set; }
}
