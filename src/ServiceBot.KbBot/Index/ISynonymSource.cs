using ServiceBot.Abstractions.Bots;

namespace ServiceBot.KbBot.Index;

/// <summary>A bot's synonym lookup for query expansion (term → other terms of its group).</summary>
internal interface ISynonymSource
{
    /// <summary>The lookup for <paramref name="bot"/>, or null when the bot has no synonyms.</summary>
    Func<string, IReadOnlyList<string>>? For(BotDefinition bot);
}
