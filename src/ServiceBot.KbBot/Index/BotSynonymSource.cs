using ServiceBot.Abstractions.Bots;
using ServiceBot.Text.Synonyms;

namespace ServiceBot.KbBot.Index;

/// <summary>
/// Query expansion from the synonym files a bot lists under <c>text.synonyms</c> in its bot.yaml,
/// read by text analysis (<see cref="ISynonymExpander"/>). A bot without synonyms gets no expansion, and
/// a process without text analysis's expander (a KB composed on its own) none either.
/// </summary>
internal sealed class BotSynonymSource(IEnumerable<ISynonymExpander> expanders) : ISynonymSource
{
    private readonly ISynonymExpander? _expander = expanders.LastOrDefault();

    /// <summary>The bot's lookup, or null when it has no synonyms.</summary>
    /// <exception cref="BotDefinitionException">A synonym file of the bot is missing or unreadable.</exception>
    public Func<string, IReadOnlyList<string>>? For(BotDefinition bot)
    {
        var expander = _expander;
        return expander is not null && expander.HasSynonyms(bot) ? term => expander.Expand(bot, term) : null;
    }
}
