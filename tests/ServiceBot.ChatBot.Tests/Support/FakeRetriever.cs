using ServiceBot.Abstractions.Bots;
using ServiceBot.Abstractions.Retrieval;
using ServiceBot.Abstractions.Text;

namespace ServiceBot.ChatBot.Tests.Support;

/// <summary>
/// A small knowledge retriever for ChatBot tests (the real one belongs to the KB work): passages that
/// share at least <see cref="MinShared"/> terms with the query, best first.
/// </summary>
internal sealed class FakeRetriever(CharacterAnalyzer analyzer, params RetrievedPassage[] passages) : IKnowledgeRetriever
{
    public int MinShared { get; init; } = 2;

    public List<string> Queries { get; } = [];

    public ValueTask<IReadOnlyList<RetrievedPassage>> RetrieveAsync(BotDefinition bot, AnalyzedUtterance query, int count, CancellationToken cancellationToken)
    {
        lock (Queries)
        {
            Queries.Add(query.Original);
        }

        var terms = query.Terms.ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<RetrievedPassage> found = [.. passages
            .Select(p => (Passage: p, Shared: analyzer.Analyze(p.Title + " " + p.Text).Terms.Distinct(StringComparer.Ordinal).Count(terms.Contains)))
            .Where(p => p.Shared >= MinShared)
            .OrderByDescending(p => p.Shared)
            .Take(count)
            .Select(p => p.Passage with { Score = p.Shared })];
        return ValueTask.FromResult(found);
    }
}
