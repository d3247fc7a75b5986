using ServiceBot.Abstractions.Bots;

namespace ServiceBot.Text.Synonyms;

/// <summary>
/// Expands an index term with the synonyms a bot declares (the files listed under <c>text.synonyms</c>
/// in its bot.yaml), for query expansion in lexical recall (BM25).
/// </summary>
/// <remarks>
/// Terms are compared in the analyzer's index form (<see cref="ServiceBot.Abstractions.Text.AnalyzedUtterance.Terms"/>):
/// normalized, English stemmed. A synonym that analyzes to several terms is returned as those terms
/// joined by one space (a phrase). Thread-safe; a bot's files are read once per loaded bot definition.
/// </remarks>
public interface ISynonymExpander
{
    /// <summary>The synonyms of <paramref name="term"/> (never the term itself), in file order; empty when it has none.</summary>
    /// <exception cref="BotDefinitionException">A synonym file of the bot is missing or unreadable.</exception>
    IReadOnlyList<string> Expand(BotDefinition bot, string term);

    /// <summary>Whether <paramref name="bot"/> declares any synonyms, so that callers can skip expansion altogether.</summary>
    /// <exception cref="BotDefinitionException">A synonym file of the bot is missing or unreadable.</exception>
    bool HasSynonyms(BotDefinition bot);
}
