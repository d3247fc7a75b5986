using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.Abstractions.Retrieval;

/// <summary>
/// Finds the knowledge passages (FAQ entries, document chunks) most relevant to a query, for
/// grounding generated replies. Implemented by the KB-Bot over its live indexes.
/// </summary>
/// <remarks>Thread-safe. Returns an empty list for a bot without knowledge; never throws for any query.</remarks>
public interface IKnowledgeRetriever
{
    ValueTask<IReadOnlyList<RetrievedPassage>> RetrieveAsync(BotDefinition bot, AnalyzedUtterance query, int count, CancellationToken cancellationToken);
}
